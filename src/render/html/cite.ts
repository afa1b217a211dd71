import type { EditionMeta } from '../../meta.ts';
import type { ModelDocument } from '../../model/edition.ts';
import { escapeHtml } from './escape.ts';

/**
 * How a document is cited: first where it is printed (the source edition: its editors, imprint,
 * the document's number and the page), then this edition where it is read (title, editor, URL,
 * date accessed). The page and the URL are filled in by the page script, from the page in view.
 * The same facts give the exports (CSL-JSON, and through citation-js BibTeX and RIS) and the
 * meta tags reference managers read (Zotero's Embedded Metadata: `citation_*`).
 */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: CslType;
  title: string;
  author?: { literal: string }[];
  recipient?: { literal: string }[];
  'container-title'?: string;
  'collection-title'?: string;
  editor?: { literal: string }[];
  publisher?: string;
  'publisher-place'?: string;
  issued?: { 'date-parts': number[][] };
  page?: string;
  volume?: string;
  'chapter-number'?: string;
  archive_location?: string;
  URL?: string;
  note?: string;
}

/**
 * What a document is, as CSL names it: a document printed in a book (a FRUS volume) is a
 * `chapter` of it; one whose printed edition is not known is cited by itself, a letter (a sender
 * and a recipient: telegrams, despatches, letters), else an archival `manuscript` (a file
 * number or an archival source note), else a `document`.
 */
export type CslType = 'chapter' | 'letter' | 'manuscript' | 'document';

export function cslType(doc: ModelDocument): CslType {
  if (doc.record.title) return 'chapter';
  if (doc.author && doc.recipient) return 'letter';
  if (doc.record.idno || doc.source) return 'manuscript';
  return 'document';
}

export interface Citation {
  /** Chicago notes-bibliography, up to the page (HTML). */
  before: string;
  /** After the page: this edition, its URL (filled in) and the date accessed (filled in). */
  after: string;
  csl: CslItem;
  meta: [string, string][];
}

/** "A", "A and B", "A, B, and C" (Chicago). */
const names = (list: string[]): string =>
  list.length < 3 ? list.join(' and ') : `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}`;

/** A string matched literally inside a regular expression. */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cite = (title: string): string => `<cite>${escapeHtml(title)}</cite>`;

/** The citation of a document, under its key (unique across the edition: `citationKeys`). */
export function documentCitation(doc: ModelDocument, edition: EditionMeta, key: string = doc.id): Citation {
  const r = doc.record;
  const source = r.title;
  const imprint = [
    r.pubPlace && r.publisher ? `${r.pubPlace}: ${r.publisher}` : (r.publisher ?? r.pubPlace),
    r.year,
  ]
    .filter(Boolean)
    .join(', ');
  const parts: string[] = [];
  if (doc.author) parts.push(`${escapeHtml(doc.author)}, `);
  parts.push(`“${escapeHtml(doc.title)},” `);
  if (doc.date) parts.push(`${escapeHtml(doc.date)}, `);
  if (source) {
    parts.push(`in ${cite(source)}`);
    if (r.series && !source.startsWith(r.series)) parts.push(`, ${escapeHtml(r.series)}`);
    if (r.volume && !new RegExp(`\\bvol(?:ume|\\.)\\s+${literal(r.volume)}\\b`, 'i').test(source))
      parts.push(`, vol. ${escapeHtml(r.volume)}`);
    if (r.editors.length) parts.push(`, ed. ${escapeHtml(names(r.editors))}`);
    if (imprint) parts.push(` (${escapeHtml(imprint)})`);
    if (r.document) parts.push(`, doc. ${escapeHtml(r.document)}`);
  } else if (r.idno) parts.push(`file ${escapeHtml(r.idno)}`);
  else if (doc.source) parts.push(escapeHtml(doc.source));
  // This edition, when it is not the source edition itself (a rendering of a printed volume).
  const ours = edition.title !== source;
  const ourImprint = [edition.publisher, edition.date?.slice(0, 4)].filter(Boolean).join(', ');
  const reproduced = ours
    ? `; reproduced in ${cite(edition.title)}${edition.editor ? `, ed. ${escapeHtml(edition.editor)}` : ''}${
        ourImprint ? ` (${escapeHtml(ourImprint)})` : ''
      }`
    : '';
  const pages = r.pages
    ? r.pages.from === r.pages.to
      ? r.pages.from
      : `${r.pages.from}-${r.pages.to}`
    : undefined;
  const year = Number(r.year);
  const type = cslType(doc);
  // Cited by itself (no printed edition known): where the original is kept, as its source note says.
  // (a source line that is only the file number and the kind, `761.00/3–2046: Telegram`, is the archive location)
  const archival =
    !source && doc.source && !(r.idno && doc.source.startsWith(r.idno))
      ? doc.source.replace(/^Source:\s*/, '')
      : undefined;
  const reproducedNote = ours
    ? `Reproduced in ${edition.title}${edition.editor ? `, ed. ${edition.editor}` : ''}`
    : undefined;
  const note = [archival && `Source: ${archival}`, reproducedNote].filter(Boolean).join('. ');
  const csl: CslItem = {
    id: key,
    'citation-key': key,
    type,
    title: doc.title,
    ...(doc.author ? { author: [{ literal: doc.author }] } : {}),
    ...(type === 'letter' && doc.recipient ? { recipient: [{ literal: doc.recipient }] } : {}),
    ...(source ? { 'container-title': source } : {}),
    ...(source && r.series ? { 'collection-title': r.series } : {}),
    ...(r.editors.length ? { editor: r.editors.map((literal) => ({ literal })) } : {}),
    ...(r.publisher ? { publisher: r.publisher } : {}),
    ...(r.pubPlace ? { 'publisher-place': r.pubPlace } : {}),
    ...(Number.isInteger(year) && year > 0 ? { issued: { 'date-parts': [[year]] } } : {}),
    ...(pages ? { page: pages } : {}),
    ...(r.volume ? { volume: r.volume } : {}),
    ...(r.document ? { 'chapter-number': r.document } : {}),
    ...(!source && r.idno ? { archive_location: r.idno } : {}),
    ...(r.url ? { URL: r.url } : {}),
    ...(note ? { note } : {}),
  };
  const meta: [string, string][] = [['citation_title', doc.title]];
  if (doc.author) meta.push(['citation_author', doc.author]);
  if (source) meta.push(['citation_book_title', source]);
  for (const e of r.editors) meta.push(['citation_editor', e]);
  if (r.publisher) meta.push(['citation_publisher', r.publisher]);
  if (r.year) meta.push(['citation_publication_date', r.year]);
  if (r.volume) meta.push(['citation_volume', r.volume]);
  if (r.pages) meta.push(['citation_firstpage', r.pages.from], ['citation_lastpage', r.pages.to]);
  if (doc.date) meta.push(['citation_date', doc.date]);
  meta.push(['citation_language', edition.language]);
  if (r.url) meta.push(['citation_public_url', r.url]);
  return { before: parts.join(''), after: reproduced, csl, meta };
}
