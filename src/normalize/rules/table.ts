import { isElement, localName, type TeiNode } from '../../tei/node.ts';
import type { BlockRule, Span, TableRow } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { printer } from '../rule.ts';

/**
 * Rule `table`: a table set in plain text is a table (`table/row/cell`, the header row
 * `role="label"`), not a list of lines:
 * - a pipe table, `| Item | Quantity |` over a rule `|---|---:|` (Markdown, wiki copies): the
 *   rule is kept where it stands (`anchor type="table-rule"`, as printed in `n`);
 * - a table of columns set apart by runs of spaces (three columns or more, in most of its lines,
 *   with figures in it: a list of pay, of works and years), a line a row; a first line with no
 *   figures over rows that have them is its header. A contents list (a title and its page) is no
 *   table.
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

function columnCells(line: Line): Span[] {
  const cells: Span[] = [];
  for (const m of line.text.matchAll(/\S+(?: \S+)*/g))
    cells.push({ text: m[0], offset: line.offset + m.index });
  return cells;
}

const hasFigures = (cells: Span[]): boolean => cells.some((c) => /\d/.test(c.text));

function lineSpan(line: Line): Span {
  const lead = line.text.length - line.text.trimStart().length;
  return { text: line.text.trim(), offset: line.offset + lead };
}

export const table: BlockRule = {
  id: 'table',
  family: 'generic',
  parse(run) {
    // a pipe table: every line between pipes, a rule under its first
    if (run.length >= 2 && run.every((l) => PIPE_LINE.test(l.text)) && PIPE_RULE.test(run[1]?.text ?? '')) {
      const rows = run.map((l, k) => ({ line: lineSpan(l), cells: pipeCells(l), header: k === 0 }));
      return { blocks: [{ kind: 'table', form: 'pipe', rows, rule: 1 }], lines: run.length };
    }
    if (run.length < 3 || run.some((l) => l.text.length > 140 || PIPE_LINE.test(l.text))) return null;
    const cells = run.map(columnCells);
    const counts = cells.map((c) => c.length);
    const wide = counts.filter((n) => n >= 3).length;
    if (wide * 2 < run.length || !cells.some(hasFigures)) return null;
    // (the spaces that set columns apart are runs of two or more: prose has one between words)
    if (
      run.some((l) => /\S \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+/.test(l.text.trim()) && columnCells(l).length < 2)
    )
      return null;
    const header =
      !hasFigures(cells[0] ?? []) && cells.slice(1).filter(hasFigures).length * 2 >= run.length - 1;
    const rows = run.map((l, k) => ({ line: lineSpan(l), cells: cells[k] ?? [], header: header && k === 0 }));
    return { blocks: [{ kind: 'table', form: 'columns', rows }], lines: run.length };
  },
  unparse: [
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
