import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEEDS, tempDir } from './support/run.ts';

/**
 * Recto as a user installs it: `npm pack`, then `npm install -g` of the tarball into a folder of its
 * own, then `recto build` in a folder that is not the project's. The package holds what runs (the
 * compiled dist/, bin/, templates/), no test, fixture or TypeScript source, and runs without tsx.
 * About 20 s, most of it npm installing the dependencies (from its cache when CI's `npm ci` filled it).
 */
describe('the packed package', () => {
  it('holds what runs, installs globally and builds an edition in any folder', () => {
    const work = tempDir('recto-pack-');
    execFileSync(process.execPath, [join(ROOT, 'scripts/compile.js')], { cwd: ROOT });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('bin/recto.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/pipeline/render-task.js');
    expect(files.some((f) => f.startsWith('templates/pdf/'))).toBe(true);
    expect(files.filter((f) => /^(test|src|bench|scripts|sources)\//.test(f) || f.endsWith('.ts'))).toEqual(
      [],
    );

    const prefix = join(work, 'global');
    const install = spawnSync(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(work, packed[0]?.filename ?? ''),
      ],
      { cwd: work, encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    const installed = join(prefix, 'lib/node_modules/recto');
    expect(existsSync(join(installed, 'src'))).toBe(false);
    // compiled JavaScript runs as it is: no TypeScript loader in the installed tree
    expect(existsSync(join(installed, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(prefix, 'lib/node_modules/tsx'))).toBe(false);

    const recto = join(prefix, 'bin/recto');
    const version = spawnSync(recto, ['--version'], { cwd: work, encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const edition = join(work, 'my-edition');
    mkdirSync(edition);
    cpSync(SEEDS, join(edition, 'sources'), { recursive: true });
    const build = spawnSync(recto, ['build', '--formats', 'tei,html,epub,pdf'], {
      cwd: edition,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const out = readdirSync(join(edition, 'output'));
    expect(out).toEqual(expect.arrayContaining(['tei', 'html']));
    expect(out.some((f) => f.endsWith('.epub'))).toBe(true);
    expect(out.some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(readdirSync(join(edition, 'output/tei')).length).toBeGreaterThan(1);
  }, 180_000);
});
