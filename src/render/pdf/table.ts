import type { Item, PdfBlock, TableRow } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { isEmpty, type LayoutState, noteHeight, noteLines, type Setting } from './layout-state.ts';
import { breakLines, type Line } from './lines.ts';
import type { Page, Placed } from './page.ts';
import { type Panel, panelColumns, panelRows } from './table-panels.ts';
import { type PageRefs, words } from './words.ts';

/**
 * A table set within the measure: each column as wide as its cells' text on one line where the
 * measure allows, else shared out in proportion to that (never narrower than its longest word
 * where the measure allows even that); each cell's text broken into lines of its column, ragged.
 * It is placed on the pages row by row (placeTable).
 */
export const GUTTER = 18; // points between columns (wider than any word space, so a reader sees columns)
const ROW_GAP = 0.3; // of the leading, between a table's rows

export interface TableCellLayout {
  x: number; // from the start of the measure
  width: number;
  lines: Line[];
  artifact?: true; // a wide table's stub or caption set again (table-panels.ts)
}

export type TableRowLayout = TableCellLayout[];

/** The natural width (all on one line) and the widest word of a cell's items. */
function extent(
  items: Item[],
  size: number,
  fonts: FontSet,
  refs?: PageRefs,
): { natural: number; word: number } {
  const space = fonts.width(' ', 'regular', size);
  let natural = 0;
  let run = 0;
  let word = 0;
  let first = true;
  for (const w of words(items, size, fonts, refs)) {
    if (w === 'break') {
      natural = Math.max(natural, run);
      run = 0;
      first = true;
      continue;
    }
    run += (first ? 0 : space) + w.width;
    first = false;
    word = Math.max(word, w.width);
  }
  return { natural: Math.max(natural, run), word };
}

/** Each column's natural width (its cells on one line) and its longest word (cells of one column only). */
export function columnExtents(
  rows: TableRow[],
  size: number,
  fonts: FontSet,
  refs?: PageRefs,
): { natural: number[]; least: number[] } {
  const columns = Math.max(1, ...rows.map((r) => r.reduce((n, c) => n + c.span, 0)));
  const natural = new Array<number>(columns).fill(0);
  const least = new Array<number>(columns).fill(0);
  for (const row of rows) {
    let col = 0;
    for (const cell of row) {
      if (cell.span === 1 && col < columns) {
        const e = extent(cell.items, size, fonts, refs);
        natural[col] = Math.max(natural[col] as number, e.natural);
        least[col] = Math.max(least[col] as number, e.word);
      }
      col += cell.span;
    }
  }
  return { natural, least };
}

export function layoutTable(
  rows: TableRow[],
  measure: number,
  size: number,
  fonts: FontSet,
  refs?: PageRefs,
): TableRowLayout[] {
  const { natural, least } = columnExtents(rows, size, fonts, refs);
  const columns = natural.length;
  const avail = measure - GUTTER * (columns - 1);
  const sum = (xs: number[]): number => xs.reduce((n, x) => n + x, 0);
  let widths: number[];
  if (sum(natural) <= avail) widths = natural.map((n) => Math.max(n, 1));
  else if (sum(least) < avail) {
    // each column its longest word, and the rest of the measure in proportion to what it lacks
    const lack = natural.map((n, k) => n - (least[k] as number));
    const room = avail - sum(least);
    widths = least.map((l, k) => l + (room * (lack[k] as number)) / Math.max(1e-6, sum(lack)));
  } else widths = least.map((l) => (avail * l) / Math.max(1e-6, sum(least)));
  const starts = widths.map((_, k) => sum(widths.slice(0, k)) + GUTTER * k);
  return rows.map((row) => {
    let col = 0;
    return row.map((cell) => {
      const last = Math.min(columns, col + cell.span) - 1;
      const x = starts[Math.min(col, columns - 1)] as number;
      const width = (starts[last] as number) + (widths[last] as number) - x;
      col += cell.span;
      const lines = breakLines(cell.items, width, size, 0, fonts, false, refs);
      return cell.artifact ? { x, width, lines, artifact: true } : { x, width, lines };
    });
  });
}

/** How many lines a row takes: its tallest cell's. */
export const rowHeight = (row: TableRowLayout): number => Math.max(0, ...row.map((c) => c.lines.length));

/**
 * The header rows to set again at the top of each page a table runs on to: its first rows, all
 * header cells (not the whole table), unless together taller than `most` points — they would
 * crowd out the rows.
 */
