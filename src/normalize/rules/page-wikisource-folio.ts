import type { Line } from '../lines.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';

/** What the proofreaders' site prints above a page: its notice at each level (`This page has been validated.`, `This page has been proofread, but needs to be validated.`). */
const PROOFREAD_NOTICE =
  /^This page (?:has been (?:validated|proofread(?:, but needs to be validated)?)|has not been proofread|needs to be proofread)\.$/;
/** A printer's signature under a Wikisource page's folio (`G 2`, `B`): the sheet, not a page. */
const PAGE_SIGNATURE = /^[A-Z]{1,2}(?: \d{1,2})?$/;
const PAGE_FOLIO = /^\d{1,4}$/;

/** The page a line of furniture begins: its number as printed, and how it is printed. */
interface PageOf {
  n: string;
  rend: string;
}

/**
 * A Wikisource page's folio, the printed number alone on a line: on the page's last line (below
 * its notes; a printer's signature, `G 2`, may stand under it), or on the first line of the page
 * under the proofreaders' notice (above its running head): the page that text was printed on. Read
 * in a Wikisource page only (family `wikisource`).
 */
export function footFolio(lines: Line[]): Cutout[] {
  const content = lines.filter((l) => l.text.trim() !== '');
  const furniture = (
    line: Line,
    role: 'header' | 'pageNum' | 'sig',
    folio: boolean | PageOf = false,
  ): Cutout => ({
    block: {
      kind: 'furniture',
      span: spanOf(line),
      role,
      page: folio === true ? { n: line.text.trim(), rend: 'folio' } : folio || undefined,
    },
    firstLine: line.index,
    endLine: line.index + 1,
  });
  // (the page's header first: under the notice, the folio alone, or its running head on the line
  // above it, `Treaties` / `143`, or both on one line in title case, `124 The Religion of the Veda`)
  const notice = content.findIndex((l) => PROOFREAD_NOTICE.test(l.text.trim()));
  const head = notice === -1 ? undefined : content[notice + 1];
  const next = notice === -1 ? undefined : content[notice + 2];
  if (head && PAGE_FOLIO.test(head.text.trim())) return [furniture(head, 'pageNum', true)];
  if (head && next && PAGE_TITLE.test(head.text.trim()) && PAGE_FOLIO.test(next.text.trim()))
    return [furniture(head, 'header', false), furniture(next, 'pageNum', true)];
  const titled = head ? titledHead(head.text.trim()) : undefined;
  if (head && titled) return [furniture(head, 'header', titled)];
  const last = content.at(-1);
  const beforeLast = content.at(-2);
  // (not the next label of a note list the copy cut after it, `  1. A considerable …` / `  2`)
  if (last && PAGE_FOLIO.test(last.text.trim()) && !nextNoteLabel(beforeLast, last))
    return [furniture(last, 'pageNum', true)];
  if (last && beforeLast && PAGE_SIGNATURE.test(last.text.trim()) && PAGE_FOLIO.test(beforeLast.text.trim()))
    return [furniture(beforeLast, 'pageNum', true), furniture(last, 'sig', false)];
  return [];
}

/** A running head alone: a few words, each of four letters or more capitalized (`Treaties`, `NOTES.`). */
const PAGE_TITLE = /^(?=.*\p{Lu}\p{L}{3})(?!.*(?:^|\s)\p{Ll}{4,})[\p{L} ,.;:'’&-]{4,50}$/u;

/** A page's head in title case with its folio first or last (`124 The Religion of the Veda`, `Sources 859`). */
function titledHead(text: string): PageOf | undefined {
  const m = /^(\d{1,4}) (.+)$/.exec(text) ?? /^(.+) (\d{1,4})$/.exec(text);
  if (!m) return undefined;
  const [n, title] = /^\d/.test(text) ? [m[1] ?? '', m[2] ?? ''] : [m[2] ?? '', m[1] ?? ''];
  if (!PAGE_TITLE.test(title) || /^1[4-9]\d\d$|^20\d\d$/.test(n)) return undefined;
  return { n, rend: 'running-head' };
}

/** Whether a number alone after an indented numbered note is that list's next label. */
function nextNoteLabel(before: Line | undefined, last: Line): boolean {
  const m = before ? /^\s+(\d{1,3})\. /.exec(before.text) : null;
  return m !== null && /^\s/.test(last.text) && Number(last.text.trim()) === Number(m[1]) + 1;
}
