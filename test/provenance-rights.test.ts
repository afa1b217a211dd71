import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTei } from '../src/tei/validate.ts';
import { readEpub } from './support/epub.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';

const texts = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

/** A sources folder holding the seeds' plain texts, with or without a manifest. */
function sources(manifest?: object): string {
  const dir = join(tempDir('recto-rights-'), 'sources');
  mkdirSync(dir);
  for (const f of texts) copyFileSync(join(SEEDS, f), join(dir, f));
  if (manifest) writeFileSync(join(dir, 'edition.json'), JSON.stringify(manifest));
  return dir;
}

function buildTei(dir: string): string[] {
  const out = tempDir('recto-rights-out-');
  const r = recto(['build', '--sources', dir, '--out', out, '--formats', 'tei', '--no-cache', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  const tei = join(out, 'tei');
  return readdirSync(tei)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => join(tei, f));
}

describe('rights: no claim that is not stated (issue #14)', () => {
  it('without edition.json no TEI file claims "All rights reserved"; each says the rights are not stated', async () => {
    const files = buildTei(sources());
    expect(files).toHaveLength(texts.length + 1);
    for (const f of files) {
      const xml = readFileSync(f, 'utf8');
      expect(xml, f).not.toMatch(/all rights reserved/i);
      expect(xml, f).toContain(
        '<availability status="unknown"><p>The rights of this edition are not stated.</p></availability>',
      );
    }
    const v = await validateTei(files);
    expect(v.messages).toEqual([]);
  }, 120_000);

  it('without edition.json no output (HTML, EPUB, PDF) claims rights or a publisher; each says the rights are not stated', () => {
    const out = tempDir('recto-rights-all-');
    const r = recto(['build', '--sources', sources(), '--out', out, '--no-cache', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const epubFile = readdirSync(out).find((f) => f.endsWith('.epub')) ?? '';
    const pdfFile = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
    const book = readEpub(join(out, epubFile));
    const pdf = execFileSync('pdftotext', [join(out, pdfFile), '-'], { encoding: 'utf8' });
    const html = readdirSync(join(out, 'html', 'docs')).map((f) =>
      readFileSync(join(out, 'html', 'docs', f), 'utf8'),
    );
    const everything = [
      ...book.values(),
      pdf,
      ...html,
      readFileSync(join(out, 'html', 'index.html'), 'utf8'),
    ];
    for (const text of everything) expect(text).not.toMatch(/all rights reserved/i);
    const opf = book.get('OEBPS/content.opf') ?? '';
    expect(opf).not.toContain('<dc:publisher>');
    expect(opf).toContain('<dc:rights>The rights of this edition are not stated.</dc:rights>');
    expect(pdf).toContain('The rights of this edition are not stated.');
    expect(html[0]).toContain('The rights of this edition are not stated.');
  }, 180_000);

  it('a licence with a URL is a licence with @target; a Creative Commons URL makes it free', async () => {
    const manifest = {
      id: 'rights',
      title: 'Rights',
      editor: 'A. Editor',
      publisher: 'P',
      language: 'en',
      documents: texts.map((file) => ({ file })),
    };
    const cc0 = buildTei(
      sources({
        ...manifest,
        licence: { text: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      }),
    );
    const xml = readFileSync(cc0[0] ?? '', 'utf8');
    expect(xml).toContain(
      '<availability status="free"><licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</licence></availability>',
    );
    const own = buildTei(
      sources({ ...manifest, licence: { text: 'Ask us', url: 'https://example.org/terms' } }),
    );
    expect(readFileSync(own[0] ?? '', 'utf8')).toContain(
      '<availability><licence target="https://example.org/terms">Ask us</licence></availability>',
    );
    const v = await validateTei([...cc0, ...own]);
    expect(v.messages).toEqual([]);
  }, 120_000);
});
