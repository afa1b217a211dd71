import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write.ts';
import { type EditionMeta, RIGHTS_NOT_STATED } from '../../meta.ts';
import type { ModelDocument, ModelEdition } from '../../model/edition.ts';
import { type ReaderUnit, readerUnits } from '../../model/units.ts';
import { forEachNode } from '../../model/walk.ts';
import { modifiedDate, w3cDateTime } from '../../reproducible.ts';
import { editionFigures, imageBytes, unheldImages } from '../figures.ts';
import { blocks, noteBody } from '../html/elements.ts';
import { escapeHtml } from '../html/escape.ts';
import { newFigures } from '../html/figure.ts';
import { linkTable } from '../links.ts';
import { fill, readTemplate } from '../template.ts';
import { reportUnknownElements } from '../unknown.ts';
import type { WriterOptions } from '../writer.ts';
import { type BookImage, type EPubClass, RectoEPub } from './book.ts';
import { ChapterCache, chapterKey, type KeptEntry, keepable, zipEntries } from './chapter-cache.ts';
import { coverSvg } from './cover.ts';
import { keptCoverPng } from './cover-cache.ts';
import { chapterFiles, documentChapter, RESERVED } from './document-chapter.ts';
import { type EpubContext, newEpubContext } from './elements.ts';
import { editionUuid } from './identity.ts';
import { INDEX_FILE, registerIndexChapter } from './register-index.ts';
import { type Chapter, unitChapter } from './unit-chapter.ts';

/**
 * The annotated EPUB 3, made with epub-gen-memory (chapters, package, zip) from the TEI master.
 * What the library cannot express goes through its own template options (our templates in
 * templates/epub/: the package with accessibility metadata and a stable identifier, the nav with
 * page-list and landmarks, the NCX with the same identifier) and through its zip before it is
 * written: the generated cover is added and every entry gets the same timestamp, so the same
 * input and SOURCE_DATE_EPOCH give the same bytes.
 */

/** A person of the book's metadata: one `dc:creator` or `dc:contributor` each, with a MARC relator role. */
interface BookPerson {
  name: string;
  element: 'creator' | 'contributor';
  role: string;
}

/**
 * The book's people, one each, from the TEI's editors: those the header names with a role other
 * than the primary editor's (a FRUS volume's general editor) contribute; the others create. The
 * manifest's editor is one name as the edition states it (`editor`), not split on "and".
 */
export function bookPeople(meta: EditionMeta): BookPerson[] {
  const editors = meta.editors ?? (meta.editor ? [{ name: meta.editor }] : []);
  const creates = (role?: string): boolean => !role || role === 'primary';
  const hasCreator = editors.some((e) => creates(e.role));
  return editors.map((e, k) => ({
    name: e.name,
    // (a book with only a general editor still has a creator: the first)
    element: creates(e.role) || (!hasCreator && k === 0) ? 'creator' : 'contributor',
    role: 'edt',
  }));
}

/** An entry of the EPUB's navigation: a chapter, or a division's title (a unit's: its chapter) over its chapters. */
interface TocEntry {
  title: string;
  href?: string;
  children?: { title: string; href: string }[];
}

