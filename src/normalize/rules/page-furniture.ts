import type { Line } from '../lines.ts';
import { formsPageRun, type ProposedPage, runsOn } from '../page-run.ts';
import { printer, type Rule } from '../rule.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';
import { editDistance } from './correction.ts';
import { findPageLabels } from './page-label.ts';
import { findLoneFolios } from './page-lone-folio.ts';
import { findRepeatedHeads } from './page-repeated-head.ts';

/**
 * Rule `page-furniture` (OCR'd books: the Internet Archive's, HathiTrust's, Google's): the lines a
 * printed page carries besides its text, kept as the text of the page gave them (OCR misreadings
 * and all) but out of the running text:
 * - a running head, the line repeated at the top of page after page (`Venereal Diseases.`, a
 *   verso's `26 THE SILENT FRIEND.` and a recto's `THE SILENT FRIEND. 27`, OCR variants told
 *   as one by their likeness) → `<fw type="header">`;
 * - its folio, on the head's line or alone beside it (as printed: `27`, `so`, `S2`), or a folio
 *   alone on a line set apart from the text at a page's head or foot, with no head → a page break
 *   `<pb n="27"/>` and `<fw type="pageNum">`;
 * - a printer's signature (`c 2`, `B 3`) alone at a page's foot → `<fw type="sig">`;
 * - where folios alone show the pages, a head that changes page to page (`captions`);
 * - in a copy of one page, its head at the top with its folio (`titledHeadFolio`, `CAPITAL_HEAD`).
 * Page furniture stands apart: two blank lines or more on one side of it at least (how OCR text
 * sets a page's margins). Only a text whose running heads or folios recur is read so (family
 * `ocr-book`), or one page's head: a number alone on a line elsewhere stays text.
 */
export type FurnitureRole = 'header' | 'pageNum' | 'sig';

