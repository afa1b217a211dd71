import { block, el, type TeiElement, type TeiNode } from '../tei/node.ts';
import type { Block, Span } from './blocks.ts';
import type { InlineContext } from './inline.ts';
import { datelineNodes } from './rules/dateline.ts';
import { listTypeForLabel } from './rules/list.ts';
import { isAsteriskRow } from './rules/omission-row.ts';
import { breakIsWordSpace } from './rules/paragraph-merge.ts';

type Inline = (span: Span) => TeiNode[];

/** Elements that may stand alone between paragraphs: a line holding only these needs no `<p>`. */
const MILESTONE_LIKE = new Set(['pb', 'gap', 'milestone']);

function unwrapIfMilestones(nodes: TeiNode[]): TeiNode[] | null {
  const elements = nodes.filter((n) => typeof n !== 'string' || n.trim() !== '');
  return elements.length > 0 && elements.every((n) => typeof n !== 'string' && MILESTONE_LIKE.has(n.name))
    ? elements
    : null;
}

/** Joins the spans of one block with a joint between them (`<lb/>` for a heading's lines). */
function joined(spans: Span[], inline: Inline, joint: () => TeiElement): TeiNode[] {
  const out: TeiNode[] = [];
  spans.forEach((span, k) => {
    if (k > 0) out.push(joint());
    out.push(...inline(span));
  });
  return out;
}

const extractionBreak = (): TeiElement => el('milestone', { unit: 'paragraph', type: 'extraction-break' });

const PAGE_ONLY = /^\[Page [^\]]*\]$/;

/**
 * Joins the spans of a paragraph split by page extraction (rule `paragraph-merge`): a milestone at
 * each break, and after the last break before the next words the word space the blank line stood
 * for, so the paragraph's string value reads `must always be solemnly` (a line holding only a page
 * marker is passed over: `and` / `[Page 5]` / `continued` gets one space, before `continued`).
 */
function extractionJoined(spans: Span[], inline: Inline): TeiNode[] {
  const out: TeiNode[] = [];
  let before = '';
  spans.forEach((span, k) => {
    const pageOnly = PAGE_ONLY.test(span.text);
    if (k > 0) {
      out.push(extractionBreak());
      if (!pageOnly && breakIsWordSpace(before, span.text)) out.push(' ');
    }
    out.push(...inline(span));
    if (!pageOnly) before = span.text;
  });
  return out;
}
const lineBreak = (): TeiElement => el('lb');

function bodyElement(b: Block, inline: Inline, ctx: InlineContext): TeiNode[] {
  switch (b.kind) {
    case 'running-head':
      // The page begins at its running head: the break, then the head as printed (forme work).
      return [
        el('pb', { n: b.n, rend: 'running-head', 'xml:id': ctx.ids.take(`pg${b.n}`) }),
        el('fw', { type: 'header' }, inline(b.span)),
      ];
    case 'p': {
      const content = extractionJoined(b.spans, inline);
      const unwrapped = unwrapIfMilestones(content);
      if (unwrapped) return unwrapped;
      const p = el('p', {}, content);
      // where it starts in the source (not written into the TEI): diagnostics can point at it
      const first = b.spans[0];
      if (first) p.line = ctx.positions.at(first.offset).line;
      return [p];
    }
    case 'quote':
      return [el('quote', {}, [el('p', {}, extractionJoined(b.spans, inline))])];
    case 'omission-row':
      // A row of asterisks keeps its printed form in @n, so `recto text` gives back as many.
      if (isAsteriskRow(b.span.text))
        return [
          el(
            'gap',
            {
              reason: 'editorial-omission',
              resp: ctx.ids.resp('source-editors'),
              rend: 'asterisks',
              n: b.span.text,
            },
            [el('desc', {}, ['Omitted by the editors of the source edition (a row of asterisks).'])],
          ),
        ];
      return [
        el('gap', { reason: 'editorial-omission', resp: ctx.ids.resp('source-editors'), rend: 'dots' }, [
          el('desc', {}, ['Omitted by the editors of the source edition (a row of dots).']),
        ]),
      ];
    case 'list': {
      const items: TeiNode[] = [];
      if (b.label) items.push(el('head', {}, inline(b.label)));
      for (const span of b.items) {
        const content = inline(span);
        // A line of only page breaks or omissions goes between items, never before the first
        // (a list needs one: `SUBJECT` / `[1 line of source text not declassified]` is an item).
        const loose = unwrapIfMilestones(content);
        const hasItem = items.some((n) => typeof n !== 'string' && n.name === 'item');
        items.push(...(loose && hasItem ? loose : [el('item', {}, content)]));
      }
      const type = b.label ? listTypeForLabel(b.label.text) : undefined;
      return [block('list', { type, rend: b.rend === 'dash' ? 'dash' : undefined }, items)];
    }
    default:
      return [];
  }
}

