import type { Line } from '../lines.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';

/** What the proofreaders' site prints above a page: its notice at each level (`This page has been validated.`, `This page has been proofread, but needs to be validated.`). */
const PROOFREAD_NOTICE =
  /^This page (?:has been (?:validated|proofread(?:, but needs to be validated)?)|has not been proofread|needs to be proofread)\.$/;
/** A printer's signature under a Wikisource page's folio (`G 2`, `B`): the sheet, not a page. */
const PAGE_SIGNATURE = /^[A-Z]{1,2}(?: \d{1,2})?$/;
const PAGE_FOLIO = /^\d{1,4}$/;

/**
 * A Wikisource page's folio, the printed number alone on a line: on the page's last line (below
 * its notes; a printer's signature, `G 2`, may stand under it), or on the first line of the page
 * under the proofreaders' notice (above its running head): the page that text was printed on. Read
 * in a Wikisource page only (family `wikisource`).
 */
export function footFolio(lines: Line[]): Cutout[] {
  const content = lines.filter((l) => l.text.trim() !== '');
  const furniture = (line: Line, role: 'pageNum' | 'sig', folio: boolean): Cutout => ({
    block: {
      kind: 'furniture',
      span: spanOf(line),
      role,
      page: folio ? { n: line.text.trim(), rend: 'folio' } : undefined,
    },
    firstLine: line.index,
    endLine: line.index + 1,
  });
  const last = content.at(-1);
  const beforeLast = content.at(-2);
  if (last && PAGE_FOLIO.test(last.text.trim())) return [furniture(last, 'pageNum', true)];
  if (last && beforeLast && PAGE_SIGNATURE.test(last.text.trim()) && PAGE_FOLIO.test(beforeLast.text.trim()))
    return [furniture(beforeLast, 'pageNum', true), furniture(last, 'sig', false)];
  const notice = content.findIndex((l) => PROOFREAD_NOTICE.test(l.text.trim()));
  const head = notice === -1 ? undefined : content[notice + 1];
  if (head && PAGE_FOLIO.test(head.text.trim())) return [furniture(head, 'pageNum', true)];
  return [];
}
