import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ModelEdition, numberedTitle } from '../src/model/edition.ts';
import { displayText, readingText } from '../src/model/reading-text.ts';
import { forEachNode } from '../src/model/walk.ts';
import { documentOfIds } from '../src/render/links.ts';
import { renderPdfBook } from '../src/render/pdf/index.ts';
import { silentReporter } from '../src/report.ts';
import { corpora } from './support/corpus-truth.ts';
import { modelOf } from './support/model.ts';
import { PAGE_REFERENCE } from './support/pdf-reading.ts';
import { outlinePages, type PdfPage, pdfPages } from './support/pdf-words.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * The PDF's links, read back with qpdf: every contents entry and every cross-reference of each
 * shared volume (its contents built from the plain texts and from its volume.xml; its references
 * `ref target="#…"` rendered from the official volume.xml, 568 in frus1958-60v08) is a link annotation whose named
 * destination is on the page where its target is; URLs are URI links; each is tagged `Link`.
 */

type Obj = Record<string, unknown>;
interface Book {
  pdf: string;
  edition: ModelEdition;
  links: { page: number; rect: number[]; dest?: string; uri?: string; structParent: boolean }[];
  dests: Map<string, number>; // named destination → page
  linkElements: number; // /Link elements of the structure tree
  linksWithWords: number; // of them, those that hold the link's words too
  pages: PdfPage[];
}

/** The link annotations, the named destinations and the structure's Link elements, from qpdf's JSON. */
function readBook(pdf: string, edition: ModelEdition): Book {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', pdf], {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    }),
  ) as { pages: { object: string }[]; qpdf: [unknown, Record<string, { value?: Obj }>] };
  const objects = json.qpdf[1];
  // an object by reference, or the dictionary itself where it is written inline
  const get = (ref: unknown): Obj | undefined =>
    typeof ref === 'string' ? objects[`obj:${ref}`]?.value : (ref as Obj | undefined);
  const pageOf = new Map(json.pages.map((p, k) => [p.object, k + 1]));
  const text = (s: unknown): string => String(s).replace(/^u:/, '');
  const links: Book['links'] = [];
  json.pages.forEach((p, k) => {
    for (const ref of (get(p.object)?.['/Annots'] as string[] | undefined) ?? []) {
      const a = get(ref);
      if (a?.['/Subtype'] !== '/Link') continue;
      const action = get(a['/A']) ?? {};
      links.push({
        page: k + 1,
        rect: a['/Rect'] as number[],
        dest: action['/S'] === '/GoTo' ? text(action['/D']) : undefined,
        uri: action['/S'] === '/URI' ? text(action['/URI']) : undefined,
        structParent: typeof a['/StructParent'] === 'number',
      });
    }
  });
  // the name tree of destinations: flat (/Names) or in kids
  const dests = new Map<string, number>();
  const root = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')?.value;
  const walk = (node: Obj | undefined): void => {
    const names = (node?.['/Names'] as unknown[] | undefined) ?? [];
    for (let k = 0; k + 1 < names.length; k += 2) {
      const dest = names[k + 1] as unknown[];
      const page = pageOf.get(String(dest[0]));
      if (page) dests.set(text(names[k]), page);
    }
    for (const kid of (node?.['/Kids'] as string[] | undefined) ?? []) walk(get(kid));
  };
  walk(get(get(root?.['/Names'])?.['/Dests']));
  // structure elements (pdfkit writes them without /Type): /S /Link with its OBJR
  const linkKids = Object.values(objects).flatMap((o) =>
    o.value?.['/S'] === '/Link' && Array.isArray(o.value?.['/K']) ? [o.value['/K'] as unknown[]] : [],
  );
  // a Link that holds its words: a marked-content id (a number) beside its annotation's OBJR
  const linksWithWords = linkKids.filter((k) => k.some((c) => typeof c === 'number')).length;
  return { pdf, edition, links, dests, linkElements: linkKids.length, linksWithWords, pages: pdfPages(pdf) };
}

async function render(file: string, out: string): Promise<Book> {
  const edition = await modelOf(file);
  const { path } = await renderPdfBook(edition, out, { masterFile: file, reporter: silentReporter });
  return readBook(path, edition);
}

/** The words of a page inside a link's box (PDF user space: y from the bottom). */
function wordsIn(book: Book, page: number, rect: number[]): string[] {
  const height = 648;
  const [x1, y1, x2, y2] = rect as [number, number, number, number];
  return (book.pages[page - 1]?.text ?? [])
    .filter((w) => {
      const middle = height - (w.y + w.y2) / 2; // a word is in the box when its middle is
      // (a word begins in the box: `64).` runs on past a reference's box with what follows it)
      return w.x >= x1 - 1 && w.x < x2 && middle >= y1 && middle <= y2;
    })
    .map((w) => w.text);
}

