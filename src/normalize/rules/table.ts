import { isElement, localName, type TeiNode } from '../../tei/node.ts';
import type { Block, BlockRule, Span, TableRow } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { printer } from '../rule.ts';

/**
 * Rule `table`: a table set in plain text is a table (`table/row/cell`, the header row
 * `role="label"`), not a list of lines:
 * - a pipe table, `| Item | Quantity |` over a rule `|---|---:|` (Markdown, wiki copies): the
 *   rule is kept where it stands (`anchor type="table-rule"`, as printed in `n`);
 * - a table of columns set apart by runs of spaces (three columns or more, in most of its lines,
 *   with figures in it: a list of pay, of works and years), a line a row; a first line with no
 *   figures (or none but years, a column's heading each) over rows that have them is its
 *   header. A contents list (a title and its page) is no table;
 * - a wiki table (`{|` … `|}`, MediaWiki's raw text: a wiki's page source): a row between `|-`
 *   lines, a cell after each `|`, `||` (`!`, `!!`: a header cell), its attributes before a single
 *   `|`; the markup is kept where it stands (`anchor type="wiki-markup"`, as printed in `n`: the
 *   table's `{| …`, `|-` and `|}` between its rows, each cell's separator at its start);
 * - a table of columns broken by a blank line, or by a group's label on a line of its own
 *   (`For One Troop`), goes on where its next part has no header of its own and sets its figures
 *   in the same columns: one table, the label a row of it (`role="label"`). A part with a header
 *   of its own, or in other columns, is a table of its own.
 * Cells keep their text as printed, the spaces between them stand between them, so `recto text`
 * prints each line back.
 */
const PIPE_LINE = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;

function pipeCells(line: Line): Span[] {
  const start = line.text.indexOf('|');
  const end = line.text.lastIndexOf('|');
  const cells: Span[] = [];
  let from = start + 1;
  for (let k = from; k <= end; k++) {
    if (line.text[k] !== '|') continue;
    cells.push({ text: line.text.slice(from, k), offset: line.offset + from });
    from = k + 1;
  }
  return cells;
}

/**
 * A line's cells: what runs of spaces (or tabs) set apart. Other white space (a no-break space, a
 * form feed) is part of a cell: between cells, in a row, only XML's own white space may stand.
 */
function columnCells(line: Line): Span[] {
  const cells: Span[] = [];
  // (within the line as its row holds it: white space at either end is the row's, not a cell's)
  const lead = line.text.length - line.text.trimStart().length;
  const text = line.text.trim();
  for (const m of text.matchAll(/[^ \t]+(?: [^ \t]+)*/g))
    cells.push({ text: m[0], offset: line.offset + lead + m.index });
  return cells;
}

const hasFigures = (cells: Span[]): boolean => cells.some((c) => /\d/.test(c.text));

/** A year alone in a cell: a column's heading in a table of returns by year. */
const YEAR = /^1[5-9]\d\d\.?$/;

export function lineSpan(line: Line): Span {
  const lead = line.text.length - line.text.trimStart().length;
  return { text: line.text.trim(), offset: line.offset + lead };
}

/** A wiki table's first line: `{|` and its attributes, after nothing but markup tags (`</noinclude>{|`). */
const WIKI_OPEN = /^((?:<\/?[A-Za-z][^<>\n]*>)*)\{\|/;

/** Where `sep` stands in `text` from `from`, outside templates and links (`{{popup note|…|…}}`, `[[a|b]]`), or -1. */
function topLevel(
  text: string,
  from: number,
  to: number,
  seps: string[],
): { at: number; sep: string } | null {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const two = text.slice(k, k + 2);
    if (two === '{{' || two === '[[') {
      depth++;
      k++;
      continue;
    }
    if ((two === '}}' || two === ']]') && depth > 0) {
      depth--;
      k++;
      continue;
    }
    if (depth > 0) continue;
    const sep = seps.find((x) => text.startsWith(x, k));
    if (sep) return { at: k, sep };
  }
  return null;
}

/** A wiki table line's cells: what each is printed after (its separator, its attributes), and its content. */
function wikiCells(line: Line): { marks: Span[]; cells: Span[] } {
  const t = line.text;
  const seps = t.startsWith('!') ? ['!!', '||'] : ['||'];
  const marks: Span[] = [];
  const cells: Span[] = [];
  let sepStart = 0;
  let from = t.startsWith('|+') ? 2 : 1;
  while (sepStart < t.length) {
    const next = topLevel(t, from, t.length, seps);
    const to = next ? next.at : t.length;
    // `style="…" | content`: the attributes go with the separator
    let contentStart = from;
    const pipe = topLevel(t, from, to, ['|']);
    if (pipe && /^\s*[A-Za-z-]+\s*=/.test(t.slice(from, pipe.at))) contentStart = pipe.at + 1;
    marks.push({ text: t.slice(sepStart, contentStart), offset: line.offset + sepStart });
    cells.push({ text: t.slice(contentStart, to), offset: line.offset + contentStart });
    if (!next) break;
    sepStart = next.at;
    from = next.at + next.sep.length;
  }
  return { marks, cells };
}

