import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { writeFileAtomic, writeStreamAtomic } from '../../fs/atomic-write.ts';
import { contentsTitle, type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { modifiedDate } from '../../reproducible.ts';
import { type FigureImages, unheldImages } from '../figures.ts';
import { documentOfIds } from '../links.ts';
import { reportUnknownElements } from '../unknown.ts';
import type { WriterOptions } from '../writer.ts';
import { block, documentBlocks, type Opening, type PdfBlock } from './blocks.ts';
import { BreakCache, useBreakCache } from './break-cache.ts';
import { Drawer } from './draw.ts';
import { FontSet } from './fonts.ts';
import type { LayoutReport } from './layout-report.ts';
import { reportMissingCharacters } from './missing.ts';
import type { Page } from './page.ts';
import { Paginator } from './paginate.ts';
import { placeRegisterIndex } from './register-index.ts';
import { StreamCache } from './stream-cache.ts';
import { loadPdfStyle } from './style.ts';
import { typographicBlocks } from './typography.ts';
import type { PageRefs } from './words.ts';

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
  images?: FigureImages, // the figures' images found
): void {
  // A handout (one item of a course reader) is its text from page 1: no title pages, no contents.
  if (!handout) frontMatter(p, edition, style);
  const print = (blocks: PdfBlock[]): PdfBlock[] =>
    style.typography.quotes ? typographicBlocks(blocks) : blocks;
  const runningHead = (title: string): string =>
    fitWords(title, (t) => fonts.styledWidth(t, 'italic', style.runningHead.size) <= p.measure * 0.8);
  if (edition.introduction) {
    p.openRecto();
    const opening = {
      title: 'Introduction',
      id: '#introduction',
      runningHead: 'Introduction',
      division: true,
    };
    placeAll(p, opened(print(documentBlocks(edition.introduction, style.spacing, images)), opening));
  }
  // Documents run on as FRUS prints them (or start a page, or a right-hand page: the style says);
  // the first document and each of a volume's divisions open a right-hand page.
  let group: string | undefined;
  edition.documents.forEach((doc, k) => {
    const division = k === 0 || (doc.group !== undefined && doc.group !== group);
    group = doc.group;
    const start = style.documents.start;
    if (division || start === 'recto') p.openRecto();
    else if (start === 'page') p.openPage();
    else p.spaceBetween(style.documents.spaceBefore * style.body.leading);
    const title = numberedTitle(doc);
    const opening = {
      title,
      id: doc.id,
      runningHead: runningHead(title),
      division: division || start === 'recto',
      ...(doc.group ? { group: doc.group } : {}),
    };
    placeAll(p, opened(print(documentBlocks(doc.blocks, style.spacing, images)), opening));
  });
  if (mentionPage) placeRegisterIndex(p, edition, fonts, style, mentionPage);
  p.flush();
}

/** Half-title, its blank verso, title page, imprint, contents. */
function frontMatter(p: Paginator, edition: ModelEdition, style: ReturnType<typeof loadPdfStyle>): void {
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
  const entry = (id: string, title: string, indent = 0): void =>
    p.place(
      block(words(title), {
        align: 'left',
        tocFor: id,
        spaceBefore: 0.25,
        rightIndent: 36,
        leftIndent: indent,
      }),
    );
  if (edition.introduction) entry('#introduction', 'Introduction');
  let group: string | undefined;
  for (const d of edition.documents) {
    // a division's title in italics, its documents indented under it
    if (d.group && d.group !== group)
      p.place(
        block([{ kind: 'text', text: d.group, style: 'italic' }], {
          tag: 'H2',
          align: 'left',
          spaceBefore: 0.75,
          keepWithNext: true,
        }),
      );
    group = d.group;
    entry(d.id, contentsTitle(d), d.group ? style.contents.indent : 0);
  }
}

/** The blocks of a document, the first marked as where it opens (an empty document gets a block to carry it). */
function opened(blocks: PdfBlock[], opening: Opening): PdfBlock[] {
  const list = blocks.length ? blocks : [block(words(opening.title), { type: 'heading', align: 'left' })];
  (list[0] as PdfBlock).opening = opening;
  return list;
}

