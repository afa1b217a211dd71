import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionModel, type ModelDocument, type ModelEdition } from '../src/model/edition.ts';
import { readingText } from '../src/model/reading-text.ts';
import type { Block } from '../src/model/types.ts';
import { forEachNode } from '../src/model/walk.ts';
import { placeholderWords } from '../src/render/figures.ts';
import { documentFile } from '../src/render/html/pages.ts';
import { documentOfIds } from '../src/render/links.ts';
import type { TeiElement, TeiNode } from '../src/tei/node.ts';
import { localName } from '../src/tei/node.ts';
import { readTei } from '../src/tei/read.ts';
import { CORPORA_ROOT as CORPORA } from './support/corpus-truth.ts';
import { readEpub } from './support/epub.ts';
import { inPrintPanels } from './support/pdf-panels.ts';
import { type Expected, PAGE_REFERENCE, readPdfAgainst } from './support/pdf-reading.ts';
import { outlinePages, pdfPages } from './support/pdf-words.ts';
import { builtSources, epubcheckOnce, renderedVolume } from './support/render-cache.ts';
import { SEEDS } from './support/run.ts';
import { firstWordDifference, words } from './support/same-words.ts';
import { required, SHARED, sharedCorpora } from './support/shared.ts';
import { classes, type Role, visibleText } from './support/visible-text.ts';

/**
 * One reading of the TEI, the same words in every output: for every document of the seeds and of
 * every corpus in ../shared/corpus/ (built from the plain texts), and of every volume.xml there
 * (rendered), the words of the HTML page, the EPUB chapter and the PDF equal the model's reading
 * text word for word and in order, notes included, and every page number appears.
 */
// a declared corpus that is missing, or has no volume.xml, is an error naming the path
const corpora = sharedCorpora(['volume.xml']).map((c) => c.name);

interface Target {
  name: string;
  /** Builds or renders: the output folder, and the TEI the outputs came from. */
  make: () => Promise<{ out: string; tei: string }>;
}

// (builds and renders in every format, which other test files read too: once per test run)
const built = (name: string, sources: string): Target => ({
  name,
  make: async () => {
    const r = await builtSources(sources);
    expect(r.status, r.stderr).toBe(0);
    return { out: r.out, tei: join(r.out, 'tei', 'edition.xml') };
  },
});

const rendered = (name: string, file: string): Target => ({
  name,
  make: async () => {
    const r = await renderedVolume(file);
    expect(r.status, r.stderr).toBe(0);
    return { out: r.out, tei: file };
  },
});

// the official volumes beside the corpora (../shared/volumes, issue #27): rendered as they are
const volumes = readdirSync(required(join(SHARED, 'volumes'), 'the shared volumes folder'))
  .filter((f) => f.endsWith('.xml'))
  .sort();

const TARGETS: Target[] = [
  built('seeds', SEEDS),
  ...corpora.map((c) => built(`${c} (plain texts)`, join(CORPORA, c))),
  ...corpora.map((c) => rendered(`${c} (volume.xml)`, join(CORPORA, c, 'volume.xml'))),
  // (their EPUBCheck is volumes-epubcheck.test.ts's, on the same render)
  ...volumes.map((f) => rendered(`${f.replace(/\.xml$/, '')} (shared volume)`, join(SHARED, 'volumes', f))),
];

const pageNumbers = (blocks: Block[]): string[] => {
  const out: string[] = [];
  forEachNode(blocks, (n) => {
    if (n.kind === 'pageBreak') out.push(n.n);
  });
  return out;
};
const sorted = (list: string[]): string[] => [...list].sort();

const htmlRole = (_name: string, a: Record<string, string>): Role | undefined => {
  const c = classes(a);
  if (c.includes('doc-text')) return 'body';
  if (c.includes('visually-hidden') || c.includes('d') || c.includes('backref')) return 'skip';
  if (c.includes('pb')) return 'page';
  if (a.id?.startsWith('fn-') && _name === 'li') return 'note';
  return undefined;
};

const epubRole = (name: string, a: Record<string, string>): Role | undefined => {
  const c = classes(a);
  if (a['epub:type'] === 'chapter') return 'body';
  if (c.includes('visually-hidden') || c.includes('doc-position') || c.includes('source-line')) return 'skip';
  if (a['epub:type'] === 'pagebreak') return 'page';
  if (name === 'aside' || a.id?.startsWith('end-')) return 'note';
  return undefined;
};

interface Totals {
  documents: number;
  words: number;
  notes: number;
  pages: number;
}

