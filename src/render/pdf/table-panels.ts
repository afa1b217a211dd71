import type { Item, TableRow } from './block-types.ts';

/**
 * A table too wide for the measure — its columns' longest words and the gutters between them wider
 * than the line, even in the smaller type a wide table is set in (table.ts) — set in column panels, as a book prints a wide statistical table: the columns in
 * groups that fit, one after another, each group under the same rows; the stub (the first column,
 * the rows' labels) set again at the left of every later panel, and a "(continued)" caption over
 * it. What is set again is drawn as an artifact (`TableCell.artifact`): the text and the structure
 * tree hold it once, and each panel's cells join their row's `TR`, so a screen reader meets the rows
 * whole. A panel breaks where no cell spans across the break when it can; a cell that spans across
 * anyway is set in the panel it starts in, within that panel's columns.
 */
export interface Panel {
  rows: TableRow[];
  /** For each of `rows`, its row in the whole table (for the structure tree's `TR`). */
  rowIndex: number[];
  /** Which panel of the table it is, for a table set in panels. */
  panel?: number;
}

/** The caption over a later panel (an artifact: the source has no such words). */
export const CONTINUED = '(continued)';

/** The columns a cell covers, from its first: [start, end). */
function cellColumns(row: TableRow): { start: number; end: number }[] {
  let col = 0;
  return row.map((cell) => {
    const start = col;
    col += cell.span;
    return { start, end: col };
  });
}

/**
 * Where panels may break: before column k when no cell spans across it (k in 1..columns-1).
 */
function clean(rows: TableRow[], columns: number): boolean[] {
  const ok = new Array<boolean>(columns + 1).fill(true);
  for (const row of rows)
    for (const { start, end } of cellColumns(row)) for (let k = start + 1; k < end; k++) ok[k] = false;
  return ok;
}

/**
 * The column groups of the panels: the first from column 0, each later one the stub (column 0)
 * and the next columns that fit beside it, at `least` (each column's longest word) and a gutter
 * between columns; null when the whole table fits the measure so (it is set as one, as ever).
 */
export function panelColumns(
  least: number[],
  gutter: number,
  measure: number,
  rows: TableRow[],
): number[][] | null {
  const columns = least.length;
  const width = (cols: number[]): number =>
    cols.reduce((n, k) => n + (least[k] as number), 0) + gutter * (cols.length - 1);
  const all = least.map((_, k) => k);
  if (columns < 2 || width(all) <= measure) return null;
  const breakable = clean(rows, columns);
  const panels: number[][] = [];
  let start = 0;
  while (start < columns) {
    // the stub goes with every later panel, unless not even one column fits beside it
    const stub = start > 0 && width([0, start]) <= measure ? [0] : [];
    let end = start + 1;
    while (end < columns && width([...stub, ...range(start, end + 1)]) <= measure) end++;
    if (end < columns) {
      // break where no cell spans across, if there is such a place in this panel
      let clear = end;
      while (clear > start + 1 && !breakable[clear]) clear--;
      if (breakable[clear]) end = clear;
    }
    panels.push([...stub, ...range(start, end)]);
    start = end;
  }
  return panels;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

const hasItems = (items: Item[]): boolean => items.length > 0;

/**
 * The rows of each panel: in the first, every row as it is, its cells within the panel's columns;
 * in a later one, the caption, then each row that has something in the panel's own columns, its
 * stub set again (when the stub is one column) before them. A cell spanning past the panel's last
 * column is set within it; a gap where a cell of an earlier panel spans on is an empty cell.
 */
export function panelRows(rows: TableRow[], groups: number[][]): Panel[] {
  return groups.map((cols, p) => {
    const own = p === 0 ? cols : cols.filter((k) => k !== 0);
    const first = own[0] as number;
    const last = (own.at(-1) as number) + 1;
    const stub = p > 0 && cols[0] === 0 && first > 0;
    const out: Panel = { rows: [], rowIndex: [], panel: p };
    if (p > 0) {
      const span = cols.length;
      const caption = { kind: 'text', text: CONTINUED, style: 'italic' } as const satisfies Item;
      out.rows.push([{ items: [caption], header: true, span, artifact: true }]);
      out.rowIndex.push(-1);
    }
    rows.forEach((row, r) => {
      const placed = cellColumns(row);
      const cells: TableRow = [];
      const header = row.every((c) => c.header); // (an empty cell keeps a header row one)
      let col = first;
      for (const [k, cell] of row.entries()) {
        const { start, end } = placed[k] as { start: number; end: number };
        if (start < first || start >= last) continue;
        if (start > col) cells.push({ items: [], header, span: start - col });
        const span = Math.min(end, last) - start;
        cells.push({ ...cell, span });
        col = start + span;
      }
      if (p > 0 && !cells.some((c) => hasItems(c.items))) return;
      const head = row[0];
      if (stub && head) {
        const repeated = head.span === 1 ? { ...head, artifact: true as const } : undefined;
        cells.unshift(repeated ?? { items: [], header, span: 1 });
      }
      out.rows.push(cells);
      out.rowIndex.push(r);
    });
    return out;
  });
}
