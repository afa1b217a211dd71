import { block, el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { between, layout } from './between.ts';
import type { Block, Span } from './blocks.ts';
import type { InlineContext } from './inline.ts';
import type { NoteSetter } from './notes.ts';
import { SOURCE_NOTE_LABEL } from './rules/closing.ts';
import { datelineNodes } from './rules/dateline.ts';
import { listTypeForLabel } from './rules/list.ts';
import { isAsteriskRow } from './rules/omission-row.ts';
import { breakIsWordSpace } from './rules/paragraph-merge.ts';
import { lineNumbers } from './rules/verse.ts';

type Inline = (span: Span) => TeiNode[];

/** Elements that may stand alone between paragraphs: a line holding only these needs no `<p>`. */
const MILESTONE_LIKE = new Set(['pb', 'gap', 'milestone']);

function unwrapIfMilestones(nodes: TeiNode[]): TeiNode[] | null {
  const elements = nodes.filter((n) => typeof n !== 'string' || n.trim() !== '');
  if (elements.length === 0 || !elements.every((n) => typeof n !== 'string' && MILESTONE_LIKE.has(n.name)))
    return null;
  // (the white space between them is the source's: kept, as TEI holds white space between blocks)
  return nodes.flatMap((n) => (typeof n === 'string' ? layout(n) : [n]));
}

/**
 * Where each block stands in the source, its signs included (`**` around a bold heading, `- `
 * before a dash list's items): what lies between two blocks is white space, kept as it is.
 */
function extent(b: Block): [number, number] {
  const spans = ((): Span[] => {
    switch (b.kind) {
      case 'head':
      case 'section':
      case 'p':
      case 'quote':
      case 'source-block':
      case 'source-note':
        return b.spans;
      case 'list':
        return [...(b.label ? [b.label] : []), ...b.items];
      case 'verse':
        return b.lines;
      case 'table':
        return [...b.rows.map((r) => r.line), ...(b.markup ?? [])].sort((x, y) => x.offset - y.offset);
      case 'notes':
      case 'figure':
        return [];
      default:
        return [b.span];
    }
  })();
  if (b.kind === 'figure') return [b.start, b.close + 1];
  if (b.kind === 'notes') {
    const items = b.list.items;
    return [items[0]?.start ?? 0, Math.max(...items.map((i) => Math.max(i.end, (i.close ?? -1) + 1)))];
  }
  const first = spans[0] ?? { text: '', offset: 0 };
  const last = spans.at(-1) ?? first;
  let start = first.offset;
  let end = last.offset + last.text.length;
  if ((b.kind === 'section' || b.kind === 'head') && b.bold) {
    start -= 2;
    end += 2;
  }
  if (b.kind === 'list' && b.rend === 'dash' && !b.label) start -= 2;
  return [start, end];
}

/** Joins a heading's lines with `lb`, the white space around each line break kept as printed. */
function lines(spans: Span[], inline: Inline, ctx: InlineContext): TeiNode[] {
  const out: TeiNode[] = [];
  spans.forEach((span, k) => {
    const prev = spans[k - 1];
    if (prev) {
      const gap = between(ctx, prev.offset + prev.text.length, span.offset);
      const nl = gap.indexOf('\n');
      if (nl === -1) out.push(gap);
      else out.push(gap.slice(0, nl), el('lb'), gap.slice(nl + 1));
    }
    out.push(...inline(span));
  });
  return out.filter((n) => n !== '');
}

/**
 * Joins the spans of a paragraph split by page extraction (rule `paragraph-merge`): a milestone at
 * each break, then the blank line as the source has it. Whether the break stood for a word space
 * is the milestone's to say: `rend="joined"` where it did not (after a hyphen, or before a page
 * marker whose own break carries the space), so the paragraph reads `must always be solemnly`
 * and `well-known`.
 */
function extractionJoined(spans: Span[], inline: Inline, ctx: InlineContext): TeiNode[] {
  const out: TeiNode[] = [];
  let before = '';
  spans.forEach((span, k) => {
    const pageOnly = ctx.pageOnly(span.text);
    const prev = spans[k - 1];
    if (prev) {
      const space = !pageOnly && breakIsWordSpace(before, span.text);
      out.push(
        el('milestone', { unit: 'paragraph', type: 'extraction-break', rend: space ? undefined : 'joined' }),
        between(ctx, prev.offset + prev.text.length, span.offset),
      );
    }
    out.push(...inline(span));
    if (!pageOnly) before = span.text;
  });
  return out.filter((n) => n !== '');
}

/** The children of a list: its head and items, with the white space between them. */
function listChildren(b: Extract<Block, { kind: 'list' }>, inline: Inline, ctx: InlineContext): TeiNode[] {
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

function omissionRow(span: Span, ctx: InlineContext): TeiElement {
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
function tableElement(b: Extract<Block, { kind: 'table' }>, ctx: InlineContext): TeiElement {
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
function wikiTableElement(b: Extract<Block, { kind: 'table' }>, ctx: InlineContext): TeiElement {
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
function linesOf(spans: Span[], inline: Inline, ctx: InlineContext): TeiNode[] {
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
    const words = { text: span.text.slice(0, number.at), offset: span.offset };
    const gap = span.text.slice(number.at, span.text.length - number.n.length);
    out.push(
      el('l', { n: number.n }, [...inline(words), gap, el('label', { type: 'line-number' }, [number.n])]),
    );
  });
  return out;
}

/** `[Illustration: caption]` → a figure, its caption the head, the white space around it as printed. */
function figureElement(b: Extract<Block, { kind: 'figure' }>, ctx: InlineContext): TeiElement {
  const attrs = { n: b.label, rend: b.caption ? 'bracketed colon' : 'bracketed' };
  if (!b.caption) return el('figure', attrs);
  const { from, to } = b.caption;
  const text = ctx.source.slice(from, to);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  const children: TeiNode[] = [];
  if (lead) children.push(...layout(text.slice(0, lead)));
  if (text.trim()) children.push(el('head', {}, ctx.inline(from + lead, to - trail)));
  if (trail && text.trim()) children.push(...layout(text.slice(text.length - trail)));
  return el('figure', attrs, children);
}

/** `511.` / `Source` / citation / `<url>` → one source note with a label and bibls, spaced as printed. */
function sourceBlock(spans: Span[], inline: Inline, ctx: InlineContext): TeiElement {
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
function sourceNote(spans: Span[], inline: Inline, ctx: InlineContext): TeiElement {
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

/**
 * Builds the document's `<div type="document">` from its blocks, in source order: header blocks at
 * the top, body paragraphs (a section heading opens a nested div), closing blocks and the note list
 * at the bottom. Every character of the source is in it: each block's in its element, the white
 * space between blocks as text between them.
 */
export function assembleDiv(
  blocks: Block[],
  ctx: InlineContext,
  notes: NoteSetter,
  divAttrs: Record<string, string>,
): TeiElement {
  const inline: Inline = (span) => ctx.inline(span.offset, span.offset + span.text.length);
  const div: TeiNode[] = [];
  let section: TeiElement | undefined;
  let closer: TeiElement | undefined;
  let closing = false; // past the body: blocks go to the div, after the sections
  let closingAt: number | undefined; // where in the div the closing begins
  let hasBody = false; // a paragraph-level element or a section in the body
  let cursor = 0;
  let pending = ''; // white space before the next element, in the container it goes to

  const place = (target: TeiNode[], ...nodes: TeiNode[]): void => {
    target.push(...layout(pending));
    pending = '';
    target.push(...nodes);
  };
  const body = (): TeiNode[] => (section && !closing ? section.children : div);

  for (const b of blocks) {
    const [start, end] = extent(b);
    pending += between(ctx, cursor, start);
    cursor = Math.max(cursor, end);
    const isClosing =
      ['salute', 'signed', 'postscript', 'collection', 'source-block', 'source-note'].includes(b.kind) ||
      (b.kind === 'notes' && !b.list.inText);
    if (isClosing && !closing) {
      closing = true;
      closingAt = div.length;
    }
    if (['quote', 'list', 'section'].includes(b.kind)) hasBody = true;
    if (b.kind !== 'salute' && b.kind !== 'signed') closer = undefined;
    switch (b.kind) {
      case 'fw':
        // Boilerplate is kept verbatim where it stands: `[Subject] [Author] [Date]` is a page's facet labels, not editing.
        place(body(), el('fw', { type: 'boilerplate' }, [b.span.text]));
        break;
      case 'source': {
        // `[Source: … not declassified.]` is a source note in brackets, not an omission notice.
        const { text, offset } = b.span;
        const bracketed = /^\[Source:.*\]$/.test(text);
        const content = bracketed
          ? ['[', ...inline({ text: text.slice(1, -1), offset: offset + 1 }), ']']
          : inline(b.span);
        place(div, el('note', { type: 'source' }, content));
        break;
      }
      case 'editorial':
        place(
          div,
          el(
            'note',
            { type: 'editorial', resp: ctx.ids.resp('source-editors') },
            inline({ text: b.span.text.slice(1, -1), offset: b.span.offset + 1 }),
          ),
        );
        break;
      case 'page':
        // `[Page 15]` above or on a header line: the page break before it (the marker was checked valid).
        place(div, ...inline(b.span));
        break;
      case 'despatch':
        place(div, el('opener', {}, [el('idno', { type: 'despatch' }, inline(b.span))]));
        break;
      case 'head': {
        const sub = div.some((n) => typeof n !== 'string' && n.name === 'head');
        place(div, el('head', { type: sub ? 'sub' : undefined }, lines(b.spans, inline, ctx)));
        break;
      }
      case 'dateline':
        place(div, el('dateline', {}, datelineNodes(b.span, ctx)));
        break;
      case 'section': {
        const head = el('head', { rend: b.bold ? 'bold' : undefined }, lines(b.spans, inline, ctx));
        const opened = block('div', { type: 'section' }, []);
        opened.children = [head];
        place(div, opened);
        section = opened;
        break;
      }
      case 'salute':
      case 'signed':
        if (closer) place(closer.children, el(b.kind, {}, inline(b.span)));
        else {
          closer = el('closer', {}, []);
          place(div, closer);
          closer.children.push(el(b.kind, {}, inline(b.span)));
        }
        if (b.kind === 'signed') closer = undefined;
        break;
      case 'postscript':
        place(div, el('postscript', {}, [el('p', {}, inline(b.span))]));
        break;
      case 'collection':
        place(div, el('note', { type: 'source', subtype: 'collection' }, inline(b.span)));
        break;
      case 'source-block':
        place(div, sourceBlock(b.spans, inline, ctx));
        break;
      case 'source-note':
        place(div, sourceNote(b.spans, inline, ctx));
        break;
      case 'notes':
        // (notes printed in the text stand where they are; the list at the end, after the closing)
        place(b.list.inText ? body() : div, ...notes.printed(b.list));
        break;
      case 'p': {
        const content = extractionJoined(b.spans, inline, ctx);
        const loose = unwrapIfMilestones(content);
        if (loose) {
          place(body(), ...loose);
          break;
        }
        hasBody = true;
        const p = el('p', {}, content);
        // where it starts in the source (not written into the TEI): diagnostics can point at it
        const first = b.spans[0];
        if (first) p.line = ctx.positions.at(first.offset).line;
        place(body(), p);
        break;
      }
      case 'quote':
        place(body(), el('quote', {}, [el('p', {}, extractionJoined(b.spans, inline, ctx))]));
        break;
      case 'omission-row':
        place(body(), omissionRow(b.span, ctx));
        break;
      case 'thought-break':
        place(body(), el('milestone', { unit: 'section', rend: 'thought-break', n: b.span.text }));
        break;
      case 'figure':
        place(body(), figureElement(b, ctx));
        break;
      case 'furniture': {
        // the page it begins, then the line as printed (forme work: out of the running text)
        const pb = b.page
          ? [
              el('pb', {
                n: b.page.n || undefined,
                rend: b.page.rend,
                'xml:id': ctx.ids.take(`pg${b.page.n}`),
              }),
            ]
          : [];
        place(body(), ...pb, el('fw', { type: b.role }, [b.span.text]));
        break;
      }
      case 'table':
        hasBody = true;
        place(body(), tableElement(b, ctx));
        break;
      case 'verse': {
        hasBody = true;
        const lg = el('lg', {}, linesOf(b.lines, inline, ctx));
        place(body(), b.quoted ? el('quote', {}, [lg]) : lg);
        break;
      }
      case 'running-head':
        // The page begins at its running head: the break, then the head as printed (forme work).
        place(
          body(),
          el('pb', { n: b.n, rend: 'running-head', 'xml:id': ctx.ids.take(`pg${b.n}`) }),
          el('fw', { type: 'header' }, inline(b.span)),
        );
        break;
      case 'list': {
        const type = b.label ? listTypeForLabel(b.label.text) : undefined;
        place(
          body(),
          el('list', { type, rend: b.rend === 'dash' ? 'dash' : undefined }, listChildren(b, inline, ctx)),
        );
        break;
      }
    }
  }
  pending += between(ctx, cursor, ctx.source.length);
  div.push(...layout(pending));
  // TEI wants at least one paragraph-level element (or division) in a div: a text of nothing but
  // page breaks or omissions gets an empty paragraph after them, before its closing.
  if (!hasBody) div.splice(closingAt ?? div.length, 0, el('p'));
  return el('div', divAttrs, div);
}