export async function renderEpub(
  model: ModelEdition,
  out: string,
  options: WriterOptions,
): Promise<string[]> {
  // (a course reader's units as chapters of their own, before their items: see model/units.ts)
  const { units, documents } = readerUnits(model.documents);
  const edition: ModelEdition = units.length ? { ...model, documents } : model;
  const { meta } = edition;
  const identifier = editionUuid(meta);
  const modified = modifiedDate(meta);
  const chapters: Chapter[] = [];
  const pages: { n: string; href: string; type: string; value: number }[] = [];
  // NCX page targets need a unique (type, value): arabic numbers are "normal", roman numerals
  // "front", and a number met twice "special", each counted on its own.
  const used = new Set<string>();
  const counters: Record<string, number> = { front: 0, special: 0 };
  const ncxTarget = (n: string): { type: string; value: number } => {
    if (/^\d+$/.test(n) && !used.has(`normal ${n}`)) {
      used.add(`normal ${n}`);
      return { type: 'normal', value: Number(n) };
    }
    const type = /^[ivxlcdm]+$/i.test(n) ? 'front' : 'special';
    counters[type] = (counters[type] ?? 0) + 1;
    return { type, value: counters[type] ?? 1 };
  };
  const endnotes: EpubContext['endnotes'] = [];

  chapters.push({
    title: 'Title page',
    filename: 'title.xhtml',
    beforeToc: true,
    excludeFromToc: true,
    content: fill(
      readTemplate('epub', 'titlepage.html'),
      {
        title: meta.title,
        subtitle: meta.subtitle ?? '',
        editor: meta.editor ? `Edited by ${meta.editor}` : '',
        publisher: [meta.publisher, meta.date?.slice(0, 4)].filter(Boolean).join(', '),
        licence: meta.licence ?? '',
      },
      'titlepage.html',
    ),
  });
  // the figures' images the book holds (drawn as `images/<name>`; the library's own image handling
  // only sees their names)
  const figures = newFigures('epub', options.images, (name) => name);
  if (edition.introduction) {
    const introCtx = newEpubContext();
    introCtx.figures = figures;
    const content = `<section epub:type="introduction" role="doc-introduction">${blocks(edition.introduction, introCtx)}</section>`;
    chapters.push({ title: 'Introduction', filename: 'introduction.xhtml', content });
  }
  const files = chapterFiles(edition.documents);
  const fileOf = (d: ModelDocument): string => files.get(d.id) ?? `${d.id}.xhtml`;
  const links = linkTable(edition.documents, {
    file: fileOf,
    page: (n) => `page${n}`,
    note: (id) => `fn-${id}`,
  });
  const taken = new Set([...RESERVED, ...[...files.values()].map((f) => f.replace(/\.xhtml$/, ''))]);
  const unitFiles = new Map<ReaderUnit, string>();
  for (const unit of units) {
    const base = unit.id.replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = taken.has(base) ? `unit-${base}` : base;
    for (let k = 2; taken.has(name); k++) name = `unit-${base}-${k}`;
    taken.add(name);
    unitFiles.set(unit, `${name}.xhtml`);
    links.set(unit.id, `${name}.xhtml`);
    forEachNode(unit.blocks, (n) => {
      if ('id' in n && n.id && !links.has(n.id)) links.set(n.id, `${name}.xhtml#${n.id}`);
    });
  }
  const unitOpened = new Map(units.map((u) => [u.items[0]?.id, u]));
  // The navigation: the documents of a division (a volume's chapter, a reader's unit) under its title.
  const toc: TocEntry[] = edition.introduction ? [{ title: 'Introduction', href: 'introduction.xhtml' }] : [];
  edition.documents.forEach((doc, k) => {
    const unit = unitOpened.get(doc.id);
    const unitFile = unit && unitFiles.get(unit);
    if (unit && unitFile) {
      chapters.push(unitChapter(unit, unitFile, fileOf, figures));
      toc.push({ title: doc.group ?? unit.title, href: unitFile, children: [] });
    }
    const { chapter, ctx: docCtx } = documentChapter(doc, k, edition, fileOf(doc), links, figures);
    chapters.push(chapter);
    const entry = { title: chapter.title, href: chapter.filename as string };
    const last = toc.at(-1);
    if (!doc.group) toc.push(entry);
    else if (last?.children && last.title === doc.group) last.children.push(entry);
    else toc.push({ title: doc.group, children: [entry] });
    for (const p of docCtx.pages)
      pages.push({ n: p.n, href: `${chapter.filename}#${p.id}`, ...ncxTarget(p.n) });
    endnotes.push(...docCtx.endnotes);
  });
  if (endnotes.length) {
    const items = endnotes
      .map(
        (n) =>
          `<li id="${n.id}"><div><span class="label">${escapeHtml(n.n)}</span> ${noteBody(n.html, n.block)}</div></li>`,
      )
      .join('\n');
    toc.push({ title: 'Notes in full', href: 'notes.xhtml' });
    chapters.push({
      title: 'Notes in full',
      filename: 'notes.xhtml',
      content: `<section epub:type="endnotes" role="doc-endnotes"><h1>Notes in full</h1><ol class="endnotes">${items}</ol></section>`,
    });
  }

  const index = registerIndexChapter(edition, fileOf);
  if (index) {
    // (a volume that prints its own index has an "Index" already: ours is then named for what it holds)
    const title = chapters.some((c) => c.title === 'Index') ? 'Index of names' : 'Index';
    chapters.push({ title, filename: INDEX_FILE, content: index });
    toc.push({ title, href: INDEX_FILE }); // in the contents too, not only the landmarks
  }

  const firstDocument = edition.documents[0];
  // The printed editions the book is made from (not each document's archival source): a volume is
  // its own source; our documents name theirs in their header. Every one is listed.
  const sources = [
    ...new Set(
      edition.documents.map(
        (d) => d.sourceEdition ?? (d.kind === 'document' && d.source ? d.source : meta.title),
      ),
    ),
  ];
  const book = {
    title: meta.title,
    author: bookPeople(meta).map((p) => p.name),
    publisher: meta.publisher ?? '',
    description: meta.subtitle ?? meta.title,
    lang: meta.language,
    tocTitle: 'Contents',
    prependChapterTitles: false,
    version: 3,
    verbose: false,
    // (the figures' styles only in a book that has a figure: the others stay as they were)
    css:
      readTemplate('epub', 'style.css') +
      (editionFigures(edition).length ? readTemplate('epub', 'figures.css') : ''),
    contentOPF: readTemplate('epub', 'content.opf.ejs'),
    tocXHTML: readTemplate('epub', 'toc.xhtml.ejs'),
    tocNCX: readTemplate('epub', 'toc.ncx.ejs'),
    // Extra keys reach the templates (epub-gen-memory passes its options through).
    recto: {
      subtitle: meta.subtitle,
      people: bookPeople(meta),
      date: meta.date,
      // always stated: nothing is claimed when the edition states no licence
      rights: [meta.licence, meta.licenceUrl].filter(Boolean).join(' ') || RIGHTS_NOT_STATED,
      sources: sources.length ? sources : [meta.title],
      modified: w3cDateTime(modified),
      // One edition, many printed sources: each document's page numbers are those of its own source.
      pageBreakSource:
        sources.length === 1
          ? sources[0]
          : `The printed source of each document, as cited with it (${sources.length} sources)`,
      pages,
      toc,
      // (a reader's first unit opens the text, before its first item)
      bodymatter: firstDocument
        ? (unitFiles.get(unitOpened.get(firstDocument.id) as ReaderUnit) ?? fileOf(firstDocument))
        : 'title.xhtml',
      index: index ? INDEX_FILE : '',
      accessibilitySummary:
        'Text-only publication with a table of contents, landmarks and the page numbers of the printed sources (page list and page-break markers). Footnotes are linked both ways; editorial interventions (omissions, conjectures, corrections) are marked in the text and described for screen readers.',
      certifiedBy: 'Recto (self-declared)',
    },
  };
  const bookImages = new Map<string, BookImage>();
  for (const [name, { found, media }] of figures.used)
    bookImages.set(name, { name, mediaType: found.mediaType, bytes: imageBytes(found, media) });
  // The chapters an earlier build zipped, unchanged since (chapter-cache.ts).
  const cache = ChapterCache.open(options.cache?.dir, options.cache?.key ?? '');
  const keys = chapters.map((c, index) =>
    cache.enabled && keepable(c.content) ? chapterKey({ ...c, index }, meta.language) : undefined,
  );
  const kept = new Map<number, KeptEntry>();
  keys.forEach((key, k) => {
    const entry = key ? cache.get(key) : undefined;
    if (entry) kept.set(k, entry);
  });
  const epub = new RectoEPub(
    book as ConstructorParameters<EPubClass>[0],
    chapters,
    identifier,
    bookImages,
    kept,
  );
  const cover = fill(
    readTemplate('epub', 'cover.xhtml'),
    { lang: meta.language, title: meta.title },
    'cover.xhtml',
  );
  const others = new Map<string, string>(); // the book's other entries' keys, by entry name
  const buffer = await epub.build(
    {
      'cover.svg': coverSvg(meta),
      'cover.png': await keptCoverPng(meta, options.cache),
      'cover.xhtml': cover,
    },
    modified,
    cache,
    others,
  );

  if (cache.enabled) {
    const entries = zipEntries(buffer);
    const keep = (key: string | undefined, name: string): void => {
      const entry = key ? entries.get(name) : undefined;
      if (key && entry?.method === 8) {
        const { method: _method, ...deflatedEntry } = entry;
        cache.keep(key, deflatedEntry);
      }
    };
    keys.forEach((key, k) => {
      keep(key, epub.entryName(k));
    });
    for (const [name, key] of others) keep(key, name);
    await cache.save();
  }

  reportUnknownElements(options, 'epub', edition.unknown);
  for (const d of unheldImages('epub', edition, options.images, options.masterFile))
    options.reporter.diagnostic(d);
  const path = join(out, `${meta.id}.epub`);
  await writeFileAtomic(path, buffer);
  return [path];
}