/**
 * A wiki table (MediaWiki's `{|` … `|}`, in a wiki's raw text): a row between `|-` lines, a cell
 * after each `|`, `||`, `!` or `!!` (a header cell), its attributes before a single `|`
 * (`| style="…" | text`), a line that begins with none of these going on with the cell before.
 * What comes before `{|` on its line (markup tags) and after `|}` on its line is read as text.
 */
function wikiTable(run: Line[]): { blocks: Block[]; lines: number } | null {
  const first = run[0];
  const open = first ? WIKI_OPEN.exec(first.text) : null;
  if (!first || !open || first.text.includes('|}')) return null;
  const joined = run.map((l) => l.text).join('\n');
  const slice = (from: number, to: number): Span => ({
    text: joined.slice(from - first.offset, to - first.offset),
    offset: from,
  });
  const prefix = open[1] ?? '';
  const markup: Span[] = [{ text: first.text.slice(prefix.length), offset: first.offset + prefix.length }];
  const rows: TableRow[] = [];
  let row: { marks: Span[]; cells: Span[]; header: boolean } | null = null;
  const closeRow = (): void => {
    if (!row?.cells.length) return;
    const start = row.marks[0] as Span;
    const last = row.cells.at(-1) as Span;
    rows.push({ ...row, line: slice(start.offset, last.offset + last.text.length) });
    row = null;
  };
  for (let k = 1; k < run.length; k++) {
    const line = run[k] as Line;
    const t = line.text;
    if (t.startsWith('|}')) {
      closeRow();
      markup.push({ text: '|}', offset: line.offset });
      // (markup kept in an attribute: no character there that XML would change)
      if (!rows.length || markup.some((m) => /[\t\r]/.test(m.text))) return null;
      const blocks: Block[] = [];
      if (prefix) blocks.push({ kind: 'p', spans: [{ text: prefix, offset: first.offset }] });
      blocks.push({ kind: 'table', form: 'wiki', rows, markup });
      const rest = t.slice(2);
      if (rest.trim()) {
        const lead = rest.length - rest.trimStart().length;
        blocks.push({ kind: 'p', spans: [{ text: rest.trim(), offset: line.offset + 2 + lead }] });
      }
      return { blocks, lines: k + 1 };
    }
    if (t.startsWith('|-')) {
      closeRow();
      markup.push({ text: t, offset: line.offset });
    } else if (t.startsWith('|') || t.startsWith('!')) {
      const { marks, cells } = wikiCells(line);
      const header = t.startsWith('!') || t.startsWith('|+');
      if (t.startsWith('|+')) closeRow();
      row ??= { marks: [], cells: [], header };
      row.marks.push(...marks);
      row.cells.push(...cells);
      row.header &&= header;
      if (t.startsWith('|+')) closeRow();
    } else {
      // a cell's text going on over the line end
      const current = row as { cells: Span[] } | null;
      const last = current?.cells.at(-1);
      if (!current || !last) return null;
      current.cells[current.cells.length - 1] = slice(last.offset, line.offset + t.length);
    }
  }
  return null;
}

/**
 * A table of words (no figures: who served where, in what rank): every line holds the same cells,
 * three or more, each column beginning at the same place on every line (give or take one) —
 * columns a printer aligned, as prose and verse never are. Its header: a first line of one word a
 * cell, each with a capital (`Name   Rank   Regiment`).
 */
function wordColumns(run: Line[], cells: Span[][]): boolean {
  const count = cells[0]?.length ?? 0;
  if (count < 3 || cells.some((c) => c.length !== count)) return false;
  const starts = cells.map((c, k) => c.map((cell) => cell.offset - (run[k] as Line).offset));
  return (starts[0] ?? []).every((at, j) => starts.every((row) => Math.abs((row[j] ?? -9) - at) <= 1));
}

