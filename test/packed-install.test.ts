import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS, tempDir } from './support/run.ts';

/**
 * Recto as a user installs it: `npm pack`, then `npm install -g` of the tarball into a folder of its
 * own, then `recto build` in folders that are not the project's. Packed and installed once for
 * both tests below (about 20 s, most of it npm installing the dependencies, from its cache when
 * CI's `npm ci` filled it).
 */
const work = tempDir('recto-pack-');
const prefix = join(work, 'global');
const bin = join(prefix, 'bin', 'recto');
let packedFiles: string[] = [];

beforeAll(() => {
  // (npm pack here runs no scripts: the compiled dist/ it ships is brought up to date first)
  execFileSync(process.execPath, [join(ROOT, 'scripts/compile.js')], { cwd: ROOT });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed[0]?.files.map((f) => f.path) ?? [];
  const tarball = join(work, packed[0]?.filename ?? '');
  expect(existsSync(tarball), tarball).toBe(true);
  const install = spawnSync(
    'npm',
    ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
    { cwd: work, encoding: 'utf8' },
  );
  expect(install.status, install.stderr).toBe(0);
}, 300_000);

describe('the packed package', () => {
  it('holds what runs, installs globally and builds an edition in any folder', () => {
    expect(packedFiles).toContain('bin/recto.js');
    expect(packedFiles).toContain('dist/cli.js');
    expect(packedFiles).toContain('dist/pipeline/render-task.js');
    expect(packedFiles.some((f) => f.startsWith('templates/pdf/'))).toBe(true);
    expect(
      packedFiles.filter((f) => /^(test|src|bench|scripts|sources)\//.test(f) || f.endsWith('.ts')),
    ).toEqual([]);

    const installed = join(prefix, 'lib/node_modules/recto');
    expect(existsSync(join(installed, 'src'))).toBe(false);
    // compiled JavaScript runs as it is: no TypeScript loader in the installed tree
    expect(existsSync(join(installed, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(prefix, 'lib/node_modules/tsx'))).toBe(false);

    const version = spawnSync(bin, ['--version'], { cwd: work, encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const edition = join(work, 'my-edition');
    mkdirSync(edition);
    cpSync(SEEDS, join(edition, 'sources'), { recursive: true });
    const build = spawnSync(bin, ['build', '--formats', 'tei,html,epub,pdf'], {
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

const EPOCH = '1767225600';
const CSS = '/* Society house style */\nbody { font-family: "Publisher Serif", serif; color: #1a2b3c; }\n';

/** The page size pdfinfo reports, in points. */
const pageSize = (pdf: string): string =>
  /Page size:\s+([\d.]+ x [\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '';

/**
 * A publisher's own look without editing the package (issue #26): with the installed `recto`, an
 * edition folder with its own `templates/html/style.css` and `"style": { "trim": "A5" }` in
 * edition.json, built from the edition's folder.
 */
describe('an installed Recto and an edition with its own look', () => {
  const build = (dir: string, out: string): ReturnType<typeof spawnSync> =>
    spawnSync(bin, ['build', '--sources', dir, '--out', out, '--formats', 'tei,html,pdf'], {
      cwd: work,
      encoding: 'utf8',
      // nothing of the repository's settings: the installed package alone
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SOURCE_DATE_EPOCH: EPOCH },
    });

  /** An edition folder of two seeds; `look`: its own CSS and the A5 trim. */
  const edition = (name: string, look: boolean): string => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const files = ['001_39edde1195e6049d.txt', '004_6169f971afa7be48.txt'];
    for (const f of files) copyFileSync(join(SEEDS, f), join(dir, f));
    const manifest = {
      id: 'society-papers',
      title: 'Papers of the Society',
      editor: 'E. Editor',
      publisher: 'The Society',
      licence: 'CC0 1.0',
      language: 'en',
      ...(look ? { style: { trim: 'A5' } } : {}),
      documents: files.map((file) => ({ file })),
    };
    writeFileSync(join(dir, 'edition.json'), JSON.stringify(manifest, null, 2));
    if (look) {
      mkdirSync(join(dir, 'templates/html'), { recursive: true });
      writeFileSync(join(dir, 'templates/html/style.css'), CSS);
    }
    return dir;
  };

  it('builds an A5 PDF and a site with the edition’s CSS; the package is untouched, and without them the book is 6×9', () => {
    expect(existsSync(bin), bin).toBe(true);
    const own = edition('own-look', true);
    const r = build(own, join(work, 'out-own'));
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/2 documents, \d+ files, [\d.]+ s; 0 warnings/);
    expect(pageSize(join(work, 'out-own', 'society-papers.pdf'))).toBe('419.53 x 595.28');
    const site = join(work, 'out-own', 'html');
    expect(readFileSync(join(site, 'assets/style.css'), 'utf8')).toBe(CSS);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toMatch(/href="assets\/style\.css"/);
    // the installed package keeps its own files: the look is the edition's, not an edit of Recto
    const installed = readdirSync(join(prefix, 'lib', 'node_modules'));
    expect(installed).toContain('recto');
    const builtIn = join(prefix, 'lib/node_modules/recto/templates/html/style.css');
    expect(readFileSync(builtIn, 'utf8')).toBe(readFileSync(join(ROOT, 'templates/html/style.css'), 'utf8'));
    // the same edition without its look: the built-in trim and CSS
    const plain = edition('plain', false);
    const p = build(plain, join(work, 'out-plain'));
    expect(p.status, String(p.stderr)).toBe(0);
    expect(pageSize(join(work, 'out-plain', 'society-papers.pdf'))).toBe('432 x 648');
    expect(readFileSync(join(work, 'out-plain/html/assets/style.css'), 'utf8')).toBe(
      readFileSync(builtIn, 'utf8'),
    );
  }, 120_000);
});