for (const corpus of corpora())
  describe(`links in the PDF of ${corpus.name}`, () => {
    let volume: Book; // the plain texts: its documents, their contents
    let official: Book; // the official volume.xml: the cross-references
    beforeAll(async () => {
      const out = tempDir();
      const r = recto(['build', '--sources', corpus.dir, '--out', out, '--formats', 'tei', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      volume = await render(join(out, 'tei', 'edition.xml'), out);
      official = await render(join(corpus.dir, 'volume.xml'), tempDir());
    }, 600_000);

    it('links every contents entry to the page where its document opens', () => {
      for (const book of [volume, official]) {
        const outline = outlinePages(book.pdf);
        const contents = book.links.filter((l) => l.page < (outline[0]?.page ?? 0));
        const entries = book.edition.documents.length + (book.edition.introduction ? 1 : 0);
        expect(contents.length).toBe(entries);
        // in order: the introduction, then each document, to the page its outline entry gives
        const titles = [
          ...(book.edition.introduction ? ['Introduction'] : []),
          ...book.edition.documents.map(numberedTitle),
        ];
        contents.forEach((link, k) => {
          const page = book.dests.get(link.dest ?? '');
          expect(page, titles[k]).toBe(outline[k]?.page);
          expect(outline[k]?.title).toBe(titles[k]);
          // and it is the number the entry prints
          expect(wordsIn(book, link.page, link.rect).at(-1), titles[k]).toBe(String(page));
        });
      }
    });

    it('links every cross-reference to the page of its target', () => {
      const book = official;
      const known = documentOfIds(book.edition.documents);
      const pageBreaks = new Map<string, string>(); // id → the source page it begins
      // the references as the reading text has them (the running text and the notes)
      const pageRef = (id: string): string | undefined => (known.has(id) ? PAGE_REFERENCE : undefined);
      let references = 0;
      // see-references from one item of a list to another (an index's `See Pahlavi`): a link to
      // the item, no page number printed
      const seeTargets = new Set<string>();
      let seeReferences = 0;
      const firstWords = new Map<string, string>(); // a paragraph's (an item's) first word, by its id
      for (const doc of book.edition.documents) {
        forEachNode(doc.blocks, (n) => {
          if (n.kind === 'pageBreak' && n.id) pageBreaks.set(n.id, n.n);
          if (n.kind === 'paragraph' && n.id)
            firstWords.set(n.id, displayText(n.children).trim().split(/\s+/)[0] ?? '');
          if (n.kind === 'link' && n.see && 'internal' in n.target) {
            seeTargets.add(n.target.internal);
            seeReferences++;
          }
        });
        const reading = readingText(doc.blocks, { pageRef });
        for (const text of [reading.text, ...reading.notes])
          references += text.split(PAGE_REFERENCE).length - 1;
      }
      const outline = outlinePages(book.pdf);
      const openings = new Map(
        book.edition.documents.map((d, k) => [d.id, outline[k + (book.edition.introduction ? 1 : 0)]?.page]),
      );
      const crossRefs = book.links.filter((l) => l.dest && l.page >= (outline[0]?.page ?? 0));
      // `ref target="#…"` in volume.xml (568 in frus1958-60v08)
      expect(references).toBeGreaterThanOrEqual(corpus.name === 'frus1958-60v08' ? 568 : 1);
      let checked = 0;
      let seen = 0;
      for (const link of crossRefs) {
        const name = link.dest as string;
        const page = book.dests.get(name) as number;
        expect(page, name).toBeGreaterThan(0);
        if (seeTargets.has(name) && !wordsIn(book, link.page, link.rect).join(' ').includes('(p.')) {
          // a see-reference goes to the page where its item is printed
          expect(book.pages[page - 1]?.text.map((w) => w.text) ?? [], name).toContain(firstWords.get(name));
          seen++;
          continue;
        }
        // the page it prints, `(p. 37)`, is the page it goes to
        expect(wordsIn(book, link.page, link.rect).join(' '), name).toContain(`${page})`);
        // and that is where the target is: a source page's number in the margin, a document's opening
        const n = pageBreaks.get(name);
        if (n) expect(book.pages[page - 1]?.margin.map((w) => w.text) ?? [], name).toContain(`[${n}]`);
        else if (openings.has(name)) expect(page, name).toBe(openings.get(name));
        checked++;
      }
      expect(checked).toBe(references);
      // (a see-reference's words may break over two lines: a box on each)
      expect(seen).toBeGreaterThanOrEqual(seeReferences);
      expect(crossRefs.length).toBe(references + seen);
    });

    it('tags every link annotation as a Link in the structure tree, with the words it links', () => {
      for (const book of [volume, official]) {
        expect(book.links.every((l) => l.structParent)).toBe(true);
        expect(book.linkElements).toBe(book.links.length);
        expect(book.linksWithWords).toBe(book.linkElements);
      }
    });
  });

describe('URI links in the PDF', () => {
  it('makes a URL a URI link (the seed edition)', async () => {
    const out = tempDir();
    expect(recto(['build', '--out', out, '--formats', 'tei'], {}).status).toBe(0);
    const book = await render(join(out, 'tei', 'edition.xml'), out);
    let urls = 0;
    for (const doc of book.edition.documents)
      forEachNode(doc.blocks, (n) => {
        if (n.kind === 'link' && 'external' in n.target) urls++;
      });
    const uris = book.links.filter((l) => l.uri);
    expect(urls).toBeGreaterThan(0);
    expect(uris.length).toBeGreaterThanOrEqual(urls);
    for (const link of uris) expect(link.uri).toMatch(/^https?:\/\//);
  });
});
