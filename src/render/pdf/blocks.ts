import {
  type Block,
  type BlockRules,
  blockWith,
  type Inline,
  type InlineRules,
  inlineWith,
  type RendFeature,
} from '../../model/types.ts';
import type { FigureImages } from '../figures.ts';
import {
  anchored,
  block,
  bracketed,
  type Ctx,
  type Item,
  italicOf,
  type PdfBlock,
  REGULAR,
  smallCaps,
  type TableRow,
  text,
} from './block-types.ts';
import { figureBlocks } from './figure-blocks.ts';
import { ASIDE_INDENT, type Flow, push, small, spaced } from './flow.ts';
import type { FontStyle } from './fonts.ts';
import { DEFAULT_SPACING, type Spacing } from './spacing.ts';

export {
  block,
  type Item,
  type Opening,
  type PdfBlock,
  type TableRow,
  type TypeRole,
} from './block-types.ts';

/**
 * The model → the print edition's blocks and inline items, as two tables (the PDF's drawing of the
 * same kinds the HTML and EPUB draw). Inline items carry their font style; notes carry their own
 * items; page breaks are markers between items. The reading text is the source edition's:
 * omissions with the editors' words in brackets, corrections as `of [on]`, conjectures `[by?]`.
 */
const items = (nodes: Inline[], ctx: Ctx): Item[] => nodes.flatMap((n) => inlineWith(PDF_INLINE, n, ctx));
const styled = (nodes: Inline[], style: FontStyle): Item[] => items(nodes, { style });

/**
 * A note's body as one run of items, its blocks separated by line breaks; a table in it (or in a
 * table's cell) a row to a line, its cells set apart by wide spaces.
 */
function noteItems(body: Block[]): Item[] {
  const out: Item[] = [];
  for (const b of documentBlocks(body)) {
    if (out.length) out.push({ kind: 'break' });
    out.push(...b.items);
    b.table?.forEach((row, r) => {
      if (r > 0 || b.items.length) out.push({ kind: 'break' });
      row.forEach((cell, k) => {
        if (k) out.push(...text('\u2003\u2003', REGULAR));
        out.push(...cell.items);
      });
    });
  }
  return out;
}

const PDF_INLINE: InlineRules<Ctx, Item[]> = {
  text: (n, ctx) => text(n.text, ctx),
  emphasis: (n, ctx) => {
    switch (n.style) {
      case 'italic':
        return styled(n.children, italicOf(ctx));
      case 'bold':
      case 'strong':
        return styled(n.children, 'bold');
      case 'smallcaps':
        return smallCaps(items(n.children, ctx));
      case 'underline':
      case 'superscript':
      case 'subscript':
        return items(n.children, ctx);
    }
  },
  citedTitle: (n, ctx) => styled(n.children, italicOf(ctx)),
  pageBreak: (n) => [{ kind: 'pb', n: n.n, id: n.id }],
  footnote: (n) => [{ kind: 'note', label: n.n, items: noteItems(n.body), id: n.id }],
  editorialNote: (n, ctx) => bracketed(items(n.children, ctx), ctx),
  // the editors' words in italics inside upright brackets, as FRUS prints them
  gap: (n, ctx) => bracketed(text(n.words, { style: italicOf(ctx) }), ctx),
  supplied: (n, ctx) => bracketed(items(n.children, ctx), ctx, n.conjecture ? '?]' : ']'),
  correction: (n, ctx) =>
    n.by === 'source'
      ? [...items(n.original, ctx), ...text(' ', ctx), ...bracketed(items(n.corrected, ctx), ctx)]
      : items(n.corrected, ctx),
  link: (n, ctx) => {
    // an internal cross-reference is followed by the page of the PDF where its target is (a link
    // to it); a URL's words are a link to it
    // (a pointer to the list of terms is its words in print: the term is explained there, not
    // referred to, and a page after each abbreviation would interrupt every sentence)
    if ('internal' in n.target && n.term) return items(n.children, ctx);
    // (a see-reference to another item of its list, an index's `See Pahlavi`: its words, a link to
    // the item, and no page number, which would read as one of the entry's pages)
    if ('internal' in n.target && n.see) {
      const target = n.target.internal;
      return items(n.children, ctx).map((i) => (i.kind === 'text' ? { ...i, ref: target } : i));
    }
    if ('internal' in n.target)
      return [...items(n.children, ctx), { kind: 'pageref', target: n.target.internal, style: ctx.style }];
    const uri = n.target.external;
    return items(n.children, ctx).map((i) => (i.kind === 'text' ? { ...i, uri } : i));
  },
  name: (n, ctx) => items(n.children, ctx),
  // The page of the mention's last word is recorded for the back-of-book index
  // (src/render/pdf/register-index.ts): a name broken across two pages (`Winthrop G. | Brown`) is
  // indexed on the page its surname is printed on, where a reader looking for it finds it.
  mention: (n, ctx) => [
    { kind: 'open', id: n.anchor },
    ...items(n.children, ctx),
    { kind: 'anchor', id: n.anchor },
  ],
  lineBreak: () => [{ kind: 'break' }],
  span: (n, ctx) => items(n.children, ctx),
  unknown: (n, ctx) => items(n.children, ctx),
};

