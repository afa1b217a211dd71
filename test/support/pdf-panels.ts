import type { ModelEdition } from '../../src/model/edition.ts';
import { readingText } from '../../src/model/reading-text.ts';
import type { Block, TableCell } from '../../src/model/types.ts';
import { forEachNode } from '../../src/model/walk.ts';
import type { TableRow } from '../../src/render/pdf/block-types.ts';
import { documentBlocks } from '../../src/render/pdf/blocks.ts';
import { FontSet } from '../../src/render/pdf/fonts.ts';
import { loadPdfStyle } from '../../src/render/pdf/style.ts';
import { tableSetting } from '../../src/render/pdf/table.ts';
import { CONTINUED } from '../../src/render/pdf/table-panels.ts';
import type { Expected } from './pdf-reading.ts';
import { words } from './same-words.ts';

/**
 * A table wider than the measure is printed in column panels (src/render/pdf/table-panels.ts):
 * panel after panel, each the rows with the stub set again and a "(continued)" caption over it.
 * The print's words of such a table are the model's in that order; this rewrites the expected
 * running text so, with the panels the writer sets (its own measuring, the book's default style),
 * and adds each panel's header rows to the words set again at a page's top.
 */
type ReadingOptions = Parameters<typeof readingText>[1];
type TableBlock = Extract<Block, { kind: 'table' }>;
/** A table's (or a cell's) words: its running text's and its notes'. */
type Words = { body: string[]; notes: string[] };

const style = loadPdfStyle();
const fonts = await FontSet.load(style);
const measure = style.width - style.margins.inner - style.margins.outer;

/** The tables the print sets in columns: not those inside a note or a table's cell (set a row to a line). */
function printTables(blocks: Block[]): TableBlock[] {
  const all: TableBlock[] = [];
  const inside = new Set<TableBlock>();
  const within = (list: Block[]): void =>
    forEachNode(list, (n) => {
      if (n.kind === 'table') inside.add(n);
    });
  forEachNode(blocks, (n) => {
    if (n.kind === 'table') {
      all.push(n);
      for (const row of n.rows) for (const cell of row) within(cell.blocks);
    }
    if (n.kind === 'footnote' || n.kind === 'unanchoredNote') within(n.body);
  });
  return all.filter((t) => !inside.has(t));
}

/** The words of one panelled table as printed, and as the model reads it; null for a table that fits. */
function panelWords(
  table: TableBlock,
  rows: TableRow[],
  width: number,
  type: { size: number; leading: number },
  options: ReadingOptions,
): { model: Words; print: Words; heads: string[][] } | null {
  const { panels } = tableSetting(rows, width, type, style.small, fonts);
  if (panels.length < 2) return null;
  const cellWords = (cell: TableCell): Words => {
    const reading = readingText(cell.blocks, options);
    return { body: words(reading.text), notes: reading.notes.flatMap(words) };
  };
  const none: Words = { body: [], notes: [] };
  const join = (list: Words[]): Words => ({
    body: list.flatMap((w) => w.body),
    notes: list.flatMap((w) => w.notes),
  });
  // a printed cell is known by its items (a panel's cell keeps the table's cell's items)
  const source = new Map(
    rows.flatMap((row, r) => row.map((cell, k) => [cell.items, table.rows[r]?.[k]] as const)),
  );
  // (a cell set again beside a later panel has no notes of its own there: they are set with the cell)
  const printed = (cell: TableRow[number]): Words => {
    const of = source.get(cell.items);
    if (of) return cell.artifact ? { body: cellWords(of).body, notes: [] } : cellWords(of);
    return cell.artifact ? { body: words(CONTINUED), notes: [] } : none; // (else an empty cell where a span runs on)
  };
  const print: Words[] = [];
  const heads: string[][] = [];
  for (const panel of panels) {
    const head: string[] = []; // its first rows, all header cells (set again at a page's top)
    let leading = true;
    for (const row of panel.rows) {
      const list = join(row.map(printed));
      print.push(list);
      leading &&= row.every((c) => c.header);
      if (leading) head.push(...list.body);
    }
    if (head.length) heads.push(head);
  }
  return { model: join(table.rows.flatMap((row) => row.map(cellWords))), print: join(print), heads };
}

/** Rewrites `expected` (built from the model, document by document) for the tables printed in panels. */
export function inPrintPanels(expected: Expected, edition: ModelEdition, options: ReadingOptions): void {
  const parts = [
    ...(edition.introduction ? [{ id: 'introduction', blocks: edition.introduction }] : []),
    ...edition.documents.map((d) => ({ id: d.id, blocks: d.blocks })),
  ];
  for (const { id, blocks } of parts) {
    const tables = printTables(blocks);
    const printedTables = documentBlocks(blocks).filter((b) => b.table);
    if (tables.length !== printedTables.length)
      throw new Error(`${id}: ${tables.length} tables in the model, ${printedTables.length} in print`);
    printedTables.forEach((b, k) => {
      // (placeTable sets the page breaks waiting before a table with its first cell)
      const rows = (b.table ?? []).map((row, r) =>
        row.map((cell, c) => (r === 0 && c === 0 ? { ...cell, items: [...b.items, ...cell.items] } : cell)),
      );
      const found = panelWords(tables[k] as TableBlock, rows, measure - b.leftIndent, style[b.type], options);
      if (!found) return;
      // its words and its cells' notes, each in the print's order
      for (const part of ['body', 'notes'] as const) {
        const model = found.model[part];
        if (!model.length) continue;
        const at = indexOfRun(expected[part], id, model);
        if (at < 0) throw new Error(`${id}: a table's words not found in the expected ${part}`);
        expected[part].splice(at, model.length, ...found.print[part].map((word) => ({ word, doc: id })));
      }
      expected.repeated = [...(expected.repeated ?? []), ...found.heads];
    });
  }
}

/** Where `run` stands in a document's words of the list. */
function indexOfRun(list: Expected['body'], doc: string, run: string[]): number {
  for (let at = 0; at + run.length <= list.length; at++) {
    if (list[at]?.doc !== doc) continue;
    if (run.every((w, k) => list[at + k]?.word === w)) return at;
  }
  return -1;
}
