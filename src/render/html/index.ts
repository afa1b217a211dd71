import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mapLimit } from '../../fs/map-limit.ts';
import { writeIfChanged } from '../../fs/write-if-changed.ts';
import { type ModelEdition, numberedTitle } from '../../model/edition.ts';
import type { ReaderUnit } from '../../model/units.ts';
import { forEachNode } from '../../model/walk.ts';
import { timeSync } from '../../profile.ts';
import { editionFigures, imageBytes, unheldImages } from '../figures.ts';
import { linkTable } from '../links.ts';
import { templatePath } from '../template.ts';
import { reportUnknownElements } from '../unknown.ts';
import type { WriterOptions } from '../writer.ts';
import { citationExports } from './cite-export.ts';
import { PageCache } from './page-cache.ts';
import type { PageLookups } from './page-lookups.ts';
import {
  contentsScript,
  documentFile,
  documentPage,
  FIGURE_ASSETS,
  FIGURE_STYLE,
  type FigureImagesUse,
  indexPage,
  unitFile,
} from './pages.ts';
import { registerFile } from './register-links.ts';
import { registerIndexPage, registerPage } from './register-pages.ts';
import { type SearchDocument, type SearchRegisterEntry, searchIndexScript } from './search-index.ts';
import { siteEdition, unitPage } from './unit-pages.ts';

const require = createRequire(import.meta.url);
/** A file of the site kept as it is on disk (page-cache.ts: checked there, not written again). */
const KEPT = Symbol('kept');
const ASSETS = ['style.css', 'app.js', 'search-text.js', 'mode.js', 'icon.svg'];

/**
 * Where each id of the edition is, from the documents' pages (hrefs relative to docs/); a course
 * reader's unit and the ids in its introduction, on the unit's page.
 */
export function siteLinks(edition: ModelEdition, units: ReaderUnit[] = []): Map<string, string> {
  const links = linkTable(edition.documents, {
    file: (d) => `${d.id}.html`,
    page: (n) => `p${n}`,
    note: (id) => `fn-${id}`,
  });
  for (const unit of units) {
    const file = `../${unitFile(unit)}`;
    links.set(unit.id, file);
    forEachNode(unit.blocks, (n) => {
      if ('id' in n && n.id && !links.has(n.id)) links.set(n.id, `${file}#${n.id}`);
    });
  }
  return links;
}

/** The link to a document's own TEI in the site's downloads, when the site has it. */
const teiHref = (ownTei: { has(id: string): boolean }, id: string): string | undefined =>
  ownTei.has(id) ? `../downloads/tei/${id}.xml` : undefined;

/** A document's files (its page, its citation exports) and its entry in the search index. */
export function documentFiles(
  edition: ModelEdition,
  k: number,
  links: Map<string, string>,
  ownTei: { has(id: string): boolean },
  figures?: FigureImagesUse,
  units: ReaderUnit[] = [],
  seen?: PageLookups,
): { files: [string, string][]; entry: SearchDocument } | undefined {
  const doc = edition.documents[k];
  if (!doc) return undefined;
  const page = documentPage(edition, k, links, teiHref(ownTei, doc.id), figures, units, seen);
  const exports = citationExports(page.csl);
  return {
    files: [
      [documentFile(doc), page.html],
      [`cite/${doc.id}.json`, exports.json],
      [`cite/${doc.id}.bib`, exports.bib],
      [`cite/${doc.id}.ris`, exports.ris],
    ],
    entry: {
      id: doc.id,
      url: documentFile(doc),
      title: numberedTitle(doc),
      number: doc.number,
      date: doc.date,
      author: doc.author,
      recipient: doc.recipient,
      place: doc.place,
      source: doc.source,
      headings: page.ctx.headings ?? [],
      paragraphs: page.ctx.paragraphs,
      notes: page.ctx.notes.map((n) => ({ anchor: n.id, page: n.page, text: n.text ?? '' })),
    },
  };
}

/**
 * The static HTML edition: index, one page per document, search index, assets, and what the site
 * offers for download: the TEI master and each document's own TEI (the books are copied there by
 * the build once they are made).
 */
