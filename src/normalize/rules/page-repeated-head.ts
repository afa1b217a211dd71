import type { Line } from '../lines.ts';
import { formsPageRun, type ProposedPage, pageValue } from '../page-run.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';
import { editDistance } from './correction.ts';

/**
 * A running head seen once: a page's folio with the title of the section or book it heads, the
 * title a heading printed earlier in the copy (`PEEFAOE,` over a preface's first page, then `IV
 * PREFACE.` at the head of its second; `INDEX OF EPIGRAMS …`, then `vi INDEX OF EPIGRAMS.`; a
 * Wikisource page of `The Religion of the Veda` headed `124 The Religion of the Veda`). A book
 * repeats a section's or its own title at the head of each page after the first: what a run of
 * heads shows by recurring (rule `page-furniture`), one head shows by repeating that title. The
 * folio on the head's line, at either end, or alone on the line beside it (`IV` / `PREFACE`), arabic
 * (not a year) or roman, as printed. Set apart by blank lines as a page's head is; the title's
 * first words (to a comma or a stop) a heading's opening, alone on its line or, at ten letters or
 * more, anywhere in an earlier line; a page's text at least between the two. Part of rule
 * `page-furniture`.
 */
const FOLIO = String.raw`(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})`;
const TITLE = String.raw`\p{L}[\p{L}\d ,.;:'’&—-]{2,58}`;
const FOLIO_FIRST = new RegExp(`^(${FOLIO})\\s+(${TITLE})$`, 'u');
const TITLE_FIRST = new RegExp(`^(${TITLE}?)\\s+(${FOLIO})$`, 'u');
const FOLIO_ALONE = new RegExp(`^${FOLIO}$`, 'u');
/** A numbered heading's word (`CHAPTER 12`, `No. 45`): its number is the heading's, no folio. */
const LABEL =
  /^(?:chapter|chap|book|part|section|letter|no|number|psalm|canto|article|lecture|vol|volume|act|scene|hymn|document|doc|appendix|plate|figure|fig|table|page|session)\b/i;
/** The fewest characters of a page's text between the heading and its page's head. */
const PAGE_CHARS = 150;

const letters = (s: string): string => s.toUpperCase().replace(/[^A-Z]/g, '');

/** The title's first words, up to a comma or a stop: what a heading opens with. */
const titleKey = (title: string): string => letters(/^[^,.;:—(]*/.exec(title)?.[0] ?? title);

interface Head {
  /** The lines of the head: its own, and the folio's where the folio stands alone. */
  head: Line;
  folio?: Line;
  n: string;
  key: string;
}

const blank = (l: Line | undefined): boolean => l === undefined || l.text.trim() === '';

/** The head a line (and the folio beside it) gives, if it has the form of one. */
function headAt(lines: Line[], k: number): Head | undefined {
  const line = lines[k] as Line;
  const text = line.text.trim();
  const apart = blank(lines[k - 1]) && blank(lines[k + 1]);
  if (!apart || !text) return undefined;
  const first = FOLIO_FIRST.exec(text);
  const last = first ? null : TITLE_FIRST.exec(text);
  if (first || last) {
    const [n, title] = first ? [first[1] ?? '', first[2] ?? ''] : [last?.[2] ?? '', last?.[1] ?? ''];
    return { head: line, n, key: titleKey(title) };
  }
  if (!FOLIO_ALONE.test(text)) return undefined;
  // (the folio alone, its head on the next line of text, only blank lines between)
  let j = k + 1;
  while (j < lines.length && j <= k + 3 && blank(lines[j])) j++;
  const title = lines[j]?.text.trim() ?? '';
  if (j === k + 1 || !new RegExp(`^${TITLE}$`, 'u').test(title) || !blank(lines[j + 1])) return undefined;
  return { head: lines[j] as Line, folio: line, n: text, key: titleKey(title) };
}

/** Whether an earlier line opens with the title (or, a long one, holds it): the heading it repeats. */
function repeats(key: string, earlier: string): boolean {
  if (/^\s*\d/.test(earlier)) return false; // (a contents entry or a numbered heading: not the title alone)
  const other = letters(earlier);
  if (key.length >= 10 && other.includes(key)) return true;
  const start = other.slice(0, key.length);
  return start.length === key.length && editDistance(start, key) <= Math.floor(key.length * 0.3);
}

/** The fewest characters of the text's lines on each side of a page's head (a list's entries are shorter). */
const TEXT_LINE = 30;

/**
 * Whether the head stands between two pages' text, a line of prose on each side of it: a contents
 * list's entry (`2 The Treaty`, the title of a section the document prints further on) stands
 * among other entries.
 */
function amidText(lines: Line[], top: number, bottom: number): boolean {
  const near = (from: number, step: 1 | -1): string => {
    for (let j = from + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] as Line).text.trim();
      if (t) return t;
    }
    return '';
  };
  return near(top, -1).length >= TEXT_LINE && near(bottom, 1).length >= TEXT_LINE;
}

export function findRepeatedHeads(lines: Line[]): Cutout[] {
  const heads: Head[] = [];
  for (let k = 1; k < lines.length; k++) {
    const h = headAt(lines, k);
    if (!h || h.key.length < 5 || LABEL.test(h.key)) continue;
    // (a head's capital roman folio, `IV PREFACE.`, is read as the lower-case one it prints in capitals)
    const value = pageValue(/^[IVXLC]+$/.test(h.n) ? h.n.toLowerCase() : h.n);
    if (!value || (value.kind === 'arabic' && value.value >= 1400 && value.value <= 2099)) continue;
    const top = (h.folio ?? h.head).index;
    // (the heading it repeats, and a page's text between them)
    let heading: Line | undefined;
    for (let j = top - 1; j >= 0 && !heading; j--)
      if (repeats(h.key, (lines[j] as Line).text)) heading = lines[j];
    if (!heading) continue;
    const between = lines
      .slice(heading.index + 1, top)
      .map((l) => l.text.trim())
      .join(' ');
    if (between.length >= PAGE_CHARS && amidText(lines, (h.folio ?? h.head).index, h.head.index))
      heads.push(h);
  }
  if (heads.length === 0) return [];
  // (several: their folios must read as a book's pages, page-run.ts)
  const pages: ProposedPage[] = heads.map((h) => ({ n: h.n, offset: (h.folio ?? h.head).offset }));
  if (heads.length > 1 && !formsPageRun(pages, true)) return [];
  return heads.flatMap((h): Cutout[] => {
    const cut = (line: Line, role: 'header' | 'pageNum', page?: { n: string; rend: string }): Cutout => ({
      block: { kind: 'furniture', span: spanOf(line), role, page },
      firstLine: line.index,
      endLine: line.index + 1,
    });
    return h.folio
      ? [cut(h.folio, 'pageNum', { n: h.n, rend: 'folio' }), cut(h.head, 'header')]
      : [cut(h.head, 'header', { n: h.n, rend: 'running-head' })];
  });
}