const MAX_HEAD = 70;
// (as the OCR read it: `S2`, `so`, `]()` for 10: letters and signs it takes figures for)
const FOLIO = /^(?:\d{1,4}|[\dIlSsOoGDB"[\]()|!]{1,3}|\d [\dA-Za-z]|[A-Z] \d)$/;
const DIGIT_FOLIO = /^\d{1,4}$|^\d [\dA-Za-z]$|^[IlS] ?\d$|^\d[A-Z]$/;
/** A page's head with its folio, the rest in capitals (`76 GREEK AND ROMAN MYTHOLOGY`): a running head even alone. */
const CAPITAL_HEAD =
  /^(?:\d{1,4} \p{Lu}[\p{Lu}\d .,;:'’&-]*\p{Lu}[\p{Lu}\d .,;:'’&-]* \p{Lu}[\p{Lu}\d .,;:'’&-]*|\p{Lu}[\p{Lu} .,;:'’&-]* \p{Lu}[\p{Lu} .,;:'’&-]* \d{1,4})$/u;
const SIGNATURE = /^(?:[A-Za-z]{1,2}(?: ?\d)?|\d?[A-Za-z]{1,2}|\d [§*])$/;

interface Candidate {
  line: Line;
  text: string; // trimmed
  index: number; // among the document's lines
}

/**
 * The word a numbered heading opens with (`CHAPTER 12`, `Letter 4`, `No. 45`, `PSALM 23`): its
 * number is the heading's, no folio, however often such headings recur.
 */
const HEADING_LABEL =
  /^(?:chapter|chap|book|part|section|sect|letter|number|no|psalm|canto|article|art|sonnet|lecture|vol|volume|act|scene|stanza|hymn|sermon|essay|paper|document|doc|appendix|plate|fig|figure|table|item|lesson|number|page)\.?$/i;

/** A head's words without its folio: what recurs from page to page. */
function headKey(text: string): { key: string; folio?: string; folioAt?: 'start' | 'end' } {
  const start = /^(\S{1,4})\s+(.+)$/.exec(text);
  const end = /^(.+?)\s+(\S{1,4})$/.exec(text);
  // (a number followed by a full stop or a bracket numbers a heading, `224. Memorandum`: no folio)
  if (start && /\d/.test(start[1] ?? '') && !/[.)]$/.test(start[1] ?? '') && (start[2] ?? '').length > 4)
    return { key: letters(start[2] ?? ''), folio: start[1], folioAt: 'start' };
  if (
    end &&
    !HEADING_LABEL.test(end[1] ?? '') &&
    /\d|^[“"]?[A-Z][a-z]?$/.test(end[2] ?? '') &&
    (end[1] ?? '').length > 4 &&
    /\d/.test(end[2] ?? '')
  )
    return { key: letters(end[1] ?? ''), folio: end[2], folioAt: 'end' };
  return { key: letters(text) };
}

const letters = (s: string): string => s.toUpperCase().replace(/[^A-Z]/g, '');

const alike = (a: string, b: string): boolean =>
  a.length >= 5 &&
  b.length >= 5 &&
  editDistance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) * 0.3));

/**
 * Whether the text between the furniture is a printed page's: lines broken at the page's width,
 * one after another (an export that sets every paragraph on a line of its own, blank lines
 * between, has no page to furnish: its lone numbers are section numbers).
 */
function pageText(lines: Line[], furniture: Set<number>): boolean {
  const text = lines.filter((l, k) => l.text.trim() !== '' && !furniture.has(k));
  if (text.length < 6) return false;
  const short = text.filter((l) => l.text.length <= 90).length;
  const followed = text.filter((l) => (lines[l.index + 1]?.text.trim() ?? '') !== '').length;
  return short >= text.length * 0.8 && followed >= text.length * 0.4;
}

/**
 * A page's head in title case with its folio, the title ending at a stop (a recto's `The Journals
 * and Papers of the Continental Congress. 445`, `Letters to the Council. 27 l` where the OCR split
 * 371; a verso's `372 Letters to the Council.`): its folio as printed, or undefined. Each word of
 * four letters or more begins in a capital (a sentence's line does not), two of them at least.
 */
function titledHeadFolio(text: string): string | undefined {
  const m = /^(?:(\d{1,4}) )?(\p{Lu}[\p{L} ,;:'’&-]{3,70}\.)(?: (\d{1,4}(?: [\dlI])?))?$/u.exec(text);
  if (!m || (m[1] === undefined) === (m[3] === undefined)) return undefined;
  const words = (m[2] ?? '').match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 2 || !words.every((w) => /^\p{Lu}/u.test(w))) return undefined;
  const folio = m[1] ?? m[3];
  // (a title's year, `The Declaration of Independence. 1776`, is no folio; nor the number a
  // title's last word leads to, `Sacred Books of the East, Vol. 1`: the volume's, or a part's)
  if (m[3] !== undefined && /\b(?:Vols?|Nos?|Pt|Part|Bk|Book|Ch|Chap|Art|Sec|Ser|Ep)\.$/i.test(m[2] ?? ''))
    return undefined;
  return /^1[4-9]\d\d$|^20\d\d$/.test(folio ?? '') ? undefined : folio;
}

/** A line in capitals (the OCR may misread a letter or two: `frEALTH AND MANHOOD INSURED.`). */
function inCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return letters.length >= 6 && upper >= letters.length * 0.8 && /\p{L}{3}/u.test(text);
}

/**
 * The heads of a book whose head changes from page to page, a caption of what the page says (a
 * recto's `EXHILARATION OF THE MIND.` over its folio alone, a verso's `46 LASTING ADVANTAGE
 * THROUGH LIFE.`, the folio on its line): read only in a text whose folios alone show its pages,
 * a head in capitals set apart from the text, its folio (where it has one) in their sequence, or
 * standing beside a folio alone. Each with the folio it carries.
 */
function captions(
  lines: Line[],
  candidates: Candidate[],
  folioLines: Candidate[],
  apartBoth: (k: number) => boolean,
): [Candidate, string | undefined][] {
  const numbers = folioLines
    .filter((c) => /^\d{1,4}$/.test(c.text))
    .map((c) => ({ index: c.index, n: Number(c.text) }));
  const inSequence = (index: number, n: number): boolean => {
    const before = numbers.filter((f) => f.index < index).at(-1);
    const after = numbers.find((f) => f.index > index);
    return (
      (before !== undefined || after !== undefined) &&
      (before === undefined || (n > before.n && n - before.n <= 4)) &&
      (after === undefined || (n < after.n && after.n - n <= 4))
    );
  };
  // (only blank lines between the head and its folio)
  const besideFolio = (c: Candidate): boolean =>
    folioLines.some(
      (f) =>
        f.index !== c.index &&
        lines
          .slice(Math.min(f.index, c.index) + 1, Math.max(f.index, c.index))
          .every((l) => l.text.trim() === ''),
    );
  const out: [Candidate, string | undefined][] = [];
  for (const c of candidates) {
    if (!inCapitals(c.text)) continue;
    const { folio } = headKey(c.text);
    if (folio !== undefined && /^\d{1,4}$/.test(folio)) {
      if (inSequence(c.index, Number(folio))) out.push([c, folio]);
    } else if (folio === undefined && apartBoth(c.index) && besideFolio(c)) out.push([c, undefined]);
  }
  return out;
}

/** The furniture of a text, and whether there is enough of it to be an OCR'd book's. */
export function findPageFurniture(lines: Line[]): Cutout[] {
  const out = findPageFurnitureUnguarded(lines);
  // (the pages these numbers give must read as a book's: rising, spaced as pages: page-run.ts)
  const headed = out.filter((c) => c.block.kind === 'furniture' && c.block.role === 'header').length >= 2;
  const guarded = formsPageRun(pagesOf(out, lines), headed) ? out : [];
  // (folios alone with no margin, where the copy closed it up: only as a strict run)
  const lone = guarded.length ? guarded : findLoneFolios(lines);
  // (or a head seen once, that repeats a heading's title: page-repeated-head.ts)
  const furniture = lone.length ? lone : findRepeatedHeads(lines);
  // (and a page's label on a line of its own, `[page 2]`, `--- Page 3 ---`: rule `page-label`)
  const labels = findPageLabels(lines, new Set(furniture.map((c) => c.firstLine)));
  return labels.length ? [...furniture, ...labels].sort((a, b) => a.firstLine - b.firstLine) : furniture;
}

export function findPageFurnitureUnguarded(lines: Line[]): Cutout[] {
  const blankBefore: number[] = [];
  const blankAfter: number[] = [];
  let run = 0;
  for (const [k, line] of lines.entries()) {
    blankBefore[k] = run;
    run = line.text.trim() === '' ? run + 1 : 0;
  }
  run = 0;
  for (let k = lines.length - 1; k >= 0; k--) {
    blankAfter[k] = run;
    run = (lines[k] as Line).text.trim() === '' ? run + 1 : 0;
  }
  const apartBoth = (k: number): boolean => (blankBefore[k] ?? 0) >= 2 && (blankAfter[k] ?? 0) >= 2;
  const apart = (k: number): boolean =>
    (blankBefore[k] ?? 0) >= 2 || (blankAfter[k] ?? 0) >= 2 || k === 0 || k === lines.length - 1;
  const candidates: Candidate[] = [];
  for (const [k, line] of lines.entries()) {
    const text = line.text.trim();
    if (text && text.length <= MAX_HEAD && apart(k)) candidates.push({ line, text, index: k });
  }

  // Running heads: candidate lines of words whose key recurs.
  const heads = candidates.filter((c) => /\p{L}{3}/u.test(c.text) && c.text.length > 5);
  const keyed = heads.map((c) => ({ c, ...headKey(c.text) }));
  const recurring = keyed.filter((h) => keyed.some((o) => o !== h && alike(o.key, h.key)));
  // A head must recur and, on most pages, carry or stand beside a folio: a repeated heading of a
  // letter or a memorandum (`SECRET`) is no running head.
  const nextFolio = (k: number, step: 1 | -1): Candidate | undefined => {
    for (let j = k + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] as Line).text.trim();
      if (!t) continue;
      const c = candidates.find((x) => x.index === j);
      return c && FOLIO.test(c.text) ? c : undefined;
    }
    return undefined;
  };
  const withFolio = recurring.filter((h) => h.folio || nextFolio(h.c.index, 1) || nextFolio(h.c.index, -1));
  // A recto's folio the OCR misread (`THE SILENT FRIEND. "Si`): a short last word the head's
  // other pages do not have.
  for (const h of recurring) {
    if (h.folio) continue;
    const m = /^(.+?)\s+(\S{1,3})$/.exec(h.c.text);
    const rest = letters(m?.[1] ?? '');
    if (
      m &&
      recurring.some(
        (o) => o !== h && alike(o.key, rest) && editDistance(o.key, rest) < editDistance(o.key, h.key),
      )
    ) {
      h.folio = m[2];
      h.folioAt = 'end';
    }
  }
  const headsFound = recurring.length >= 2 && withFolio.length * 2 >= recurring.length;
  // (alone, and as a verso's: its folio first; a contents list's titles end with theirs, spaced out)
  const capitals = candidates.filter(
    (c) =>
      CAPITAL_HEAD.test(c.text) &&
      /^\d/.test(c.text) &&
      !/\d\.\s|\s{2}/.test(c.text) &&
      (c.text.match(/\p{Lu}{3,}/gu)?.length ?? 0) >= 2,
  );
  // (or a head in title case with its folio, where the copy holds one page: at the copy's top)
  const firstText = lines.find((l) => /\p{L}/u.test(l.text));
  const titled = [
    ...candidates,
    ...(firstText ? [{ line: firstText, text: firstText.text.trim(), index: firstText.index }] : []),
  ].filter(
    (c, k, all) => titledHeadFolio(c.text) !== undefined && all.findIndex((o) => o.index === c.index) === k,
  );
  const single = capitals.length === 1 ? capitals[0] : titled.length === 1 ? titled[0] : undefined;

  const folioLines = candidates.filter((c) => DIGIT_FOLIO.test(c.text));
  const foliosFound = folioLines.length >= 3;
  // one page's head at its top, with its folio: that page's break
  const singleHead = (): Cutout[] => {
    if (!single) return headOverFolio(lines);
    const folio = titledHeadFolio(single.text) ?? headKey(single.text).folio;
    return [
      {
        block: {
          kind: 'furniture',
          span: spanOf(single.line),
          role: 'header',
          page: { n: folio ?? '', rend: 'running-head' },
        },
        firstLine: single.index,
        endLine: single.index + 1,
      },
    ];
  };
  if (!headsFound && !foliosFound) return singleHead();
  // (an article's title, printed as its head is: no page text, still one page's head)
  if (!pageText(lines, new Set(candidates.map((c) => c.index)))) return singleHead();

  const out: Cutout[] = [];
  const taken = new Set<number>();
  const furniture = (c: Candidate, role: FurnitureRole, n?: string, rend?: string): void => {
    taken.add(c.index);
    out.push({
      block: {
        kind: 'furniture',
        span: spanOf(c.line),
        role,
        page: n === undefined ? undefined : { n, rend: rend ?? 'folio' },
      },
      firstLine: c.index,
      endLine: c.index + 1,
    });
  };
  // (only blank lines between two lines: they stand on one page)
  const onePage = (a: number, b: number): boolean =>
    lines.slice(Math.min(a, b) + 1, Math.max(a, b)).every((l) => l.text.trim() === '');
  if (headsFound) {
    for (const h of recurring) {
      if (h.folio) {
        furniture(h.c, 'header', h.folio, 'running-head');
        continue;
      }
      const folio = nextFolio(h.c.index, -1) ?? nextFolio(h.c.index, 1);
      // A head recurs once a page: the title again under a page's head and folio, with no text
      // between (a weekly's masthead, `Central Law Journal` under `CENTRAL LAW JOURNAL 201`), is
      // that page's, no page of its own; it stays text.
      if (!folio && recurring.some((o) => o !== h && o.folio && onePage(o.c.index, h.c.index))) continue;
      if (folio && !taken.has(folio.index)) {
        furniture(h.c, 'header');
        furniture(folio, 'pageNum', folio.text);
      } else furniture(h.c, 'header', '', 'running-head');
    }
  }
  for (const c of folioLines) if (!taken.has(c.index)) furniture(c, 'pageNum', c.text);
  if (foliosFound)
    for (const [c, folio] of captions(lines, candidates, folioLines, apartBoth)) {
      if (taken.has(c.index)) continue;
      if (folio === undefined) furniture(c, 'header');
      else furniture(c, 'header', folio, 'running-head');
    }
  // What else stands apart at a page's foot, a letter or two with a number: a signature.
  for (const c of candidates)
    if (!taken.has(c.index) && SIGNATURE.test(c.text) && !/^\d+$/.test(c.text)) furniture(c, 'sig');
  return out.sort((a, b) => a.firstLine - b.firstLine);
}

