import { isElement, type TeiElement, type TeiNode } from '../../tei/node.ts';
import { localName } from '../../tei/read.ts';
import type { FontStyle } from './fonts.ts';

/**
 * TEI → the print edition's blocks and inline items, in one table (the PDF's drawing of the same
 * behaviours the HTML and EPUB have). Inline items carry their font style; notes carry their own
 * items; page breaks are markers between items.
 */
export type Item =
  | { kind: 'text'; text: string; style: FontStyle; scale?: number }
  | { kind: 'pb'; n: string; id?: string }
  | { kind: 'note'; label: string; items: Item[]; id?: string }
  | { kind: 'pageref'; target: string; style: FontStyle } // `(p. 37)`: the PDF page of a cross-reference's target
  | { kind: 'break' };

export type TypeRole = 'body' | 'title' | 'heading' | 'small';

export interface PdfBlock {
  tag: 'P' | 'H1' | 'H2' | 'BlockQuote' | 'LI';
  type: TypeRole;
  items: Item[];
  align: 'justify' | 'left' | 'right' | 'center';
  indent: number; // first line, in ems of the type size
  leftIndent: number; // whole block, in points
  spaceBefore: number; // in lines
  keepWithNext: boolean;
  tocFor?: string; // a contents entry for this document id
}

interface Ctx {
  style: FontStyle;
  unknown: Map<string, number>;
}

const text = (t: string, ctx: Ctx): Item[] => (t ? [{ kind: 'text', text: t, style: ctx.style }] : []);

/** Small capitals, drawn from capitals (the npm font has no smcp feature): lower case at 78 %. */
function smallCaps(t: string, ctx: Ctx): Item[] {
  const out: Item[] = [];
  for (const part of t.match(/\p{Ll}+|[^\p{Ll}]+/gu) ?? []) {
    const lower = /\p{Ll}/u.test(part);
    out.push({
      kind: 'text',
      text: lower ? part.toUpperCase() : part,
      style: ctx.style,
      scale: lower ? 0.78 : undefined,
    });
  }
  return out;
}

function inlineItems(nodes: TeiNode[], ctx: Ctx): Item[] {
  const out: Item[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') out.push(...text(n, ctx));
    else out.push(...inlineElement(n, ctx));
  }
  return out;
}

function inlineElement(e: TeiElement, ctx: Ctx): Item[] {
  const name = localName(e.name);
  const a = e.attrs;
  const children = (style: FontStyle = ctx.style): Item[] => inlineItems(e.children, { ...ctx, style });
  switch (name) {
    case 'note':
      if (a.type === 'editorial' || a.place === 'inline')
        return [...text('[', ctx), ...children(), ...text(']', ctx)];
      return [
        {
          kind: 'note',
          label: a.n ?? '*',
          items: inlineItems(e.children, { ...ctx, style: 'regular' }),
          id: a['xml:id'],
        },
      ];
    case 'pb':
      return a.n ? [{ kind: 'pb', n: a.n, id: a['xml:id'] }] : [];
    case 'lb':
      return [{ kind: 'break' }];
    case 'milestone':
    case 'desc':
    case 'fw':
      return [];
    case 'gap':
      return text('[…]', ctx);
    case 'supplied':
      return [
        ...text('[', ctx),
        ...children(),
        ...text(a.cert === 'low' || a.reason === 'conjecture' ? '?]' : ']', ctx),
      ];
    case 'choice': {
      const corr = e.children
        .filter(isElement)
        .find((c) => ['corr', 'reg', 'expan'].includes(localName(c.name)));
      return corr ? inlineItems(corr.children, ctx) : [];
    }
    case 'hi': {
      const rend = a.rend ?? '';
      if (/italic/.test(rend)) return children(ctx.style === 'italic' ? 'regular' : 'italic');
      if (/bold/.test(rend)) return children('bold');
      if (/small-?caps/.test(rend)) return smallCapsOf(e, ctx);
      return children();
    }
    case 'title':
    case 'emph':
    case 'foreign':
      return children(ctx.style === 'italic' ? 'regular' : 'italic');
    case 'item': // a list inside a paragraph: items in the running text, one after another
      return [...children(), ...text(' ', ctx)];
    case 'ref':
    case 'ptr': {
      const target = a.target ?? '';
      const shown = e.children.length ? children() : text(target, ctx);
      // an internal cross-reference is followed by the page of the PDF where its target is
      return target.startsWith('#')
        ? [...shown, { kind: 'pageref', target: target.slice(1), style: ctx.style }]
        : shown;
    }
    default:
      if (!KNOWN_INLINE.has(name)) ctx.unknown.set(name, (ctx.unknown.get(name) ?? 0) + 1);
      return children();
  }
}

