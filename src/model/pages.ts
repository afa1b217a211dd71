import type { SourceRecord } from '../meta.ts';
import { isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';
import type { Block, Inline } from './types.ts';

/**
 * A document's pages in its source edition as its TEI marks them, for a reader that cuts the text
 * by page (`recto reader`): the page its first words are printed on, then each page break's page.
 * (The writers' `startPage` and source-record pages come from the model's blocks: see
 * `findPages` in edition.ts. This is the TEI's own order of breaks, which the excerpt follows.)
 */
export interface DocumentPages {
  /**
   * The page its first words are printed on: the last page break before it in its file (a
   * volume's), else the first page its source record gives, else unknown.
   */
  start?: string;
  /** Its pages in order: the start, then each numbered page break's page (a repeat counted once). */
  list: string[];
}

/** A page break, and the page it begins (none when it has no number); undefined for any other node. */
export function pageBreakOf(node: TeiNode): { n?: string } | undefined {
  return isElement(node) && localName(node.name) === 'pb' ? { n: node.attrs.n } : undefined;
}

/** The page breaks inside an element (a head's), in order: the page each begins. */
export function pageBreaksIn(e: TeiElement): (string | undefined)[] {
  return e.children.flatMap((c) => {
    if (!isElement(c)) return [];
    const pb = pageBreakOf(c);
    return pb ? [pb.n] : pageBreaksIn(c);
  });
}

/** The last numbered page break before `div` in the tree, in document order. */
function breakBefore(root: TeiElement, div: TeiElement): string | undefined {
  let last: string | undefined;
  let found = false;
  const visit = (n: TeiNode): void => {
    if (found || !isElement(n)) return;
    if (n === div) {
      found = true;
      return;
    }
    if (localName(n.name) === 'pb' && n.attrs.n) last = n.attrs.n;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return last;
}

/** The pages of a document (`div`, a part of `root`) whose source record is `record`. */
export function documentPages(
  root: TeiElement,
  div: TeiElement,
  record: Pick<SourceRecord, 'pages'>,
): DocumentPages {
  const start = breakBefore(root, div) ?? record.pages?.from;
  const list: string[] = start ? [start] : [];
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    const pb = pageBreakOf(n);
    if (pb?.n && list.at(-1) !== pb.n) list.push(pb.n);
    for (const c of n.children) visit(c);
  };
  for (const c of div.children) visit(c);
  return { start, list };
}

/**
 * Where words stand in the source edition, as a locator: one page (`696`) when a page break says
 * so, else the range the words may be on (`696–709`: a document without page markers whose header
 * gives its pages, or that stands between two breaks of its volume), else where they begin and no
 * more (`696 ff.`: after a document that ended on 696, with no break after it). A locator that is a
 * range is never shortened to its first page.
 */
export type Locator = string;

/** The locator of the pages from `from` to `to` (one page when they are the same). */
export const pagesLocator = (from: string, to: string): Locator => (from === to ? from : `${from}–${to}`);

/** A locator as the edition prints it: `p. 696`, `pp. 696–709`, `p. 696 ff.`. */
export const locatorLabel = (locator: Locator): string =>
  locator.includes('–') ? `pp. ${locator}` : `p. ${locator}`;

/** The page before a numbered page (`697` → `696`), none for a page not numbered in figures. */
export function pageBefore(page: string): string | undefined {
  return /^\d+$/.test(page) && Number(page) > 1 ? String(Number(page) - 1) : undefined;
}

/** The page words begin on: `page`, or the page of a break before the first of them. */
export function pageOfFirstWords(nodes: (Block | Inline)[], page: Locator | undefined): Locator | undefined {
  for (const n of nodes) {
    if (n.kind === 'pageBreak') page = n.n;
    else if (n.kind === 'paragraph') return pageOfFirstWords(n.children, page);
    else if (n.kind !== 'text' || n.text.trim()) return page;
  }
  return page;
}

/**
 * The locator of words that begin at `start` and end at `end` (a search entry's): one page, or
 * the pages they run over (`12–13`; a range a locator already is stays one).
 */
export function spanned(start: Locator | undefined, end: Locator | undefined): Locator | undefined {
  if (start === undefined || end === undefined || start === end) return end ?? start;
  return pagesLocator(start.split('–')[0] ?? start, end.split('–').at(-1) ?? end);
}
