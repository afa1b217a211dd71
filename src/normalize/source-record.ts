import type { StatedSource } from '../meta.ts';
import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';

/**
 * A document's printed source, as the teiHeader's `sourceDesc/biblStruct` states it: what the
 * text says by FRUS conventions (file number, source note, document number, pages from the page
 * breaks, URL), then the manifest's `sourceEdition` (the volume) and the document's own `source`
 * object, field by field, the document's last.
 */
export interface DocumentSource {
  /**
   * The printed edition (monogr title): the volume stated, else the manifest's source string or a
   * web copy's citation block; never an archival source note or a file number, which say where
   * the original is kept, not where it is printed (none known: the document is cited by itself).
   */
  title?: string;
  series?: string;
  volume?: string;
  editors: string[];
  publisher?: string;
  pubPlace?: string;
  year?: string;
  document?: string;
  pages?: { from: string; to: string };
  url?: string;
  idno?: string; // the file number (`761.00/260`)
  note?: string; // the source note as printed (`Source: …`)
}

/** Text of a node without its notes and without the page breaks' numbers. */
function plainText(n: TeiNode): string {
  if (typeof n === 'string') return n;
  if (n.name === 'note') return '';
  if (n.name === 'choice') {
    const corr = n.children.filter(isElement).find((c) => c.name === 'corr' || c.name === 'reg');
    return corr ? corr.children.map(plainText).join('') : '';
  }
  return n.children.map(plainText).join('');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A FRUS decimal file number: `761.00/260`, `761.00/3–2046`, `762.0221/1–1658`, `611.61/2-1946`. */
const FILE_NUMBER = /\b\d{3}\.[0-9A-Z]+\/\d+(?:[–-]\d+)*\b/;

/** The notes of type source at the document's top level (the file number line, `Source: …`, a citation block). */
/** The notes that cite the document's source (not a documentary edition's archival note after the text). */
function sourceNotes(div: TeiElement): TeiElement[] {
  return div.children
    .filter(isElement)
    .filter((c) => c.name === 'note' && c.attrs.type === 'source' && c.attrs.place !== 'end');
}

function noteText(note: TeiElement): string {
  const bibls = note.children.filter(isElement).filter((c) => c.name === 'bibl');
  const parts = bibls.length ? bibls : [note];
  return squash(parts.map((b) => b.children.map(plainText).join('')).join(' '));
}

/** Every element of a kind under `e`, in document order. */
function descendants(e: TeiElement, name: string): TeiElement[] {
  const out: TeiElement[] = [];
  const visit = (n: TeiElement): void => {
    for (const c of n.children)
      if (isElement(c)) {
        if (c.name === name) out.push(c);
        visit(c);
      }
  };
  visit(e);
  return out;
}

/**
 * The pages of the print edition the document fills, from its page breaks: `[Page N]` is where
 * page N begins, so a document whose own text begins before its first break began on the page
 * before (N − 1); one whose first break stands before any of its text begins on page N. What
 * does not count as the document's text: the source note and the file number (printed as the
 * head's footnote, on the head's page) and web boilerplate.
 */
export function pageRange(div: TeiElement): { from: string; to: string } | undefined {
  const pbs = descendants(div, 'pb').filter((pb) => /^\d+$/.test(pb.attrs.n ?? ''));
  const first = pbs[0];
  const last = pbs.at(-1);
  if (!first || !last) return undefined;
  let textBefore = false;
  const visit = (n: TeiNode): boolean => {
    if (typeof n === 'string') {
      if (n.trim() !== '') textBefore = true;
      return false;
    }
    if (n === first) return true;
    if (n.name === 'fw' || (n.name === 'note' && n.attrs.type === 'source')) return false;
    return n.children.some(visit);
  };
  div.children.some(visit);
  const start = Number(first.attrs.n) - (textBefore ? 1 : 0);
  const end = Number(last.attrs.n);
  if (start < 1 || end < start) return undefined;
  return { from: String(start), to: String(end) };
}

export function parsePages(pages: string): { from: string; to: string } {
  const [from = pages, to = from] = pages.split(/\s*[–-]\s*/);
  return { from, to };
}

/** The document's source record: from the text, then the edition's volume, then the document's own entry. */
export function documentSource(
  div: TeiElement,
  edition: StatedSource | undefined,
  own: StatedSource | undefined,
  statedSource?: string, // the manifest's `source` given as a string
): DocumentSource {
  const notes = sourceNotes(div);
  const texts = notes.map(noteText);
  const sourceNote = texts.find((t) => /^\[?Source\b/.test(t));
  const fileNumber = texts.map((t) => FILE_NUMBER.exec(t)?.[0]).find(Boolean);
  // FRUS prints the document's number before its head (`10. Telegram From …`); a number before a
  // citation block (`511.` / `Source`) is the telegram's own number, not the document's.
  const head = div.children.filter(isElement).find((c) => c.name === 'head');
  const number = head ? /^(\d+)\.\s+\S/.exec(squash(plainText(head)))?.[1] : undefined;
  const url = notes
    .flatMap((n) => descendants(n, 'ref'))
    .map((r) => r.attrs.target)
    .find((t) => t && /^https?:\/\//.test(t));
  const derived: StatedSource = {
    idno: fileNumber,
    document: number,
    url,
  };
  // Manifest values are never undefined (JSON has none), so a spread overrides field by field.
  const merged: StatedSource = { ...derived, ...edition, ...own };
  // Pages are the document's own: the edition's default cannot know them.
  // Without page breaks, the pages a web copy's citation block states (`…, pp. 696-709`); never
  // those of a `Source:` note, whose pages are another publication's (`printed in …, p. 475`).
  const cited = notes
    .filter((n) => n.attrs.subtype === 'citation')
    .map((n) => /\bpp?\.\s*(\d+(?:\s*[–-]\s*\d+)?)/.exec(noteText(n))?.[1])
    .find(Boolean);
  const pages = own?.pages
    ? parsePages(own.pages)
    : (pageRange(div) ?? (cited ? parsePages(cited) : undefined));
  // A web copy's citation block names the printed edition it was taken from.
  const citation = notes
    .filter((n) => n.attrs.subtype === 'citation')
    .map(noteText)
    .join(' ');
  const printed = statedSource ?? (citation || undefined);
  return {
    title:
      merged.title ?? (printed ? squash(printed.replace(/\bhttps?:\/\/\S+/g, '')) || undefined : undefined),
    series: merged.series,
    volume: merged.volume,
    editors: merged.editors ?? [],
    publisher: merged.publisher,
    pubPlace: merged.pubPlace,
    year: merged.year,
    document: merged.document,
    pages,
    url: merged.url,
    idno: merged.idno,
    note: sourceNote,
  };
}