export async function renderPdf(
  edition: ModelEdition,
  out: string,
  options: WriterOptions,
): Promise<string[]> {
  const { path, report } = await renderPdfBook(edition, out, options);
  // RECTO_PDF_LAYOUT names a file for the layout report (the output folder holds only the book)
  const file = process.env.RECTO_PDF_LAYOUT;
  if (file) await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  return [path];
}

/** The book, and the report of its layout (layout-report.ts). */
export async function renderPdfBook(
  edition: ModelEdition,
  out: string,
  options: Pick<
    WriterOptions,
    'reporter' | 'masterFile' | 'layout' | 'sources' | 'images' | 'look' | 'cache'
  >,
): Promise<{ path: string; report: LayoutReport }> {
  const breaks = BreakCache.open(options.cache?.dir, options.cache?.key ?? '');
  const streams = StreamCache.open(options.cache?.dir, options.cache?.key ?? '');
  useBreakCache(breaks);
  try {
    const book = await layOutBook(edition, out, options, streams);
    await breaks.save();
    await streams.save();
    return book;
  } finally {
    useBreakCache(undefined);
  }
}

async function layOutBook(
  edition: ModelEdition,
  out: string,
  options: Pick<WriterOptions, 'reporter' | 'masterFile' | 'layout' | 'sources' | 'images' | 'look'>,
  streams: StreamCache,
): Promise<{ path: string; report: LayoutReport }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { meta } = edition;
  const style = loadPdfStyle(options.look);
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
    for (const placed of page.body) if (placed.opening) openings.set(placed.opening.id, page.number);
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
  const drawer = new Drawer(doc, style, fonts, pageOf, documentOf, streams);
  const path = join(out, `${meta.id}.pdf`);
  const written = writeStreamAtomic(path, doc);
  const fitHead = (title: string): string =>
    fitWords(title, (t) => fonts.styledWidth(t, 'italic', style.runningHead.size) <= style.width * 0.6);
  const evenHead = fitHead(meta.title);
  // The running head of a right-hand page is the document its first line belongs to; a page
  // where a division opens has none.
  let current: Opening | undefined;
  // (a handout is one reading: no index of names)
  const handout = options.layout === 'handout';
  // A handout, a photocopy handed out alone, says on every page where it comes from: the reader
  // (its subtitle) on left-hand pages, the source edition on right-hand pages and the first.
  const [item] = edition.documents;
  const handoutHeads = handout
    ? {
        even: fitHead(meta.subtitle ?? meta.title),
        odd: fitHead(item?.sourceEdition ?? item?.source ?? meta.subtitle ?? meta.title),
      }
    : undefined;
  // Each page is drawn as soon as it is complete, then dropped.
  const draw = (page: Page): void => {
    record(page);
    const top = page.body[0]?.opening ?? current;
    const chrome = {
      runningHead: handoutHeads
        ? page.blank
          ? undefined
          : page.number % 2 === 0
            ? handoutHeads.even
            : handoutHeads.odd
        : page.blank || page.fixed || page.body[0]?.opening?.division
          ? undefined
          : page.number % 2 === 0
            ? evenHead
            : (page.runningHead ?? top?.runningHead),
      folio: !page.blank && page.fixed !== 'half-title' && page.fixed !== 'title',
    };
    drawer.drawPage(page, chrome);
    for (const placed of page.body) if (placed.opening) current = placed.opening;
  };
  const paginator = new Paginator(style, fonts, draw, refs);
  layoutBook(
    paginator,
    edition,
    fonts,
    style,
    handout,
    handout ? undefined : (id) => anchored.get(id),
    options.images,
  );
  const generatedSpaces = drawer.finish();
  doc.end();
  await written;

  reportUnknownElements(options, 'pdf', edition.unknown);
  for (const d of unheldImages('pdf', edition, options.images, options.masterFile))
    options.reporter.diagnostic(d);
  reportMissingCharacters(options, fonts.missing);
  const report = paginator.counter.report;
  report.generatedSpaces = generatedSpaces;
  report.seconds = Math.round(performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  report.cpuSeconds = Math.round((used.user + used.system) / 1000) / 1000;
  return { path, report };
}
