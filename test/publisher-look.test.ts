import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS, tempDir } from './support/run.ts';

const EPOCH = '1767225600';
const CSS = '/* Society house style */\nbody { font-family: "Publisher Serif", serif; color: #1a2b3c; }\n';

/** The page size pdfinfo reports, in points. */
const pageSize = (pdf: string): string =>
  /Page size:\s+([\d.]+ x [\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '';

/**
 * A publisher's own look without editing the package (issue #26): Recto packed as npm publishes
 * it (whatever package.json's `files` and scripts say) and installed globally into a folder of
 * its own; an edition folder beside it with its own `templates/html/style.css` and `"style": {
 * "trim": "A5" }` in edition.json. Built by the installed `recto`, from the edition's folder.
 */
describe('an installed Recto and an edition with its own look', () => {
  const work = tempDir('recto-installed-');
  const prefix = join(work, 'global');
  let bin = '';
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

  beforeAll(() => {
    // (npm pack here runs no scripts: the compiled dist/ it ships is brought up to date first)
    execFileSync(process.execPath, [join(ROOT, 'scripts/compile.js')], { cwd: ROOT });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string }[];
    const tarball = join(work, packed[0]?.filename ?? '');
    expect(existsSync(tarball), tarball).toBe(true);
    // (from npm's cache when it holds the dependencies: the lock's versions are on this machine)
    execFileSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
      { cwd: work, encoding: 'utf8', stdio: 'pipe' },
    );
    bin = join(prefix, 'bin', 'recto');
  }, 300_000);

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