export function repeatedHeader(
  rows: TableRow[],
  layout: TableRowLayout[],
  gap: number,
  leading: number,
  most: number,
): TableRowLayout[] {
  let heads = 0;
  while (heads < rows.length - 1 && rows[heads]?.every((c) => c.header)) heads++;
  const head = layout.slice(0, heads);
  const height = head.reduce((h, row) => h + rowHeight(row) * leading + gap, 0);
  return height <= most ? head : [];
}

/** Line `k` of each cell of a row, placed in its column (y set by the paginator). */
export function rowLine(
  row: TableRowLayout,
  k: number,
  type: { size: number; leading: number; leftIndent: number; tag: Placed['tag'] },
  block: (cell: number) => number,
  cell?: (cell: number) => Placed['cell'],
): Placed[] {
  return row.flatMap((c, n) => {
    const line = c.lines[k];
    if (!line) return [];
    return [
      {
        line,
        y: 0,
        size: type.size,
        leading: type.leading,
        align: 'left' as const,
        leftIndent: type.leftIndent + c.x,
        tag: type.tag,
        block: block(n),
        index: k,
        of: c.lines.length,
        cell: cell?.(n),
        ...(c.artifact ? { panel: true as const } : {}),
      },
    ];
  });
}

/**
 * A table placed on the paginator's pages, row by row: a row goes whole onto the page where it fits
 * (a page breaks between rows); only a row taller than a page is broken, at its lines. Its cells'
 * lines share a height. At least two rows stand on each side of a page break: the table starts on
 * a page only where its header rows and two rows fit (a table of three rows or fewer, all of it),
 * and its last row never goes overleaf alone (the row before it goes with it). Its header rows
 * (the first rows, all header cells) are set again at the top of each page it runs on to, as the
 * reader of a long table expects — drawn as artifacts, so the text and the structure tree hold
 * them once. A table wider than the measure is set so panel after panel (table-panels.ts), each
 * placed as a table. `nextPage` turns to the next page of running text, with the headings placed
 * last (a table's head, a document's title) when `keep`; false when the spread is to be laid out
 * again (paginate.ts): the table stops there.
 */
export function placeTable(
  block: PdfBlock,
  table: TableRow[],
  state: LayoutState,
  setting: Setting,
  nextPage: (keep: boolean) => boolean,
): void {
  const { style, fonts, refs, measure } = setting;
  // page breaks waiting before the table go with its first cell
  const rows = table.map((row, r) =>
    row.map((cell, c) => (r === 0 && c === 0 ? { ...cell, items: [...block.items, ...cell.items] } : cell)),
  );
  const width = measure - block.leftIndent;
  const set = tableSetting(rows, width, style[block.type], style.small, fonts, refs);
  const tableIndex = state.blockCounter++;
  if (state.y > 0) state.y += block.spaceBefore * style.body.leading;
  for (const [p, panel] of set.panels.entries()) {
    // panels are set apart as a table is from the text
    if (p > 0 && state.y > 0)
      state.y = Math.min(state.limit, state.y + block.spaceBefore * style.body.leading);
    const layout = layoutTable(panel.rows, width, set.type.size, fonts, refs);
    if (!placeRows(block, set.type, panel, layout, tableIndex, state, setting, nextPage)) return;
  }
  if (state.y > 0) state.y = Math.min(state.limit, state.y + block.spaceBefore * style.body.leading);
}

type Type = { size: number; leading: number };

/**
 * How a table is set: in its block's type where its columns fit the measure at their longest
 * words (as ever, one panel); a table wider than that in the smaller type of extracts, as a book
 * sets a wide table, and in column panels (table-panels.ts) where even that is too wide.
 */
export function tableSetting(
  rows: TableRow[],
  width: number,
  type: Type,
  small: Type,
  fonts: FontSet,
  refs?: PageRefs,
): { type: Type; panels: Panel[] } {
  const whole = [{ rows, rowIndex: rows.map((_, r) => r) }];
  if (!panelColumns(columnExtents(rows, type.size, fonts, refs).least, GUTTER, width, rows))
    return { type, panels: whole };
  const least = columnExtents(rows, small.size, fonts, refs).least;
  const groups = panelColumns(least, GUTTER, width, rows);
  return {
    type: { size: small.size, leading: small.leading },
    panels: groups ? panelRows(rows, groups) : whole,
  };
}