export const table: BlockRule = {
  id: 'table',
  family: 'generic',
  parse(run) {
    const wiki = wikiTable(run);
    if (wiki) return wiki;
    // a pipe table: every line between pipes, a rule under its first
    if (run.length >= 2 && run.every((l) => PIPE_LINE.test(l.text)) && PIPE_RULE.test(run[1]?.text ?? '')) {
      const rows = run.map((l, k) => ({ line: lineSpan(l), cells: pipeCells(l), header: k === 0 }));
      return { blocks: [{ kind: 'table', form: 'pipe', rows, rule: 1 }], lines: run.length };
    }
    if (run.length < 3 || run.some((l) => l.text.length > 140 || PIPE_LINE.test(l.text))) return null;
    const cells = run.map(columnCells);
    const counts = cells.map((c) => c.length);
    const wide = counts.filter((n) => n >= 3).length;
    if (wide * 2 < run.length || !(cells.some(hasFigures) || wordColumns(run, cells))) return null;
    // (the spaces that set columns apart are runs of two or more: prose has one between words)
    if (
      run.some((l) => /\S \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+/.test(l.text.trim()) && columnCells(l).length < 2)
    )
      return null;
    // (a header's figures are years at most: `Article   1788   1789`)
    const headed = (c: Span[]): boolean => !c.some((x) => /\d/.test(x.text.replace(YEAR, '')));
    const header =
      (headed(cells[0] ?? []) && cells.slice(1).filter(hasFigures).length * 2 >= run.length - 1) ||
      (!cells.some(hasFigures) && (cells[0] ?? []).every((c) => /^\p{Lu}[\p{L}.]*$/u.test(c.text)));
    const rows = run.map((l, k) => ({
      line: lineSpan(l),
      cells: cells[k] ?? [],
      header: header && k === 0,
      lineStart: l.offset,
    }));
    return { blocks: [{ kind: 'table', form: 'columns', rows }], lines: run.length };
  },
  unparse: [
    // a wiki table's markup prints as it was
    printer(
      'anchor',
      (e) => e.attrs.type === 'wiki-markup',
      (e) => e.attrs.n ?? '',
    ),
    // a pipe table's rows print their pipes; its rule prints as it was
    printer(
      'anchor',
      (e) => e.attrs.type === 'table-rule',
      (e) => e.attrs.n ?? '',
    ),
    printer(
      'row',
      (e) => e.attrs.rend === 'pipe',
      (e, ctx) =>
        `|${e.children
          .filter((c): c is Exclude<TeiNode, string> => isElement(c) && localName(c.name) === 'cell')
          .map((c) => ctx.print(c.children))
          .join('|')}|`,
    ),
  ],
};

type Table = Extract<Block, { kind: 'table' }>;

/** The columns where a table's figures end: the right edges most of its rows with figures share. */
function figureColumns(t: Table): Set<number> {
  const rows = t.rows.filter((r) => r.lineStart !== undefined && !r.header && hasFigures(r.cells));
  const counts = new Map<number, number>();
  for (const r of rows)
    for (const c of r.cells.slice(1))
      if (/\d/.test(c.text)) {
        const end = c.offset - (r.lineStart ?? 0) + c.text.length;
        counts.set(end, (counts.get(end) ?? 0) + 1);
      }
  return new Set([...counts].filter(([, n]) => n * 2 >= rows.length).map(([end]) => end));
}

/** Whether a table's next part goes on in its columns: no header of its own, its figures where the table's are. */
function continues(t: Table, part: Table): boolean {
  if (t.form !== 'columns' || part.form !== 'columns' || part.rows.some((r) => r.header)) return false;
  // (a part that prints the table's first row again is a table of its own, its header repeated)
  if (part.rows[0]?.line.text === t.rows[0]?.line.text) return false;
  const a = figureColumns(t);
  const b = figureColumns(part);
  const shared = [...b].filter((c) => a.has(c)).length;
  return shared >= 2 && shared * 2 >= b.size;
}

/**
 * A group's label between a table's parts: one short line, set where the table's rows begin, no
 * figures, no caption (`TABLE II.`, a line in capitals, a line that ends on a colon or a full stop
 * and introduces what follows).
 */
function groupLabel(b: Block | undefined, t: Table, column: (offset: number) => number): Span | undefined {
  if (b?.kind !== 'p' || b.spans.length !== 1) return undefined;
  const span = b.spans[0] as Span;
  const margin = Math.min(...t.rows.map((r) => column(r.line.offset)));
  const ok =
    span.text.length <= 40 &&
    column(span.offset) === margin &&
    !/\d|\n|[:.]$/.test(span.text) &&
    !/^table\b/i.test(span.text) &&
    span.text !== span.text.toUpperCase();
  return ok ? span : undefined;
}

/**
 * Rule `table`'s parts joined: a table of columns broken by blank lines, or by a group's label,
 * goes on in its next part (see above). `apart(from, to)`: whether something printed on lines of
 * its own (a note) stands between two offsets, which keeps the parts apart; `column(offset)`: the
 * column an offset stands in.
 */
export function joinTables(
  blocks: Block[],
  apart: (from: number, to: number) => boolean,
  column: (offset: number) => number,
): Block[] {
  const out: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const cur = blocks[k] as Block;
    const prev = out.at(-1);
    if (prev?.kind !== 'table') {
      out.push(cur);
      continue;
    }
    if (cur.kind === 'table' && continues(prev, cur) && !apart(end(prev), start(cur))) {
      out[out.length - 1] = { ...prev, rows: [...prev.rows, ...cur.rows] };
      continue;
    }
    const label = groupLabel(cur, prev, column);
    const after = blocks[k + 1];
    if (label && after?.kind === 'table' && continues(prev, after) && !apart(end(prev), start(after))) {
      const row: TableRow = { line: label, cells: [label], header: true };
      out[out.length - 1] = { ...prev, rows: [...prev.rows, row, ...after.rows] };
      k++;
      continue;
    }
    out.push(cur);
  }
  return out;
}

const start = (t: Table): number => t.rows[0]?.line.offset ?? 0;
const end = (t: Table): number => {
  const last = t.rows.at(-1);
  return last ? last.line.offset + last.line.text.length : 0;
};
