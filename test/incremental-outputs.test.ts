import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recto, SEEDS, tempDir } from './support/run.ts';

/**
 * An output folder built again and again equals a clean build of the same sources, file for file
 * and byte for byte, in every format: after a one-document edit, after a document is removed from
 * `edition.json` and `sources/`, after one is renamed. A file the user put in the output folder
 * stays. The PDF's line breaks, the EPUB's zipped chapters and cover and the site's pages kept in
 * the build cache (`.cache/pdf/breaks.json`, `.cache/epub/chapters.json`, `.cache/epub/cover.json`,
 * `.cache/html/pages.json`), the pages' deflated streams (`.cache/pdf/streams.bin`) and the members'
 * parsed trees (`.cache/parse/`) are those a clean build keeps, no more: an edited paragraph's old
 * breaks, an edited document's old chapter and page are gone, never used; the books and the site
 * built from the kept ones are a clean build's, byte for byte, also after a title change (the
 * neighbours' links) and after a page deleted by hand. Ten builds of the five seeds, about 40 s.
 */
const FORMATS = ['--formats', 'tei,html,epub,pdf'];
const env = { SOURCE_DATE_EPOCH: '1700000000' };

function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    // (the build cache is the one thing that differs: it remembers the earlier builds)
    if (relative(dir, path).startsWith('.cache')) continue;
    try {
      files.set(name.split('\\').join('/'), readFileSync(path));
    } catch {
      // a folder
    }
  }
  return files;
}

function expectSameOutput(incremental: string, clean: string): void {
  const a = tree(incremental);
  const b = tree(clean);
  expect([...a.keys()]).toEqual([...b.keys()]);
  const differ = [...a].filter(([name, bytes]) => !bytes.equals(b.get(name) as Buffer)).map(([name]) => name);
  expect(differ).toEqual([]);
}

/** What the writers keep for the next build: the same files as a clean build's (nothing stale left in them). */
function expectSameBreaks(incremental: string, clean: string): void {
  for (const kept of [
    '.cache/pdf/breaks.json',
    '.cache/epub/chapters.json',
    '.cache/epub/cover.json',
    '.cache/html/pages.json',
  ]) {
    const read = (dir: string): string => readFileSync(join(dir, kept), 'utf8');
    expect(read(incremental), kept).toBe(read(clean));
  }
  // the pages' deflated content streams (pdf/stream-cache.ts): a clean build's, byte for byte
  const streams = (dir: string): Buffer => readFileSync(join(dir, '.cache/pdf/streams.bin'));
  expect(streams(incremental).equals(streams(clean)), '.cache/pdf/streams.bin').toBe(true);
  // the members' parsed trees (model/corpus-parse.ts): those of the documents built now, no other
  const trees = (dir: string): string[] => readdirSync(join(dir, '.cache/parse')).sort();
  expect(trees(incremental).length).toBeGreaterThan(0);
  expect(trees(incremental)).toEqual(trees(clean));
}

function build(sources: string, out: string): void {
  const r = recto(['build', '--sources', sources, '--out', out, ...FORMATS, '--quiet'], { env });
  expect(r.status, r.stderr).toBe(0);
}

/** The clean build of `sources` as it is now, in a new folder. */
function clean(sources: string): string {
  const out = tempDir('recto-clean-');
  build(sources, out);
  return out;
}

function manifest(sources: string, change: (files: { file: string }[]) => void): void {
  const path = join(sources, 'edition.json');
  const edition = JSON.parse(readFileSync(path, 'utf8')) as { documents: { file: string }[] };
  change(edition.documents);
  writeFileSync(path, `${JSON.stringify(edition, null, 2)}\n`);
}

describe('an output folder built again', () => {
  it('equals a clean build after an edit, a removal and a renaming, and keeps the files of its user', () => {
    const sources = join(tempDir(), 'sources');
    cpSync(SEEDS, sources, { recursive: true });
    const out = tempDir('recto-incremental-');
    build(sources, out);
    mkdirSync(join(out, 'html/mine'), { recursive: true });
    writeFileSync(join(out, 'html/mine/notes.txt'), 'my notes\n');
    writeFileSync(join(out, 'html/robots.txt'), 'User-agent: *\n');
    const mine = (): string[] => [
      readFileSync(join(out, 'html/mine/notes.txt'), 'utf8'),
      readFileSync(join(out, 'html/robots.txt'), 'utf8'),
    ];
    const withoutMine = (dir: string): void => {
      rmSync(join(dir, 'html/mine'), { recursive: true, force: true });
      rmSync(join(dir, 'html/robots.txt'), { force: true });
    };
    // the output folder, less the user's own files, against a clean build of the sources (made
    // again unless the sources have not changed since `fresh`): same files, same bytes, same breaks
    let fresh = '';
    const expectLikeClean = (again = true): void => {
      const copy = tempDir('recto-compare-');
      cpSync(out, copy, { recursive: true });
      withoutMine(copy);
      if (again) fresh = clean(sources);
      expectSameOutput(copy, fresh);
      expectSameBreaks(out, fresh);
    };

    // a one-document edit
    const edited = join(sources, '002_c4af6ddfc8abae36.txt');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/\bthe\b/, 'the very'));
    build(sources, out);
    expect(mine()).toEqual(['my notes\n', 'User-agent: *\n']);
    expectLikeClean();

    // a document's title changed: its neighbours' previous/next links and the contents change
    // with it, their kept pages are not used (the HTML page cache, render/html/page-cache.ts)
    manifest(sources, (documents) => {
      const titled = documents.find((d) => d.file === '002_c4af6ddfc8abae36.txt') as { title?: string };
      titled.title = 'The Long Telegram, Retitled';
    });
    build(sources, out);
    expectLikeClean();
    // a page deleted and a citation export changed by hand since: both put back as a clean build has them
    const [page, other] = readdirSync(join(out, 'html/docs')).sort();
    rmSync(join(out, 'html/docs', page as string));
    writeFileSync(join(out, 'html/cite', `${(other as string).replace(/\.html$/, '')}.bib`), 'changed\n');
    build(sources, out);
    expectLikeClean(false);

    // a document removed from the manifest and the folder
    manifest(sources, (documents) => documents.splice(3, 1));
    rmSync(join(sources, '003_60cacaa50c9c7620.txt'));
    build(sources, out);
    expect(readdirSync(join(out, 'tei')).some((f) => f.startsWith('003_'))).toBe(false);
    expectLikeClean();

    // a document renamed
    renameSync(join(sources, '001_39edde1195e6049d.txt'), join(sources, '001_renamed.txt'));
    manifest(sources, (documents) => {
      const first = documents.find((d) => d.file === '001_39edde1195e6049d.txt');
      if (first) first.file = '001_renamed.txt';
    });
    build(sources, out);
    expect(mine()).toEqual(['my notes\n', 'User-agent: *\n']);
    expectLikeClean();
  }, 240_000);
});
