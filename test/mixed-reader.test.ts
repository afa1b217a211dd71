import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateTei } from '../src/tei/validate.ts';
import { epubcheck, readEpub } from './support/epub.ts';
import { ROOT, recto, tempDir } from './support/run.ts';

/**
 * Issue #25: a course reader that mixes a Project Gutenberg chapter (`{26}` page marks, its notes
 * gathered as `[4] …` at the essay's end), a letter as Founders Online gives it, and a FRUS
 * document (`[Page 225]`, a note glued to its word) builds with the page numbers and the notes of
 * each reading's printed source in every format.
 */
const EXAMPLE = join(ROOT, 'examples/mixed-reader/reader.json');

const PAGES = {
  'james-1896': ['26', '27', '28', '29', '30', '31', '32', '33', '34'],
  'bullitt-1935': ['225', '226', '227'],
};
/** A few words of each note set at its reference (James's notes 1–3 are referred to before the excerpt). */
const NOTES = [
  'Since belief is measured by action',
  'Liberty, Equality, Fraternity, p. 353',
  'Signed on May 2, 1935',
];

const norm = (s: string): string => s.replace(/\s+/g, ' ');

describe('a course reader from three publishers’ plain texts (examples/mixed-reader)', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    const r = recto(['reader', EXAMPLE, '--out', out, '--no-handouts', '--quiet'], {
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
    expect(r.status, r.stderr).toBe(0);
  }, 300_000);

  it('TEI: each reading has its source’s page breaks and its notes at their references; valid TEI P5', async () => {
    const xml = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8');
    for (const [id, pages] of Object.entries(PAGES)) {
      const found = [...xml.matchAll(new RegExp(`<pb n="([^"]+)"[^>]*xml:id="${id}-`, 'g'))].map((m) => m[1]);
      expect(found, id).toEqual(pages);
    }
    const anchored = [
      ...xml.matchAll(/<note place="foot" n="[^"]+"(?![^>]*type="unanchored")[^>]*>([\s\S]*?)<\/note>/g),
    ].map((m) => norm(m[1] ?? ''));
    for (const words of NOTES)
      expect(
        anchored.some((n) => n.includes(words)),
        words,
      ).toBe(true);
    // the Gutenberg notes referred to before the excerpt begins are kept, where the essay prints them
    expect(xml).toMatch(/type="unanchored"[^>]*>An Address to the Philosophical Clubs/);
    const valid = await validateTei([join(out, 'tei', 'edition.xml')]);
    expect(valid.messages).toEqual([]);
  });

  it('HTML: each reading’s page numbers as anchors and its notes', () => {
    for (const [id, pages] of Object.entries(PAGES)) {
      const html = readFileSync(join(out, 'html', 'docs', `${id}.html`), 'utf8');
      for (const n of pages) expect(html, `${id} p${n}`).toContain(`id="p${n}"`);
    }
    const all = ['james-1896', 'bullitt-1935']
      .map((id) => norm(readFileSync(join(out, 'html', 'docs', `${id}.html`), 'utf8')))
      .join(' ');
    for (const words of NOTES) expect(all, words).toContain(words);
  });

  it('EPUB: every page in its page-list, every note a footnote; EPUBCheck passes', () => {
    const epub = readEpub(join(out, 'mixed-reader.epub'));
    const nav = epub.get('OEBPS/toc.xhtml') ?? '';
    for (const n of [...PAGES['james-1896'], ...PAGES['bullitt-1935']])
      expect(nav, n).toMatch(new RegExp(`>${n}</a>`));
    const chapters = norm([...epub.values()].join(' '));
    for (const words of NOTES) expect(chapters, words).toContain(words);
    const check = epubcheck(join(out, 'mixed-reader.epub'));
    expect(check.errors, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
  });

  it('PDF: every page number in the margin, every note at the foot', () => {
    const text = norm(
      execFileSync('pdftotext', ['-layout', join(out, 'mixed-reader.pdf'), '-'], { encoding: 'utf8' }),
    );
    for (const n of [...PAGES['james-1896'], ...PAGES['bullitt-1935']]) expect(text, n).toContain(`[${n}]`);
    for (const words of NOTES) expect(text, words).toContain(words);
  });
});