const children = (nodes: Block[], flow: Flow, indent = 0): void => {
  flow.leftIndent += indent;
  for (const b of nodes) blockWith(PDF_BLOCK, b, flow);
  flow.leftIndent -= indent;
};

/** How far a paragraph rendered `indent` stands in (points). */
const INDENT = 18;

/** A block's features that are a look of type, applied to its words (italic, bold, small capitals). */
function rendered(nodes: Inline[], features: RendFeature[]): Item[] {
  const style: FontStyle = features.includes('italic')
    ? 'italic'
    : features.includes('bold') || features.includes('strong')
      ? 'bold'
      : 'regular';
  const list = styled(nodes, style);
  return features.includes('smallcaps') ? smallCaps(list) : list;
}

/** A block's alignment from its features: centred, right-aligned, else justified (its first line indented unless `flush`). */
function aligned(features: RendFeature[], flush: boolean): Pick<PdfBlock, 'align' | 'indent'> {
  if (features.includes('center')) return { align: 'center', indent: 0 };
  if (features.includes('right')) return { align: 'right', indent: 0 };
  if (features.includes('sectionTitle')) return { align: 'left', indent: 0 };
  return { align: 'justify', indent: flush || features.includes('indent') ? 0 : 1 };
}

export const PDF_BLOCK: BlockRules<Flow, void> = {
  paragraph: (b, flow) => {
    const rend = b.rend?.features ?? [];
    if (rend.length) {
      // a rendition: a section's title set as a heading of the text, a centred or right-aligned
      // line (a title block: NIE 34–64 / IRAN / Conclusions), a paragraph indented as a whole
      const title = rend.includes('sectionTitle');
      push(
        flow,
        block([...anchored(b.id), ...rendered(b.children, rend)], {
          ...aligned(rend, b.continued || flow.afterHeading || title),
          ...(title ? { keepWithNext: true, spaceBefore: flow.spacing.heading / 2 } : {}),
          ...(rend.includes('indent') ? { leftIndent: INDENT } : {}),
        }),
      );
      flow.afterHeading = title;
      return;
    }
    push(
      flow,
      block([...anchored(b.id), ...items(b.children, REGULAR)], {
        indent: flow.afterHeading || b.continued ? 0 : 1,
      }),
    );
    flow.afterHeading = false;
  },
  heading: (b, flow) => {
    const list = items(b.children, REGULAR);
    switch (b.role) {
      case 'title':
        push(
          flow,
          block(list, {
            tag: 'H1',
            type: 'title',
            align: 'left',
            keepWithNext: true,
            spaceBefore: flow.spacing.title,
            spaceAfter: flow.spacing.afterHeading,
          }),
        );
        break;
      case 'subtitle':
        push(flow, small(styled(b.children, 'italic'), { keepWithNext: true }));
        break;
      case 'section':
        push(
          flow,
          block(list, {
            tag: 'H2',
            type: 'heading',
            align: 'left',
            keepWithNext: true,
            spaceBefore: flow.spacing.heading,
            spaceAfter: flow.spacing.afterHeading,
          }),
        );
        break;
      case 'division':
        push(
          flow,
          block(smallCaps(list), { tag: 'H2', type: 'heading', align: 'center', keepWithNext: true }),
        );
        break;
    }
    flow.afterHeading = true;
  },
  sourceNote: (b, flow) => {
    b.lines.forEach((line, k) => {
      push(
        flow,
        small([...(k === 0 ? anchored(b.id) : []), ...items(line, REGULAR)], {
          keepWithNext: flow.afterHeading,
          spaceBefore: k === 0 ? 0.25 : 0,
        }),
      );
    });
  },
  editorialNote: (b, flow) => push(flow, small(bracketed(items(b.children, REGULAR), REGULAR))),
  omission: (b, flow) =>
    push(
      flow,
      b.dots
        ? block(text('. . . . . . .', REGULAR), { align: 'center', spaceScale: 4 })
        : block(bracketed(text(b.words, { style: 'italic' }), REGULAR), { align: 'center' }),
    ),
  pageBreak: (b, flow) => {
    flow.pendingPages.push({ kind: 'pb', n: b.n, id: b.id });
  },
  list: (b, flow) => {
    if (b.head)
      push(
        flow,
        block(smallCaps(items(b.head, REGULAR)), { align: 'left', keepWithNext: true, spaceBefore: 0.5 }),
      );
    b.items.forEach((item) => {
      const mark = item.marker ? `${item.marker} ` : '';
      const label = item.label ? [...items(item.label, REGULAR), ...text(' ', REGULAR)] : [];
      const [first, ...rest] = documentBlocks(item.blocks, undefined, flow.images);
      push(
        flow,
        block([...text(mark, REGULAR), ...label, ...(first?.items ?? [])], {
          tag: 'LI',
          align: 'left',
          leftIndent: 14,
        }),
      );
      for (const more of rest) push(flow, { ...more, tag: 'LI', leftIndent: more.leftIndent + 14 });
    });
    flow.afterHeading = false;
  },
  table: (b, flow) => {
    if (b.head)
      push(
        flow,
        block(smallCaps(items(b.head, REGULAR)), { align: 'left', keepWithNext: true, spaceBefore: 0.5 }),
      );
    // Set in columns by the paginator (table.ts); header cells in bold.
    const rows: TableRow[] = b.rows.map((row) =>
      row.map((cell) => {
        const list = noteItems(cell.blocks);
        return {
          items: cell.header
            ? list.map((i) => (i.kind === 'text' ? { ...i, style: 'bold' as const } : i))
            : list,
          header: cell.header,
          span: Math.max(1, cell.span),
        };
      }),
    );
    push(flow, block([], { align: 'left', table: rows, spaceBefore: flow.spacing.table }));
    flow.afterHeading = false;
  },
  quote: (b, flow) => children(b.children, flow, 16),
  // (a document's dateline, after its title and source note, is kept with them and what follows)
  dateline: (b, flow) =>
    push(
      flow,
      block(styled(b.children, 'italic'), {
        align: 'right',
        spaceBefore: flow.spacing.dateline,
        keepWithNext: flow.afterHeading,
      }),
    ),
  opener: (b, flow) => spaced(flow, flow.spacing.opener, () => children(b.children, flow)),
  closer: (b, flow) => spaced(flow, flow.spacing.closer, () => children(b.children, flow)),
  postscript: (b, flow) => children(b.children, flow),
  attachment: (b, flow) => {
    flow.afterHeading = true;
    children(b.children, flow);
  },
  division: (b, flow) => children(b.children, flow),
  // A reader's own words (headnote, questions, a unit's introduction and reading list): set apart
  // from the documents' text, in the smaller type, indented from both margins.
  aside: (b, flow) => {
    const outer = flow.aside;
    flow.aside = true;
    flow.afterHeading = true;
    const first = flow.out.length;
    children(b.children, flow, ASIDE_INDENT);
    const opening = flow.out[first];
    if (opening) opening.spaceBefore = Math.max(opening.spaceBefore, 1);
    flow.aside = outer;
    flow.afterHeading = true;
  },
  line: (b, flow) => {
    // (a line's rendition: its alignment and indent over its role's)
    const rend = b.rend?.features ?? [];
    const over: Partial<PdfBlock> = {
      ...(rend.includes('center') ? { align: 'center' } : rend.includes('right') ? { align: 'right' } : {}),
      ...(rend.includes('indent') ? { leftIndent: INDENT } : {}),
    };
    const words = (nodes: Inline[]): Item[] => (rend.length ? rendered(nodes, rend) : items(nodes, REGULAR));
    switch (b.role) {
      case 'salute':
        push(flow, block(words(b.children), { align: 'right', spaceBefore: 0.5, ...over }));
        return;
      case 'signed':
        push(flow, block(smallCaps(words(b.children)), { align: 'right', ...over }));
        return;
      case 'caption':
        push(flow, small(words(b.children), { align: 'center', ...over }));
        return;
      default: {
        // (a verse line's printed number after its words, an em space apart)
        const number: Inline[] = b.number ? [{ kind: 'text', text: `\u2003${b.number}` }] : [];
        push(flow, block(words([...b.children, ...number]), { align: 'left', ...over }));
      }
    }
  },
  figure: (b, flow) => {
    const flushPages = (): void => {
      if (flow.pendingPages.length) flow.out.push(block(flow.pendingPages));
      flow.pendingPages = [];
    };
    for (const f of figureBlocks(b, flow.images, small, items(b.caption, REGULAR), flushPages)) push(flow, f);
  },
  boilerplate: () => {}, // web-page boilerplate and running heads: kept in the TEI, out of the print
  unanchoredNote: (b, flow) => {
    // a note with no reference: set as a note of the last block
    const note: Item = {
      kind: 'note',
      label: b.n || '*',
      items: noteItems(b.body),
      id: b.id,
      unmarked: true,
    };
    const last = flow.out.at(-1);
    if (last) last.items.push(note);
    else push(flow, block([note]));
  },
  unknown: (b, flow) => children(b.children, flow),
};

/** The print blocks of a document (or the introduction, or a note's body). */
export function documentBlocks(
  nodes: Block[],
  spacing: Spacing = DEFAULT_SPACING,
  images?: FigureImages,
): PdfBlock[] {
  const flow: Flow = { spacing, out: [], pendingPages: [], afterHeading: true, leftIndent: 0 };
  if (images) flow.images = images;
  for (const b of nodes) blockWith(PDF_BLOCK, b, flow);
  if (flow.pendingPages.length) flow.out.push(block(flow.pendingPages));
  return flow.out;
}