const smallCapsOf = (e: TeiElement, ctx: Ctx): Item[] =>
  inlineItems(e.children, ctx).flatMap((i) =>
    i.kind === 'text' ? smallCaps(i.text, { ...ctx, style: i.style }) : [i],
  );

const KNOWN_INLINE = new Set([
  'placeName',
  'date',
  'time',
  'persName',
  'name',
  'orgName',
  'term',
  'gloss',
  'seg',
  'rs',
  'num',
  'measure',
  'abbr',
  'expan',
  'idno',
  'label',
  'bibl',
  'q',
  'quote',
  'sic',
  'corr',
  'unclear',
  'add',
  'del',
  'docAuthor',
  'p',
  'l',
  'item',
  'head',
  'signed',
  'salute',
  'dateline',
  'byline',
  'trailer',
  'cell',
  'row',
  'figDesc',
  'list',
  'publisher',
  'pubPlace',
  'docDate',
  'docAuthor',
]);

export const block = (items: Item[], over: Partial<PdfBlock> = {}): PdfBlock => ({
  tag: 'P',
  type: 'body',
  items,
  align: 'justify',
  indent: 0,
  leftIndent: 0,
  spaceBefore: 0,
  keepWithNext: false,
  ...over,
});

/** The blocks of one document (or the introduction): its div's children, in order. */
export function documentBlocks(div: TeiElement, unknown: Map<string, number>, title?: string): PdfBlock[] {
  const out: PdfBlock[] = [];
  // A document whose text has no heading gets its title from its header.
  const hasHead = div.children.some((c) => isElement(c) && localName(c.name) === 'head');
  if (title && !hasHead)
    out.push(
      block([{ kind: 'text', text: title, style: 'regular' }], {
        tag: 'H1',
        type: 'title',
        align: 'left',
        keepWithNext: true,
      }),
    );
  let pendingPages: Item[] = [];
  let heads = 0;
  let afterHeading = true;
  const ctx: Ctx = { style: 'regular', unknown };
  const push = (b: PdfBlock): void => {
    if (pendingPages.length) b.items = [...pendingPages, ...b.items];
    pendingPages = [];
    out.push(b);
  };
  const para = (e: TeiElement, over: Partial<PdfBlock> = {}): void => {
    push(block(inlineItems(e.children, ctx), { indent: afterHeading ? 0 : 1, ...over }));
    afterHeading = false;
  };
  const heading = (e: TeiElement, depth: number): void => {
    // A FRUS head carries its document's source note: it follows the heading as a small line.
    const isSource = (c: TeiNode): c is TeiElement =>
      isElement(c) && localName(c.name) === 'note' && c.attrs.type === 'source';
    const items = inlineItems(
      e.children.filter((c) => !isSource(c)),
      depth === 0 && heads > 0 ? { ...ctx, style: 'italic' } : ctx,
    );
    if (depth === 0 && heads++ === 0)
      push(block(items, { tag: 'H1', type: 'title', align: 'left', keepWithNext: true, spaceBefore: 0.5 }));
    else if (depth === 0) push(block(items, { type: 'small', align: 'left', keepWithNext: true }));
    else
      push(block(items, { tag: 'H2', type: 'heading', align: 'left', keepWithNext: true, spaceBefore: 1 }));
    for (const n of e.children.filter(isSource))
      push(block(inlineItems(n.children, ctx), { type: 'small', align: 'left', keepWithNext: true }));
    afterHeading = true;
  };
  const visit = (e: TeiElement, depth: number): void => {
    const name = localName(e.name);
    const a = e.attrs;
    switch (name) {
      case 'head':
        heading(e, depth);
        return;
      case 'p':
      case 'ab':
        para(e);
        return;
      case 'note':
        if (a.type === 'source' || a.type === 'editorial') {
          const parts =
            a.subtype === 'citation'
              ? e.children.filter(isElement).filter((c) => localName(c.name) === 'bibl')
              : [e];
          for (const part of parts)
            push(
              block(
                a.type === 'editorial'
                  ? [...text('[', ctx), ...inlineItems(part.children, ctx), ...text(']', ctx)]
                  : inlineItems(part.children, ctx),
                { type: 'small', align: 'left', spaceBefore: a.subtype === 'citation' ? 1 : 0 },
              ),
            );
          return;
        }
        // a note with no reference (unanchored): set as a note of the last block
        out.at(-1)?.items.push({ kind: 'note', label: a.n ?? '*', items: inlineItems(e.children, ctx) });
        return;
      case 'dateline':
        push(block(inlineItems(e.children, { ...ctx, style: 'italic' }), { align: 'right' }));
        return;
      case 'salute':
      case 'signed':
        push(
          block(name === 'signed' ? smallCapsOf(e, ctx) : inlineItems(e.children, ctx), {
            align: 'right',
            spaceBefore: name === 'salute' ? 0.5 : 0,
          }),
        );
        return;
      case 'list':
        for (const c of e.children.filter(isElement)) {
          const cn = localName(c.name);
          if (cn === 'head')
            push(block(smallCapsOf(c, ctx), { align: 'left', keepWithNext: true, spaceBefore: 0.5 }));
          else if (cn === 'item')
            push(
              block([...text(a.rend === 'dash' ? '– ' : '', ctx), ...inlineItems(c.children, ctx)], {
                tag: 'LI',
                align: 'left',
                leftIndent: 14,
              }),
            );
          else visit(c, depth + 1);
        }
        afterHeading = false;
        return;
      case 'quote':
        for (const c of e.children.filter(isElement))
          para(c, { tag: 'BlockQuote', leftIndent: 16, indent: 0 });
        return;
      case 'gap':
        push(block(text('.   .   .   .   .   .   .', ctx), { align: 'center' }));
        return;
      case 'pb':
        if (a.n) pendingPages.push({ kind: 'pb', n: a.n, id: a['xml:id'] });
        return;
      case 'fw':
      case 'milestone':
      case 'teiHeader':
      case 'graphic': // images are not part of the print edition's text (scans of the original)
        return;
      case 'titlePage':
      case 'docTitle':
      case 'div':
      case 'opener':
      case 'closer':
      case 'postscript':
      case 'lg':
      case 'table':
      case 'row':
      case 'figure':
        for (const c of e.children.filter(isElement)) visit(c, name === 'div' ? depth + 1 : depth);
        return;
      case 'titlePart':
      case 'docImprint':
      case 'idno':
      case 'trailer':
      case 'byline':
      case 'l':
      case 'cell':
      case 'label':
      case 'bibl':
        push(block(inlineItems(e.children, ctx), { align: 'left' }));
        return;
      default:
        unknown.set(name, (unknown.get(name) ?? 0) + 1);
        push(block(inlineItems(e.children, ctx)));
    }
  };
  for (const c of div.children) if (isElement(c)) visit(c, 0);
  if (pendingPages.length) out.push(block(pendingPages));
  return out;
}