export async function renderHtml(
  model: ModelEdition,
  out: string,
  options: WriterOptions,
): Promise<string[]> {
  // (a course reader's units on pages of their own: see model/units.ts)
  const { edition, units } = siteEdition(model);
  const dir = join(out, 'html');
  // The site's files (thousands for a volume: pages, citation exports, each document's TEI) are
  // written at the end, several at a time: one after another they waited on the disk for seconds.
  const files = new Map<string, string | Uint8Array | typeof KEPT>();
  const write = (name: string, data: string | Uint8Array | typeof KEPT): void => {
    files.set(name, data);
  };
  const entries: SearchDocument[] = [];
  const links = siteLinks(edition, units);
  const figures: FigureImagesUse = { images: options.images ?? {}, used: new Map() };
  const opens = new Map(units.map((u) => [u.items[0]?.id, u]));
  // (a course reader's pages are drawn each time: its units change what a page shows)
  const pages = PageCache.open(units.length ? undefined : options.cache?.dir, dir, options.cache?.key ?? '');
  for (let k = 0; k < edition.documents.length; k++) {
    // a unit's page, before its first item: found by search in the reading order
    const unit = opens.get(edition.documents[k]?.id);
    if (unit) {
      const page = unitPage(edition, unit, links);
      write(unitFile(unit), page.html);
      entries.push(page.entry);
    }
    const id = edition.documents[k]?.id ?? '';
    const made = pages.files(edition, k, links, teiHref(options.documentTei, id), (seen) =>
      documentFiles(edition, k, links, options.documentTei, figures, units, seen),
    );
    if (!made) continue;
    if ('kept' in made) for (const name of made.kept) write(name, KEPT);
    else for (const [name, data] of made.files) write(name, data);
    entries.push(made.entry);
  }
  write('index.html', indexPage(edition, options.downloads, links, figures, units));

  if (editionFigures(edition).length)
    write(FIGURE_STYLE, await readFile(templatePath('html', 'figures.css')));
  // the images the pages show, copied under the site's assets; what the format cannot hold is said once
  for (const [name, { found, media }] of figures.used)
    write(`${FIGURE_ASSETS}${name}`, imageBytes(found, media));
  for (const d of unheldImages('html', edition, options.images, options.masterFile))
    options.reporter.diagnostic(d);
  if (edition.register.length) {
    write('register/index.html', registerIndexPage(edition));
    for (const entry of edition.register) write(registerFile(entry.id), registerPage(edition, entry));
  }
  const registerEntries: SearchRegisterEntry[] = edition.register.map((e) => ({
    id: e.id,
    url: registerFile(e.id),
    type: e.type,
    name: e.name,
    variants: e.variants,
    description: e.description,
    documents: new Set((edition.mentions.get(e.id) ?? []).map((m) => m.document)).size,
  }));
  write(
    'assets/search-index.js',
    timeSync('html search index', () => searchIndexScript(entries, registerEntries)),
  );
  write('assets/contents.js', contentsScript(edition));
  for (const asset of ASSETS) write(`assets/${asset}`, await readFile(templatePath('html', asset)));
  // The package's UMD build (defines window.MiniSearch); its exports map hides it, so resolve from the entry.
  const umd = join(dirname(require.resolve('minisearch')), '../umd/index.js');
  write('assets/minisearch.js', await readFile(umd));
  write('downloads/edition.xml', await readFile(options.masterFile));
  // each document's own TEI, where the master is a corpus of TEI documents (ours)
  for (const [id, xml] of options.documentTei) write(`downloads/tei/${id}.xml`, xml);
  // Unchanged files keep their times: a deployed edition re-uploads only what an edit changed.
  await mapLimit([...files], 16, async ([name, data]) => {
    if (data !== KEPT) await writeIfChanged(join(dir, name), data);
  });
  await pages.save();
  reportUnknownElements(options, 'html', edition.unknown);
  return [...files.keys()].map((name) => join(dir, name));
}