/**
 * The pages a document's furniture proposes, each where its line stands, and whether the text
 * runs on across it (a sentence the page broke: what a section's number never does).
 */
export function pagesOf(cuts: Cutout[], lines: Line[]): ProposedPage[] {
  const furniture = new Set(cuts.map((c) => c.firstLine));
  const text = (k: number, step: 1 | -1): string => {
    for (let j = k + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] as Line).text.trim();
      if (t && !furniture.has(j)) return t;
    }
    return '';
  };
  return cuts.flatMap((c) => {
    if (c.block.kind !== 'furniture' || !c.block.page) return [];
    const before = text(c.firstLine, -1);
    const after = text(c.firstLine, 1);
    // (at the copy's top or foot the text around it does not show)
    const judged = before !== '' && after !== '';
    return [
      { n: c.block.page.n, offset: c.block.span.offset, runsOn: judged ? runsOn(before, after) : undefined },
    ];
  });
}

/** A page's head in capitals, words that end at a stop (`FREEDMEN'S BRANCH, ADJUTANT-GENERAL'S OFFICE.`). */
const CAPITAL_TITLE = /^\p{Lu}[\p{Lu}'’]+(?:[ ,-]+\p{Lu}[\p{Lu}'’]*){2,}\.$/u;

/**
 * In a copy of one page, its head in capitals over its folio alone on the next line (a blank line
 * between at most), text after: the copy a book's text view gives of one page, as Google's sets a
 * page's head and its folio one under the other (`FREEDMEN'S BRANCH, ADJUTANT-GENERAL'S OFFICE.` /
 * `535`). Only where the copy has one such pair; a year (`1878`) is no folio.
 */
