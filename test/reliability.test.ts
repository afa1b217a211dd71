import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recto, SEEDS, tempDir } from './support/run.ts';
import { tree } from './support/tree.ts';

/** Guarantees across the whole pipeline: atomic outputs under SIGKILL, reproducibility, safe paths, limits. */
const env = { SOURCE_DATE_EPOCH: '1700000000' };

function seedCopy(change?: (text: string) => string): string {
  const dir = tempDir();
  cpSync(SEEDS, dir, { recursive: true });
  if (change) {
    const file = join(dir, '001_39edde1195e6049d.txt');
    writeFileSync(file, change(readFileSync(file, 'utf8')));
  }
  return dir;
}

describe('a build killed with SIGKILL', () => {
  it('leaves every output file either the old or the new complete version, never a truncated one', async () => {
    const v1 = seedCopy();
    const v2 = seedCopy((t) => t.replace('contemplated meeting', 'contemplated great meeting'));
    const [ref1, ref2, out] = [tempDir(), tempDir(), tempDir()];
    for (const [sources, dir] of [
      [v1, ref1],
      [v2, ref2],
      [v1, out],
    ] as const) {
      expect(recto(['build', '--sources', sources, '--out', dir, '--quiet'], { env }).status).toBe(0);
    }
    const [old, fresh] = [tree(ref1), tree(ref2)];
    expect([...old].filter(([k, v]) => fresh.get(k) !== v).length).toBeGreaterThan(5); // the versions do differ
    let killedMidway = 0;
    // (the later delays let a killed build reach its cache on a loaded machine too, where the CLI
    // takes seconds to start: the last build below must find the cache they left)
    for (const delay of [150, 400, 700, 1000, 1400, 1900, 3000, 4500]) {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin/recto.js'), 'build', '--sources', v2, '--out', out, '--quiet'],
        {
          env: { ...process.env, ...env },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delay));
      if (child.kill('SIGKILL')) killedMidway++;
      await exited;
      for (const [file, hash] of tree(out)) {
        if (/\.tmp$/.test(file)) continue; // a killed build's temporary file: never an output
        expect([old.get(file), fresh.get(file)], file).toContain(hash);
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    // the next build completes the new version from the cache the killed builds left (it survived
    // them: every entry whole or absent) and sweeps the temporary files away
    const last = recto(['build', '--sources', v2, '--out', out], { env });
    expect(last.status).toBe(0);
    expect(last.stderr).toMatch(/normalize: 5 documents \([45] unchanged, from the cache\)/);
    expect(tree(out)).toEqual(fresh); // outputs and cache alike
  });
});

describe('reproducible builds', () => {
  it('give byte-identical TEI, HTML, EPUB and PDF in different directories with the same SOURCE_DATE_EPOCH', () => {
    const sources = seedCopy();
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b])
      expect(recto(['build', '--sources', sources, '--out', out, '--quiet'], { env }).status).toBe(0);
    const ta = tree(a);
    expect(
      [...ta.keys()].some((k) => k.endsWith('.pdf')) && [...ta.keys()].some((k) => k.endsWith('.epub')),
    ).toBe(true);
    expect(tree(b)).toEqual(ta);
  });
});

describe('paths', () => {
  const manifest = (file: string): string =>
    JSON.stringify({
      id: 'x',
      title: 'T',
      editor: 'E',
      publisher: 'P',
      licence: 'L',
      language: 'en',
      documents: [{ file }],
    });

  it('refuses manifest files outside the sources folder (../, absolute, NUL) and writes nothing', () => {
    for (const file of ['../../x.txt', '/etc/passwd', 'a\u0000.txt']) {
      const sources = tempDir();
      writeFileSync(join(sources, 'a.txt'), 'A Letter\n\nText.');
      writeFileSync(join(sources, 'edition.json'), manifest(file));
      const out = join(tempDir(), 'out');
      const r = recto(['build', '--sources', sources, '--out', out]);
      expect(r.status, file).toBe(1);
      expect(r.stderr).toContain('[manifest-path]');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('derives safe output names from any source file name, inside the output folder', () => {
    const sources = tempDir();
    for (const name of ['con.txt', 'naïve name (draft).txt', '..hidden.txt'])
      writeFileSync(join(sources, name), 'A Letter\n\nText.');
    const out = tempDir();
    expect(recto(['build', '--sources', sources, '--out', out, '--formats', 'tei', '--quiet']).status).toBe(
      0,
    );
    expect(readdirSync(join(out, 'tei')).sort()).toEqual([
      '_con.xml',
      '_hidden.xml',
      'edition.xml',
      'na_ve_name__draft_.xml',
    ]);
  });
});

describe('limits', () => {
  it('refuses a TEI file with more elements than allowed, with a clear message', () => {
    const dir = tempDir();
    const file = join(dir, 'many.xml');
    writeFileSync(
      file,
      `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>${'<p>x</p>'.repeat(2000)}</body></text></TEI>`,
    );
    const r = recto(['text', file], { env: { RECTO_MAX_ELEMENTS: '1000' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'many.xml:1:1: error [tei-too-many-elements] more than 1000 elements (RECTO_MAX_ELEMENTS)',
    );
  });
});
