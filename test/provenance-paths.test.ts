import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recto, SEEDS, tempDir } from './support/run.ts';

/** Every file under a folder, as paths relative to it, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('no machine path in any output (issue #14)', () => {
  it('two clean builds of the seeds from two different folders give the same bytes, naming neither folder', () => {
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const builds = ['recto-a-', 'recto-bb-'].map((prefix) => {
      const root = tempDir(prefix);
      const sources = join(root, 'copy-of-sources');
      cpSync(SEEDS, sources, { recursive: true });
      const out = join(root, 'out');
      const r = recto(['build', '--sources', sources, '--out', out, '--no-cache', '--quiet'], { env });
      expect(r.status, r.stderr).toBe(0);
      return { root, sources, out };
    });
    const [a, b] = builds as [(typeof builds)[0], (typeof builds)[0]];
    const names = files(a.out);
    expect(names).toEqual(files(b.out));
    expect(names.some((n) => n.endsWith('.pdf'))).toBe(true);
    expect(names.some((n) => n.endsWith('.epub'))).toBe(true);
    expect(names.some((n) => n.endsWith('.html'))).toBe(true);
    const leaks: string[] = [];
    for (const name of names) {
      const x = readFileSync(join(a.out, name));
      const y = readFileSync(join(b.out, name));
      expect(x.equals(y), `${name} differs between the two builds`).toBe(true);
      for (const [bytes, build] of [
        [x, a],
        [y, b],
      ] as const) {
        const text = bytes.toString('latin1');
        for (const folder of [a.root, b.root])
          if (text.includes(folder)) leaks.push(`${name} (build in ${build.root}) contains ${folder}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 300_000);
});
