import { block, el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { between, layout } from './between.ts';
import {
  diffSign,
  figureElement,
  type Inline,
  linesOf,
  listChildren,
  omissionRow,
  sourceBlock,
  sourceNote,
  tableElement,
  unwrapIfMilestones,
} from './block-elements.ts';
import type { Block, Span } from './blocks.ts';
import type { InlineContext } from './inline.ts';
import type { NoteSetter } from './notes.ts';
import { datelineNodes } from './rules/dateline.ts';
import { listTypeForLabel } from './rules/list.ts';
import { breakIsWordSpace } from './rules/paragraph-merge.ts';

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
  if (b.kind === 'figure') return [b.diffSign ?? b.start, b.close + 1];
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
        place(body(), ...diffSign(b, ctx), figureElement(b, ctx));
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
