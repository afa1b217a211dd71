import type { Block, TableRow } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { lineSpan } from './table.ts';

/**
 * Rule `table`'s tables that Google Books' OCR gave a cell a line (its plain-text page views of
 * government volumes): the cells and the marks where it read none, set on lines of their own.
 */
/** Google Books' mark for a block of a page its OCR did not lay out as text. */
const BLOCKS_MARK = /^\[blocks in formation\]$/;

/** A cell of a table its OCR gave a line each: short, like a table's cells (`Feb. 3`, `905 Mr. Conger to Mr. Hay.`). */
const CELL_WIDTH = 40;

/** A row of sums its OCR ran together on one line, however long: figures only (`$5,195 50 34,684 45 5,705 75`). */
const FIGURES_ROW = /^[$£]?\d[\d$£,. ]*$/;

/** A line a table read a cell a line may hold: blank, a cell, a mark, a row of figures. Prose or a long heading ends the table. */
const cellLine = (l: Line): boolean => {
  const t = l.text.trim();
  return t.length <= CELL_WIDTH || FIGURES_ROW.test(t);
};

type OcrTable = { block: Block; firstLine: number; endLine: number };

/** A row a line, a cell each (the marks gaps in their cells), the blank lines between rows as printed. */
function cellRows(lines: Line[], header?: Line): TableRow[] {
  return lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => ({ line: lineSpan(l), cells: [lineSpan(l)], header: l === header, lineStart: l.offset }));
}

/**
 * A table Google Books' OCR read cell by cell (a government volume's list of papers, its numbers,
 * dates and names; an abstract of sums): short lines, a cell each (or a row of figures run
 * together), and among them three `[blocks in formation]` marks or more where blocks of cells
 * were not read, most lines that are no mark holding figures (dates, numbers, sums). From the
 * first mark to the last of a stretch of such lines (a line of prose, a caption or a heading
 * longer than a cell ends the stretch): a table, a row a line. One such mark alone stands for any
 * region (a poem's opening lines) and is no table.
 */
function markedTables(lines: Line[]): OcrTable[] {
  const out: OcrTable[] = [];
  let from = 0;
  for (let k = 0; k <= lines.length; k++) {
    const line = lines[k];
    if (line && cellLine(line)) continue;
    const stretch = lines.slice(from, k);
    from = k + 1;
    const marks = stretch.filter((l) => BLOCKS_MARK.test(l.text.trim()));
    if (marks.length < 3) continue;
    const first = (marks[0] as Line).index;
    const last = (marks.at(-1) as Line).index;
    const cells = lines.slice(first, last + 1).filter((l) => l.text.trim() !== '');
    const others = cells.filter((l) => !BLOCKS_MARK.test(l.text.trim()));
    if (others.length < 3 || others.filter((l) => /\d/.test(l.text)).length * 2 < others.length) continue;
    out.push({
      block: { kind: 'table', form: 'columns', rows: cellRows(cells) },
      firstLine: first,
      endLine: last + 1,
    });
  }
  return out;
}

/** A list of papers' column heads alone on a line, where Google's OCR read the table a column at a time. */
const PAPERS_HEAD = /^(?:From and to whom|Date and number)\.?$/i;

/** A cell of a list of papers: a date (`1918 Nov. 28 (158)`, `Dec. 7`) or an unread block. */
const PAPERS_CELL =
  /^(?:1[7-9]\d\d )?(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}\b|^\[blocks in formation\]$/;

/** A section's head in a list of papers, in capitals (`AALAND ISLANDS`): its table ends above it. */
const SECTION_HEAD = /^[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*$/u;

/**
 * A government volume's list of papers (Foreign Relations' `No. / From and to whom / Date /
 * Subject / Page`, later `Date and number / Subject / Page`) that Google Books' OCR read a column
 * at a time: a column's head alone on its line (`From and to whom.`, `Date and number`), a date or
 * an unread block among the three lines after it, then the column's cells and the next columns'
 * (the subjects as wrapped text), a line each, to the next section's head in capitals or the
 * text's end: one table, a row a line, the head `role="label"`.
 */
function papersTables(lines: Line[]): OcrTable[] {
  const out: OcrTable[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (!PAPERS_HEAD.test((lines[k] as Line).text.trim())) continue;
    const next = lines
      .slice(k + 1)
      .filter((l) => l.text.trim() !== '')
      .slice(0, 3);
    if (!next.some((l) => PAPERS_CELL.test(l.text.trim()))) continue;
    let end = k + 1;
    while (end < lines.length && !SECTION_HEAD.test((lines[end] as Line).text.trim())) end++;
    while (end > k + 1 && (lines[end - 1] as Line).text.trim() === '') end--;
    out.push({
      block: { kind: 'table', form: 'columns', rows: cellRows(lines.slice(k, end), lines[k]) },
      firstLine: k,
      endLine: end,
    });
    k = end - 1;
  }
  return out;
}

/** The tables Google Books' OCR read a cell a line: marked by unread blocks, or a list of papers' column heads. */
export function findOcrTables(lines: Line[]): OcrTable[] {
  const papers = papersTables(lines);
  const marked = markedTables(lines).filter(
    (t) => !papers.some((p) => t.firstLine < p.endLine && p.firstLine < t.endLine),
  );
  return [...papers, ...marked].sort((a, b) => a.firstLine - b.firstLine);
}