// A figure whose image is not in the output (no image file sits beside the shared volumes) shows a
// placeholder before its caption, the same words in every format (src/render/figures.ts).
const figure = placeholderWords;

function compareHtml(site: string, doc: ModelDocument): string | null {
  const expected = readingText(doc.blocks, { figure });
  const seen = visibleText(readFileSync(join(site, documentFile(doc)), 'utf8'), htmlRole);
  const body = firstWordDifference(words(expected.text), words(seen.body));
  if (body) return `${doc.id}, HTML: ${body}`;
  if (seen.notes.length !== expected.notes.length)
    return `${doc.id}, HTML: ${seen.notes.length} notes, the model has ${expected.notes.length}`;
  for (const [k, note] of expected.notes.entries()) {
    const d = firstWordDifference(words(note), words(seen.notes[k] ?? ''));
    if (d) return `${doc.id}, HTML note ${k + 1}: ${d}`;
  }
  if (sorted(seen.pages).join(' ') !== sorted(pageNumbers(doc.blocks)).join(' '))
    return `${doc.id}, HTML: pages ${seen.pages.join(' ')}, the model has ${pageNumbers(doc.blocks).join(' ')}`;
  return null;
}

/** The EPUB's document chapters in spine order (the front and back chapters left aside). */
function epubChapters(book: Map<string, string>): string[] {
  const opf = book.get('OEBPS/content.opf') ?? '';
  const hrefs = new Map(
    [...opf.matchAll(/<item [^>]*id="([^"]+)"[^>]*href="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  return [...opf.matchAll(/<itemref [^>]*idref="([^"]+)"/g)]
    .map((m) => hrefs.get(m[1] ?? '') ?? '')
    .filter((h) => h && !/^(cover|title|toc|introduction|notes|register-index)\.xhtml$/.test(h));
}

function compareEpub(
  book: Map<string, string>,
  file: string,
  doc: ModelDocument,
  endnotes: string[],
): string | null {
  const expected = readingText(doc.blocks, { figure });
  const seen = visibleText(book.get(`OEBPS/${file}`) ?? '', epubRole);
  const body = firstWordDifference(words(expected.text), words(seen.body));
  if (body) return `${doc.id}, EPUB (${file}): ${body}`;
  if (seen.notes.length !== expected.notes.length)
    return `${doc.id}, EPUB: ${seen.notes.length} notes, the model has ${expected.notes.length}`;
  for (const [k, note] of expected.notes.entries()) {
    // a note too long to pop up is cut, its whole text in the "Notes in full" chapter
    const shown = seen.notes[k] ?? '';
    const whole = shown.endsWith('… (the whole note)') ? (endnotes.shift() ?? '') : shown;
    const d = firstWordDifference(words(note), words(whole));
    if (d) return `${doc.id}, EPUB note ${k + 1}: ${d}`;
  }
  if (sorted(seen.pages).join(' ') !== sorted(pageNumbers(doc.blocks)).join(' '))
    return `${doc.id}, EPUB: pages ${seen.pages.join(' ')}, the model has ${pageNumbers(doc.blocks).join(' ')}`;
  return null;
}

function comparePdf(
  pdf: string,
  edition: ModelEdition,
): { problem: string | null; words: number; pages: number } {
  const expected: Expected = { body: [], notes: [] };
  // a cross-reference to a place in the book is followed in the PDF by its page, `(p. 37)`
  const known = documentOfIds(edition.documents);
  const pageRef = (id: string): string | undefined => (known.has(id) ? PAGE_REFERENCE : undefined);
  const add = (blocks: Block[], doc: string): void => {
    const reading = readingText(blocks, { pageRef, figure });
    for (const word of words(reading.text)) expected.body.push({ word, doc });
    for (const note of reading.notes) for (const word of words(note)) expected.notes.push({ word, doc });
  };
  const outline = outlinePages(pdf);
  if (edition.introduction) add(edition.introduction, 'introduction');
  for (const doc of edition.documents) add(doc.blocks, doc.id);
  // a table's header rows (its first rows, all header cells), set again on each page it runs on to
  expected.repeated = [];
  for (const doc of [edition.introduction ?? [], ...edition.documents.map((d) => d.blocks)])
    forEachNode(doc, (n) => {
      if (n.kind !== 'table') return;
      const heads: string[] = [];
      for (const row of n.rows) {
        if (!row.every((c) => c.header)) break;
        for (const cell of row) heads.push(...words(readingText(cell.blocks, { pageRef, figure }).text));
      }
      if (heads.length) expected.repeated?.push(heads);
    });
  // a table wider than the measure is printed in column panels, its words in their order
  inPrintPanels(expected, edition, { pageRef, figure });
  // the back-of-book index of the register (issue #19) follows the documents: it is not their text
  const index = outline.findLast((o) => o.title === 'Index of Names')?.page;
  const pages = pdfPages(pdf).slice(0, index ? index - 1 : undefined);
  const first = outline[0]?.page ?? 1;
  const reading = readPdfAgainst(pages, first, expected);
  if (reading.problem) return reading;
  // the source's page numbers stand beside the line where the page begins, as `[225]`
  const margin = pages
    .slice(first - 1)
    .flatMap((p) => p.margin.map((w) => w.text.replace(/^\[(.*)\]$/, '$1')));
  const model = [
    ...pageNumbers(edition.introduction ?? []),
    ...edition.documents.flatMap((d) => pageNumbers(d.blocks)),
  ];
  const missing = model.filter((n) => !margin.includes(n));
  if (missing.length)
    return { ...reading, problem: `PDF: page numbers not in the margin: ${missing.slice(0, 10).join(' ')}` };
  return reading;
}

describe.each(TARGETS)('the same words in every output: $name', (target) => {
  let out: string;
  let edition: ModelEdition;
  let master: TeiElement;
  beforeAll(async () => {
    const made = await target.make();
    out = made.out;
    master = await readTei(made.tei);
    edition = editionModel(master);
  }, 600_000); // (a render another test file began is waited for)

  it('the model keeps every page break and every note of the TEI', () => {
    const inTei = { pages: [] as string[], notes: 0 };
    const visit = (n: TeiNode, inText: boolean): void => {
      if (typeof n === 'string') return;
      const name = localName(n.name);
      if (name === 'teiHeader') return;
      if (inText && name === 'pb' && n.attrs.n) inTei.pages.push(n.attrs.n);
      if (inText && name === 'note') inTei.notes++;
      for (const c of n.children) visit(c, inText || name === 'text');
    };
    visit(master, false);
    const model = { pages: [] as string[], notes: 0 };
    const blocks = [edition.introduction ?? [], ...edition.documents.map((d) => d.blocks)];
    for (const b of blocks)
      forEachNode(b, (n) => {
        if (n.kind === 'pageBreak') model.pages.push(n.n);
        if (['footnote', 'unanchoredNote', 'sourceNote', 'editorialNote'].includes(n.kind)) model.notes++;
      });
    expect(model.pages).toEqual(inTei.pages);
    expect(model.notes).toBe(inTei.notes);
  });

  it('HTML and EPUB: every document word for word, notes and page numbers included', () => {
    const totals: Totals = { documents: 0, words: 0, notes: 0, pages: 0 };
    const problems: string[] = [];
    const site = join(out, 'html');
    const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
    expect(epub).toBeDefined();
    const book = readEpub(join(out, epub ?? ''));
    const files = epubChapters(book);
    expect(files).toHaveLength(edition.documents.length);
    const endnotes = visibleText(book.get('OEBPS/notes.xhtml') ?? '', epubRole).notes;
    edition.documents.forEach((doc, k) => {
      const reading = readingText(doc.blocks, { figure });
      totals.documents++;
      totals.words += words(reading.text).length;
      totals.notes += reading.notes.length;
      totals.pages += pageNumbers(doc.blocks).length;
      const problem = compareHtml(site, doc) ?? compareEpub(book, files[k] ?? '', doc, endnotes);
      if (problem) problems.push(problem);
    });
    console.log(
      `${target.name}: HTML and EPUB — ${totals.documents} documents, ${totals.words} words, ${totals.notes} notes, ${totals.pages} page breaks; ${problems.length} documents differ`,
    );
    expect(problems.slice(0, 5)).toEqual([]);
    expect(totals.documents).toBeGreaterThan(0);
  });

  // (a table's row of cells of several lines is read cell by cell: support/pdf-words.ts)
  it('PDF: the running text and the notes word for word, every page number in the margin', () => {
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'));
    expect(pdf).toBeDefined();
    const result = comparePdf(join(out, pdf ?? ''), edition);
    console.log(`${target.name}: PDF — ${result.pages} pages, ${result.words} words read`);
    expect(result.problem).toBeNull();
  });

  if (target.name.endsWith('(volume.xml)'))
    it('EPUBCheck: no error, no warning', async () => {
      const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
      const result = await epubcheckOnce(join(out, epub ?? ''));
      expect(result.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
      expect([result.errors, result.warnings]).toEqual([0, 0]);
    });
});
