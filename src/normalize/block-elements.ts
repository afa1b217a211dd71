import { el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { between, layout } from './between.ts';
import type { Block, Span } from './blocks.ts';
import type { InlineContext } from './inline.ts';
import { SOURCE_NOTE_LABEL } from './rules/closing.ts';
import { captionedFigure } from './rules/figure.ts';
import { isAsteriskRow } from './rules/omission-row.ts';
import { lineNumbers } from './rules/verse-numbers.ts';

/**
 * The TEI element of each block kind that is more than its spans' inline content — a list, an
 * omission row, a table, a stanza's lines, a figure, a source note — with the white space between
 * its parts as printed. `assemble.ts` places them in the document.
 */

/** A span's inline content (the inline rules over its stretch of the source). */
export type Inline = (span: Span) => TeiNode[];

/** Elements that may stand alone between paragraphs: a line holding only these needs no `<p>`. */
const MILESTONE_LIKE = new Set(['pb', 'gap', 'milestone']);

export function unwrapIfMilestones(nodes: TeiNode[]): TeiNode[] | null {
  const elements = nodes.filter((n) => typeof n !== 'string' || n.trim() !== '');
  if (elements.length === 0 || !elements.every((n) => typeof n !== 'string' && MILESTONE_LIKE.has(n.name)))
    return null;
  // (the white space between them is the source's: kept, as TEI holds white space between blocks)
  return nodes.flatMap((n) => (typeof n === 'string' ? layout(n) : [n]));
}

/** The children of a list: its head and items, with the white space between them. */
export function listChildren(
  b: Extract<Block, { kind: 'list' }>,
  inline: Inline,
  ctx: InlineContext,
): TeiNode[] {
  const out: TeiNode[] = [];
  let cursor: number | undefined;
  const gapTo = (start: number): void => {
    if (cursor !== undefined) out.push(...layout(between(ctx, cursor, start)));
  };
  if (b.label) {
    out.push(el('head', {}, inline(b.label)));
    cursor = b.label.offset + b.label.text.length;
  }
  for (const span of b.items) {
    const start = b.rend === 'dash' ? span.offset - 2 : span.offset;
    gapTo(start);
    const content = inline(span);
    // A line of only page breaks or omissions goes between items, never before the first
    // (a list needs one: `SUBJECT` / `[1 line of source text not declassified]` is an item).
    const loose = unwrapIfMilestones(content);
    const hasItem = out.some((n) => typeof n !== 'string' && n.name === 'item');
    // (a loose line in a dash list keeps its `- ` in an item: it prints one)
    out.push(...(loose && hasItem && b.rend !== 'dash' ? loose : [el('item', {}, content)]));
    cursor = span.offset + span.text.length;
  }
  return out.filter((n) => n !== '');
}

export function omissionRow(span: Span, ctx: InlineContext): TeiElement {
  // The row as printed is kept in @n, so `recto text` gives back as many dots or asterisks.
  const asterisks = isAsteriskRow(span.text);
  return el(
    'gap',
    {
      reason: 'editorial-omission',
      resp: ctx.ids.resp('source-editors'),
      rend: asterisks ? 'asterisks' : 'dots',
      n: span.text,
    },
    [
      el('desc', {}, [
        `Omitted by the editors of the source edition (a row of ${asterisks ? 'asterisks' : 'dots'}).`,
      ]),
    ],
  );
}

/** A table: a row a line, a cell a column, the spaces between as printed (a pipe table's pipes are its rows' to print). */
export function tableElement(b: Extract<Block, { kind: 'table' }>, ctx: InlineContext): TeiElement {
  if (b.form === 'wiki') return wikiTableElement(b, ctx);
  const rows: TeiNode[] = [];
  b.rows.forEach((row, k) => {
    const prev = b.rows[k - 1];
    if (prev) rows.push(...layout(between(ctx, prev.line.offset + prev.line.text.length, row.line.offset)));
    if (k === b.rule) {
      rows.push(el('anchor', { type: 'table-rule', n: row.line.text }));
      return;
    }
    const cells: TeiNode[] = [];
    row.cells.forEach((cell, j) => {
      const before = row.cells[j - 1];
      if (before && b.form === 'columns')
        cells.push(...layout(between(ctx, before.offset + before.text.length, cell.offset)));
      cells.push(el('cell', {}, ctx.inline(cell.offset, cell.offset + cell.text.length)));
    });
    rows.push(
      el(
        'row',
        { role: row.header ? 'label' : undefined, rend: b.form === 'pipe' ? 'pipe' : undefined },
        cells,
      ),
    );
  });
  return el('table', { rend: b.form }, rows);
}

/** A wiki table: its markup kept where it stands (`anchor type="wiki-markup"`), each cell's separator at its start. */
export function wikiTableElement(b: Extract<Block, { kind: 'table' }>, ctx: InlineContext): TeiElement {
  const mark = (s: Span): TeiElement => el('anchor', { type: 'wiki-markup', n: s.text });
  const end = (s: Span): number => s.offset + s.text.length;
  const parts = [
    ...(b.markup ?? []).map((s) => ({ span: s, node: (): TeiNode => mark(s) })),
    ...b.rows.map((row) => ({
      span: row.line,
      node: (): TeiNode => {
        const cells: TeiNode[] = [];
        row.cells.forEach((cell, j) => {
          const m = row.marks?.[j] ?? { text: '', offset: cell.offset };
          const before = row.cells[j - 1];
          if (before) cells.push(...layout(between(ctx, end(before), m.offset)));
          const content = ctx.inline(cell.offset, end(cell));
          // (a cell over columns or rows says so in its attributes: `colspan="2"`)
          const span = (name: string): string | undefined =>
            new RegExp(`${name}\\s*=\\s*"?(\\d+)`).exec(m.text)?.[1];
          const attrs = { cols: span('colspan'), rows: span('rowspan') };
          cells.push(el('cell', attrs, m.text ? [mark(m), ...content] : content));
        });
        return el('row', { role: row.header ? 'label' : undefined }, cells);
      },
    })),
  ].sort((x, y) => x.span.offset - y.span.offset);
  const children: TeiNode[] = [];
  parts.forEach((part, k) => {
    const prev = parts[k - 1];
    if (prev) children.push(...layout(between(ctx, end(prev.span), part.span.offset)));
    children.push(part.node());
  });
  return el('table', { rend: 'wiki' }, children);
}

/**
 * A stanza's lines, an `l` each, with the line breaks and indentation between them as printed. A
 * line number the printer set at a line's end (rule `verse`: `Sing, goddess, the wrath …   5`) is
 * the line's `n` and a `label type="line-number"`, the spaces before it kept.
 */
export function linesOf(spans: Span[], inline: Inline, ctx: InlineContext): TeiNode[] {
  const out: TeiNode[] = [];
  const numbers = lineNumbers(spans.map((s) => s.text));
  spans.forEach((span, k) => {
    const prev = spans[k - 1];
    if (prev) out.push(...layout(between(ctx, prev.offset + prev.text.length, span.offset)));
    const number = numbers[k];
    if (!number) {
      out.push(el('l', {}, inline(span)));
      return;
    }
    if (number.left !== undefined) {
      // (a number before the words: the number, the spaces after it, the words)
      const words = { text: span.text.slice(number.left), offset: span.offset + number.left };
      const mark = number.printed ?? number.n;
      const gap = span.text.slice(mark.length, number.left);
      out.push(
        el('l', { n: number.n }, [el('label', { type: 'line-number' }, [mark]), gap, ...inline(words)]),
      );
      return;
    }
    const words = { text: span.text.slice(0, number.at), offset: span.offset };
    const gap = span.text.slice(number.at, span.text.length - number.n.length);
    out.push(
      el('l', { n: number.n }, [...inline(words), gap, el('label', { type: 'line-number' }, [number.n])]),
    );
  });
  return out;
}

/** A diff's sign before a figure's line (`+ [Illustration]`): kept before it, the space after it as printed. */
export function diffSign(b: Extract<Block, { kind: 'figure' }>, ctx: InlineContext): TeiNode[] {
  if (b.diffSign === undefined) return [];
  const sign = ctx.source.slice(b.diffSign, b.diffSign + 1);
  return [el('anchor', { type: 'diff-line', n: sign }), ...layout(between(ctx, b.diffSign + 1, b.start))];
}

/** `[Illustration: caption]` → a figure, its caption the head, the white space around it as printed. */
export const figureElement = (b: Extract<Block, { kind: 'figure' }>, ctx: InlineContext): TeiElement =>
  captionedFigure(b.label, b.caption, ctx);

/** `511.` / `Source` / citation / `<url>` → one source note with a label and bibls, spaced as printed. */
export function sourceBlock(spans: Span[], inline: Inline, ctx: InlineContext): TeiElement {
  const parts: TeiNode[] = [];
  spans.forEach((span, k) => {
    const prev = spans[k - 1];
    if (prev) parts.push(between(ctx, prev.offset + prev.text.length, span.offset));
    if (/^\d+\.$/.test(span.text)) parts.push(el('label', { type: 'number' }, inline(span)));
    else if (span.text === 'Source') parts.push(el('label', {}, inline(span)));
    else parts.push(el('bibl', {}, inline(span)));
  });
  return el('note', { type: 'source', subtype: 'citation' }, parts);
}

/**
 * A documentary edition's source note after the text (rule `closing`): `<note type="source"
 * place="end"><label>Note:</label> RC (DLC). …</note>`, where it is printed (no reference marks it).
 */
export function sourceNote(spans: Span[], inline: Inline, ctx: InlineContext): TeiElement {
  const [first, ...rest] = spans;
  if (!first) return el('note', { type: 'source', place: 'end' });
  const label = SOURCE_NOTE_LABEL.exec(first.text)?.[0] ?? '';
  const parts: TeiNode[] = [el('label', {}, [label])];
  parts.push(...inline({ text: first.text.slice(label.length), offset: first.offset + label.length }));
  let end = first.offset + first.text.length;
  for (const span of rest) {
    parts.push(between(ctx, end, span.offset), ...inline(span));
    end = span.offset + span.text.length;
  }
  return el(
    'note',
    { type: 'source', place: 'end' },
    parts.filter((n) => n !== ''),
  );
}