function headOverFolio(lines: Line[]): Cutout[] {
  const pairs: [Line, Line][] = [];
  for (const [k, line] of lines.entries()) {
    if (!CAPITAL_TITLE.test(line.text.trim())) continue;
    let j = k + 1;
    while (j < lines.length && j <= k + 2 && (lines[j] as Line).text.trim() === '') j++;
    const folio = lines[j];
    const after = lines.slice(j + 1).some((l) => /\p{L}{3}/u.test(l.text));
    if (
      folio &&
      j > k &&
      /^\d{1,4}$/.test(folio.text.trim()) &&
      !/^1[4-9]\d\d$/.test(folio.text.trim()) &&
      after
    )
      pairs.push([line, folio]);
  }
  if (pairs.length !== 1) return [];
  const [head, folio] = pairs[0] as [Line, Line];
  const cut = (line: Line, role: FurnitureRole, n?: string): Cutout => ({
    block: {
      kind: 'furniture',
      span: spanOf(line),
      role,
      page: n === undefined ? undefined : { n, rend: 'folio' },
    },
    firstLine: line.index,
    endLine: line.index + 1,
  });
  return [cut(head, 'header'), cut(folio, 'pageNum', folio.text.trim())];
}

/** The rule's inverse: the furniture's `fw` prints its line; the page break it carries prints nothing. */
export const pageFurniture: Rule = {
  id: 'page-furniture',
  family: 'ocr-book',
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'folio',
      () => '',
    ),
  ],
};

// (a Wikisource page's folio: its own file, read by cutouts.ts through this one)
export { footFolio } from './page-wikisource-folio.ts';