/**
 * Builds the document's `<div type="document">` from its blocks, in source order: header blocks at
 * the top, body paragraphs (a section heading opens a nested div), closing blocks at the bottom.
 */
export function assembleDiv(
  blocks: Block[],
  ctx: InlineContext,
  divAttrs: Record<string, string>,
): TeiElement {
  const inline: Inline = (span) => ctx.inline(span.offset, span.offset + span.text.length);
  const top: TeiNode[] = [];
  const body: TeiNode[] = [];
  const sections: TeiElement[] = [];
  const bottom: TeiNode[] = [];
  let closer: TeiElement | null = null;
  const current = (): TeiNode[] => sections.at(-1)?.children ?? body;

  for (const b of blocks) {
    switch (b.kind) {
      case 'fw': {
        // Boilerplate is kept verbatim: `[Subject] [Author] [Date]` is a page's facet labels, not editing.
        const fw = el('fw', { type: 'boilerplate' }, [b.span.text]);
        (body.length || sections.length ? bottom : top).push(fw);
        break;
      }
      case 'source': {
        // `[Source: … not declassified.]` is a source note in brackets, not an omission notice.
        const { text, offset } = b.span;
        const bracketed = /^\[Source:.*\]$/.test(text);
        const content = bracketed
          ? ['[', ...inline({ text: text.slice(1, -1), offset: offset + 1 }), ']']
          : inline(b.span);
        top.push(el('note', { type: 'source' }, content));
        break;
      }
      case 'editorial':
        top.push(
          el(
            'note',
            { type: 'editorial', resp: ctx.ids.resp('source-editors') },
            inline({ text: b.span.text.slice(1, -1), offset: b.span.offset + 1 }),
          ),
        );
        break;
      case 'page':
        // `[Page 15]` above or on a header line: the page break before it (the marker was checked valid).
        top.push(...inline(b.span));
        break;
      case 'despatch':
        top.push(el('opener', {}, [el('idno', { type: 'despatch' }, inline(b.span))]));
        break;
      case 'head':
        top.push(
          el(
            'head',
            { type: top.some((n) => typeof n !== 'string' && n.name === 'head') ? 'sub' : undefined },
            joined(b.spans, inline, lineBreak),
          ),
        );
        break;
      case 'dateline':
        top.push(el('dateline', {}, datelineNodes(b.span, ctx.inline)));
        break;
      case 'section':
        sections.push(
          block('div', { type: 'section' }, [
            el('head', { rend: b.bold ? 'bold' : undefined }, joined(b.spans, inline, lineBreak)),
          ]),
        );
        break;
      case 'salute':
      case 'signed':
        closer ??= el('closer', {}, []);
        closer.children.push(el(b.kind, {}, inline(b.span)));
        if (b.kind === 'signed') {
          bottom.push(closer);
          closer = null;
        }
        break;
      case 'postscript':
        bottom.push(el('postscript', {}, [el('p', {}, inline(b.span))]));
        break;
      case 'collection':
        bottom.push(el('note', { type: 'source', subtype: 'collection' }, inline(b.span)));
        break;
      case 'source-block':
        bottom.push(sourceBlock(b.spans, inline));
        break;
      default: {
        const target = current();
        target.push(...bodyElement(b, inline, ctx));
        if (target !== body) target.push('\n');
      }
    }
  }
  if (closer) bottom.push(closer);
  // TEI wants at least one paragraph-level element (or division) in a div: a text of nothing but page
  // breaks or omissions gets an empty paragraph after them.
  const GLOBAL = new Set(['pb', 'gap', 'milestone', 'fw', 'note', 'lb']);
  const hasContent = sections.length > 0 || body.some((n) => typeof n !== 'string' && !GLOBAL.has(n.name));
  if (!hasContent) body.push(el('p'));
  return block('div', divAttrs, [...top, ...body, ...sections, ...bottom]);
}

/** `511.` / `Source` / citation / `<url>` → one source note with a label and bibls. */
function sourceBlock(spans: Span[], inline: Inline): TeiElement {
  const parts = spans.map((span) => {
    if (/^\d+\.$/.test(span.text)) return el('label', { type: 'number' }, inline(span));
    if (span.text === 'Source') return el('label', {}, inline(span));
    return el('bibl', {}, inline(span));
  });
  return el('note', { type: 'source', subtype: 'citation' }, parts);
}
