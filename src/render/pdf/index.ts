import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { writeStreamAtomic } from '../../fs/atomic-write.ts';
import { contentsTitle, editionModel, type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { modifiedDate } from '../../reproducible.ts';
import { documentOfIds } from '../links.ts';
import type { RenderContext } from '../registry.ts';
import { reportUnknownElements } from '../unknown.ts';
import { block, documentBlocks, type PdfBlock } from './blocks.ts';
import { Drawer } from './draw.ts';
import { FontSet } from './fonts.ts';
import type { PageRefs } from './lines.ts';
import { type Page, Paginator } from './paginate.ts';
import { placeRegisterIndex } from './register-index.ts';
import { loadPdfStyle } from './style.ts';

/**
 * The print PDF: each page planned (measured lines, footnotes at the foot of their page) and drawn
 * with pdfkit as soon as it is complete; the page numbers known only at the end (the contents,
 * cross-references) are filled into their slots then.
 */
const words = (text: string): PdfBlock['items'] => [{ kind: 'text', text, style: 'regular' }];

function placeAll(p: Paginator, blocks: PdfBlock[]): void {
  blocks.forEach((b, k) => {
    p.place(b, blocks[k + 1]);
  });
}

/** A title shortened to fit, word by word (never inside a word), an ellipsis after the last whole word. */
function fitWords(title: string, fits: (t: string) => boolean): string {
  if (fits(title)) return title;
  const words = title.split(/\s+/);
  for (let n = words.length - 1; n > 0; n--) {
    const short = `${words
      .slice(0, n)
      .join(' ')
      .replace(/[\s,;:.–—-]+$/, '')} …`;
    if (fits(short)) return short;
  }
  return words[0] ?? title;
}

/** The whole book, page after page, into a paginator (which hands each page on as it is complete). */
function layoutBook(
  p: Paginator,
  edition: ModelEdition,
  fonts: FontSet,
  style: ReturnType<typeof loadPdfStyle>,
  handout = false,
  mentionPage?: (anchor: string) => number | undefined, // the page each mention was drawn on (the index)
): void {
  // A handout (one item of a course reader) is its text from page 1: no title pages, no contents.
  if (!handout) frontMatter(p, edition);
  if (edition.introduction) {
    p.openRecto({ opening: { title: 'Introduction', id: '#introduction' }, document: 'Introduction' });
    placeAll(p, documentBlocks(edition.introduction));
  }
  for (const doc of edition.documents) {
    p.openRecto({
      opening: { title: numberedTitle(doc), id: doc.id },
      document: fitWords(
        numberedTitle(doc),
        (t) => fonts.width(t, 'italic', style.runningHead.size) <= p.measure * 0.8,
      ),
    });
    placeAll(p, documentBlocks(doc.blocks));
  }
  if (mentionPage) placeRegisterIndex(p, edition, fonts, style, mentionPage);
  p.flush();
}

/** Half-title, its blank verso, title page, imprint, contents. */
function frontMatter(p: Paginator, edition: ModelEdition): void {
  const { meta } = edition;
  // Half-title, its blank verso, title page, imprint.
  p.newPage({ fixed: 'half-title' });
  p.skip(p.height * 0.3);
  p.place(block(words(meta.title), { tag: 'H1', type: 'title', align: 'center' }));
  p.newPage({ blank: true });
  p.newPage({ fixed: 'title' });
  p.skip(p.height * 0.22);
  p.place(block(words(meta.title), { tag: 'H1', type: 'title', align: 'center' }));
  if (meta.subtitle)
    p.place(
      block([{ kind: 'text', text: meta.subtitle, style: 'italic' }], { align: 'center', spaceBefore: 1 }),
    );
  if (meta.editor) p.place(block(words(`Edited by ${meta.editor}`), { align: 'center', spaceBefore: 2 }));
  p.skip(p.height * 0.25);
  if (meta.publisher) p.place(block(words(meta.publisher), { type: 'small', align: 'center' }));
  p.newPage({ fixed: 'imprint' });
  p.skip(p.height * 0.6);
  const imprint = [
    meta.title,
    meta.publisher && meta.date ? `${meta.publisher}, ${meta.date.slice(0, 4)}` : meta.publisher,
    [meta.licence, meta.licenceUrl].filter(Boolean).join(' '),
    'Typeset by Recto from the TEI P5 master, in EB Garamond.',
  ];
  for (const line of imprint)
    if (line) p.place(block(words(line), { type: 'small', align: 'left', spaceBefore: 0.5 }));

  // Contents: one line per document; its page number is drawn from the first pass.
  p.openRecto({ fixed: 'toc', runningHead: 'Contents' });
  p.place(block(words('Contents'), { tag: 'H1', type: 'title', align: 'left', keepWithNext: true }));
  // A long title runs on to a second line under itself; its page number stands on the last one.
  // The divisions of a volume head the documents they hold.
  const entry = (id: string, title: string): void =>
    p.place(block(words(title), { align: 'left', tocFor: id, spaceBefore: 0.25, rightIndent: 36 }));
  if (edition.introduction) entry('#introduction', 'Introduction');
  let group: string | undefined;
  for (const d of edition.documents) {
    if (d.group && d.group !== group)
      p.place(block(words(d.group), { align: 'left', spaceBefore: 0.75, keepWithNext: true }));
    group = d.group;
    entry(d.id, contentsTitle(d));
  }
}

export async function renderPdf(ctx: RenderContext): Promise<string[]> {
  const edition = editionModel(await ctx.master());
  const { meta } = edition;
  const style = loadPdfStyle();
  const fonts = await FontSet.load(style);

  // Every xml:id a cross-reference can point to, and the document it is in.
  const documentOf = documentOfIds(edition.documents);
  // Where each document opens, and on which page each page break and note falls: recorded as the
  // pages are drawn. A cross-reference to an earlier page is set with its number; the page numbers
  // not known yet (the contents, references forward) are drawn into slots of fixed width and
  // filled in at the end, so the book is laid out once.
  const openings = new Map<string, number>();
  const anchored = new Map<string, number>();
  const pageOf = (id: string): number | undefined =>
    anchored.get(id) ?? openings.get(documentOf.get(id) ?? id);
  const refs: PageRefs = {
    known: (id) => documentOf.has(id),
    // while laying out: only a page already final (an anchor or an opening passed)
    page: (id) => anchored.get(id) ?? (documentOf.get(id) === id ? openings.get(id) : undefined),
  };
  const record = (page: Page): void => {
    if (page.opening) openings.set(page.opening.id, page.number);
    for (const placed of [...page.body, ...page.notes]) {
      for (const id of placed.line.anchors) if (!anchored.has(id)) anchored.set(id, page.number);
    }
  };

  const date = modifiedDate(meta);
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [style.width, style.height],
    margin: 0,
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    info: {
      Title: meta.title,
      Author: meta.editor ?? '',
      Subject: meta.subtitle ?? meta.title,
      Creator: 'Recto',
      Producer: 'Recto (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  } as unknown as ConstructorParameters<typeof PDFDocument>[0]); // the typings lack subset 'PDF/UA' (it works)
  const drawer = new Drawer(doc, style, fonts, pageOf);
  const path = join(ctx.outDir, `${meta.id}.pdf`);
  const written = writeStreamAtomic(path, doc);
  let prefix = 'front';
  const evenHead = fitWords(
    meta.title,
    (t) => fonts.width(t, 'italic', style.runningHead.size) <= style.width * 0.6,
  );
  // Each page is drawn as soon as it is complete, then dropped.
  const draw = (page: Page): void => {
    record(page);
    if (page.opening) {
      prefix = page.opening.id;
      drawer.beginSection(page.opening.title);
    }
    const chrome = {
      runningHead:
        page.blank || page.opening || page.fixed
          ? undefined
          : page.number % 2 === 0
            ? evenHead
            : page.runningHead,
      folio: !page.blank && page.fixed !== 'half-title' && page.fixed !== 'title',
    };
    drawer.drawPage(page, prefix, chrome);
    if (page.opening) doc.outline.addItem(page.opening.title);
  };
  // (a handout is one reading: no index of names)
  const handout = ctx.layout === 'handout';
  layoutBook(
    new Paginator(style, fonts, draw, refs),
    edition,
    fonts,
    style,
    handout,
    handout ? undefined : (id) => anchored.get(id),
  );
  drawer.finish();
  doc.end();
  await written;

  reportUnknownElements(ctx, 'pdf', edition.unknown);
  return [path];
}