/** One table (or one panel of a wide one) placed row by row; false where the spread is to be laid out again. */
function placeRows(
  block: PdfBlock,
  { size, leading }: Type,
  { rows, rowIndex, panel }: Panel,
  layout: TableRowLayout[],
  tableIndex: number,
  state: LayoutState,
  setting: Setting,
  nextPage: (keep: boolean) => boolean,
): boolean {
  const { style } = setting;
  const page = (): Page => state.page as Page;
  const line = { size, leading, leftIndent: block.leftIndent, tag: block.tag };
  const heads = repeatedHeader(rows, layout, ROW_GAP * leading, leading, state.limit / 3);
  let onPage = 0; // the table's rows on this page (not its header set again)
  let fresh = false; // the page was turned to by the table: nothing on it but the header set again
  const turn = (r: number): boolean => {
    // (before its first row: what is kept with the table, a heading, goes overleaf with it)
    if (!nextPage(r === 0 && onPage === 0)) return false;
    onPage = 0;
    fresh = true;
    state.keep = [];
    if (r < heads.length) return true;
    for (const row of heads) {
      for (let k = 0; k < rowHeight(row); k++) {
        for (const p of rowLine(row, k, line, () => -1)) page().body.push({ ...p, y: state.y, repeat: true });
        state.y += leading;
      }
      state.y += ROW_GAP * leading;
    }
    return true;
  };
  // Whether a row of these lines fits below what is on the page, with two lines of each of its notes.
  const fits = (lines: Line[], height: number): boolean => {
    const notes = lines.reduce((n, l) => n + l.notes.length, 0);
    return state.y + height + noteHeight(page(), style.note, notes ? notes * 2 : 0) <= state.limit;
  };
  // The rows from `r` that must go on the page together: where the table starts, its header rows
  // and two rows (all of it when no more than one row would be left); its last two rows.
  const count = layout.length;
  let headRows = 0;
  while (headRows < count - 1 && rows[headRows]?.every((c) => c.header)) headRows++;
  const together = (r: number): number => {
    if (r === 0) return count <= headRows + 3 ? count : headRows + 2;
    return r === count - 2 && onPage >= 2 ? 2 : 1;
  };
  // what a later panel sets again has no notes of its own (its cell's are set with the cell)
  const read = (row: TableRowLayout): Line[] => row.flatMap((c) => (c.artifact ? [] : c.lines));
  const groupFits = (r: number, count: number): boolean => {
    const group = layout.slice(r, r + count);
    const lines = group.flatMap(read);
    const height = group.reduce((h, row) => h + rowHeight(row) * leading, 0);
    return fits(lines, height + (group.length - 1) * ROW_GAP * leading);
  };
  for (const [r, row] of layout.entries()) {
    // rows are set apart by a little space, and the table from what follows it
    if (r > 0 && state.y > 0) state.y = Math.min(state.limit, state.y + ROW_GAP * leading);
    const height = rowHeight(row);
    const indices = row.map(() => state.blockCounter++);
    const lines = read(row);
    const room = fresh || isEmpty(page()) || (fits(lines, height * leading) && groupFits(r, together(r)));
    if (!room && !turn(r)) return false;
    for (let k = 0; k < height; k++) {
      const slice = rowLine(
        row,
        k,
        line,
        (c) => indices[c] as number,
        (c) => ({
          table: tableIndex,
          row: rowIndex[r] as number,
          header: rows[r]?.[c]?.header ?? false,
          ...(panel === undefined ? {} : { panel }),
        }),
      );
      const read = slice.filter((p) => !p.panel);
      const notes = read.flatMap((p) => p.line.notes.flatMap((n) => noteLines(setting, n, p.block)));
      // a row that fitted with two lines of each of its notes is not broken for a longer note: the
      // note runs on overleaf (a row broken at a line reads as two rows)
      const marks = read.reduce((n, p) => n + p.line.notes.length, 0);
      const needed = Math.min(notes.length, 2 * marks);
      const over = state.y + leading + noteHeight(page(), style.note, needed) > state.limit;
      if (over && !isEmpty(page()) && !turn(r)) return false;
      for (const p of slice) page().body.push({ ...p, y: state.y });
      // notes that do not fit run on overleaf, as a paragraph's do
      let n = 0;
      while (
        n < notes.length &&
        (state.y + leading + noteHeight(page(), style.note, 1) <= state.limit || n === 0)
      )
        page().notes.push(notes[n++] as Placed);
      state.carried.push(...notes.slice(n));
      state.y += leading;
    }
    onPage++;
    fresh = false;
    state.keep = []; // (what was kept with the table stays with its first rows, on this page)
  }
  return true;
}
