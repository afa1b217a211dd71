import type { BlockRule } from '../blocks.ts';
import { printer } from '../rule.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `running-head`: a page's running head copied with the text, the page number at one end
 * (`FOREIGN RELATIONS, 1950, VOLUME III 130`, `131 PAPERS RELATING TO FOREIGN AFFAIRS`). It marks
 * where that page begins: a page break, the line kept as forme work. Only the series' own heads
 * are read so, and a chronological edition's date heads (`JANUARY 1776 1023`); a cable's
 * `TO SECSTATE WASHDC PRIORITY 9937` is not one.
 */
const RUNNING_HEAD =
  /^(?:(\d{1,4})\s+)?((?:FOREIGN RELATIONS|PAPERS RELATING TO)[\p{Lu}\d ,.;:'’&()–-]*?)(?:\s+(\d{1,4}))?$/u;

/**
 * A chronological edition's head, the month and year of its documents with the folio (Naval
 * Documents of the American Revolution: `JANUARY 1776 1023`, a verso's `1024 JANUARY 1776`; the OCR
 * may split the folio, `SEPTEMBER 1776 83 1`, kept as printed).
 */
const DATE_HEAD =
  /^(?:(\d{1,4})\s+)?((?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) \d{4})(?:\s+(\d{1,4}(?: \d)?))?$/;

/** The page number a running-head line gives, or null if the line is not one. */
export function runningHeadPage(text: string): string | null {
  const m = RUNNING_HEAD.exec(text.trim()) ?? DATE_HEAD.exec(text.trim());
  if (!m) return null;
  const [, before, , after] = m;
  // The number at one end, not both (and not a year: `VOLUME III` is followed by the page).
  return (before ? 1 : 0) + (after ? 1 : 0) === 1 ? ((before ?? after) as string) : null;
}

/** A run of one line that is a running head: the page it begins, and the head as printed. */
export const runningHead: BlockRule = {
  id: 'running-head',
  family: 'frus',
  parse(run) {
    const first = run[0];
    const n = run.length === 1 && first ? runningHeadPage(first.text) : null;
    return first && n !== null
      ? { blocks: [{ kind: 'running-head', span: spanOf(first), n }], lines: 1 }
      : null;
  },
  // The page begins at its head: the break prints nothing, the head (fw) prints the line.
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'running-head',
      () => '',
    ),
  ],
};
