import { pageOfFirstWords, spanned } from '../../model/pages.ts';
import { displayText, readingText } from '../../model/reading-text.ts';
import {
  type AsideRole,
  type Block,
  type BlockRules,
  blockWith,
  type Inline,
  type InlineOf,
  type InlineRules,
  inlineWith,
  type ListItem,
  type Rendition,
} from '../../model/types.ts';
import { slug } from '../../text/slug.ts';
import {
  entryNumber,
  type Footnote,
  type HtmlContext,
  type HtmlRules,
  indexBlockText,
  type SearchParagraph,
  uniqueId,
} from './context.ts';
import { escapeAttr, escapeHtml } from './escape.ts';
import { figureHtml } from './figure.ts';
import { blank, splitAtMarkers } from './split-markers.ts';

/**
 * The model → HTML, as two tables (inline kinds, block kinds). The reading text is what the page
 * shows; what differs in the diplomatic text (a correction's original, a conjecture left open) is
 * in the page too (`.r` shown in the reading text only, `.d` in the diplomatic only), so the toggle
 * needs no reload. Editorial marks have a class each and words for screen readers
 * (`.visually-hidden`), which are not part of the reading text.
 */
export function newContext(rules: HtmlRules = HTML_RULES): HtmlContext {
  return { rules, notes: [], paragraphs: [], headings: [], usedIds: new Set(), nested: 0, sections: [] };
}

/**
 * The HTML of inline content. Spaces before a line break (a pretty-printer's indentation, often
 * split between two text nodes by a note lifted out or a link) go: HTML collapses white space anyway,
 * and a line ending in spaces is noise in the page (html-validate's no-trailing-whitespace).
 */
export const inlines = (nodes: Inline[], ctx: HtmlContext): string =>
  nodes
    .map((n) => inlineWith(ctx.rules.inline, n, ctx))
    .join('')
    .replace(/[ \t]+\n/g, '\n');

export function blocks(nodes: Block[], ctx: HtmlContext): string {
  let out = '';
  for (const b of nodes) {
    out += blockWith(ctx.rules.block, b, ctx);
    if (ctx.nested === 0 && ctx.rules.afterBlock) out += ctx.rules.afterBlock(ctx);
  }
  return out;
}

/** Whether `nestedBlocks` sets these blocks as blocks (anything but one paragraph, or nothing). */
export const setAsBlocks = (body: Block[]): boolean =>
  body.length > 1 || (body.length === 1 && body[0]?.kind !== 'paragraph');

/** The element holding a note's body: a span for words, a div for blocks (a span holds no `p`). */
export const noteBody = (html: string, block: boolean | undefined, className = 'note-body'): string =>
  block ? `<div class="${className}">${html}</div>` : `<span class="${className}">${html}</span>`;

/** Blocks inside a note, a list item or a cell: one paragraph is set inline, more keep their paragraphs. */
export function nestedBlocks(body: Block[], ctx: HtmlContext): string {
  ctx.nested++;
  const html = setAsBlocks(body)
    ? blocks(body, ctx)
    : inlines(body[0]?.kind === 'paragraph' ? body[0].children : [], ctx);
  ctx.nested--;
  return html;
}

/** A list item's own xml:id: its first paragraph's (read-block.ts gives it the item's). */
function itemId(item: ListItem): string | undefined {
  const first = item.blocks.find((b) => b.kind !== 'pageBreak');
  return first?.kind === 'paragraph' ? first.id : undefined;
}

/**
 * A link drawn around its words, closed before a marker inside them and opened again after it
 * (links cannot nest: a page marker and a note reference are links of their own). A run of white
 * space only stays outside any link: a link with no words is a link without a purpose (WCAG H30).
 */
function aroundMarkers(children: Inline[], ctx: HtmlContext, open: (first: boolean) => string): string {
  let first = true;
  const parts = splitAtMarkers(children);
  const hasWords = parts.some((p) => p.run && !blank(p.run));
  return (parts.length ? parts : [{ run: [] }])
    .map((part) => {
      if (part.marker) return inlines([part.marker], ctx);
      if (hasWords && blank(part.run ?? [])) return inlines(part.run ?? [], ctx);
      ctx.inLink = true;
      const content = inlines(part.run ?? [], ctx);
      ctx.inLink = false;
      const html = `${open(first)}${content}</a>`;
      first = false;
      return html;
    })
    .join('');
}

export const hidden = (words: string): string => `<span class="visually-hidden">${escapeHtml(words)}</span>`;
const pageId = (n: string): string => `p${n.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function footnoteRef(n: InlineOf<'footnote'>, ctx: HtmlContext): { id: string; refId: string } {
  const base = n.id ?? `note-${ctx.notes.length + 1}`;
  return { id: uniqueId(ctx, `fn-${base}`), refId: uniqueId(ctx, `fnref-${base}`) };
}

const EMPHASIS_TAGS = {
  italic: ['<i>', '</i>'],
  bold: ['<b>', '</b>'],
  strong: ['<strong>', '</strong>'],
  smallcaps: ['<span class="smallcaps">', '</span>'],
  underline: ['<u>', '</u>'],
  superscript: ['<sup>', '</sup>'],
  subscript: ['<sub>', '</sub>'],
} as const;

/** The classes of a rendition: `rend-` and each feature (`rend-center`, `rend-section-title`), then the values kept. */
export function rendClasses(rend: Rendition | undefined): string[] {
  if (!rend) return [];
  return [
    ...rend.features.map((f) => `rend-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
    ...(rend.classes ?? []),
  ];
}

/** ` class="…"` for these classes, or nothing. */
const classAttr = (classes: string[]): string =>
  classes.length ? ` class="${escapeAttr(classes.join(' '))}"` : '';

const CORRECTION_WORDS = {
  edition: 'Corrected by the editor from',
  regularization: 'Regularized from',
  expansion: 'Expanded from',
} as const;

export const HTML_INLINE: InlineRules<HtmlContext, string> = {
  text: (n) => escapeHtml(n.text),
  emphasis: (n, ctx) => {
    const [open, close] = EMPHASIS_TAGS[n.style];
    return `${open}${inlines(n.children, ctx)}${close}`;
  },
  citedTitle: (n, ctx) => `<cite>${inlines(n.children, ctx)}</cite>`,
  pageBreak: (n, ctx) => {
    ctx.page = n.n;
    const id = uniqueId(ctx, pageId(n.n));
    // (inside a link, where a marker could not be lifted out: still the page's anchor, not a link)
    if (ctx.inLink)
      return `<span class="pb" id="${id}" data-page="${escapeAttr(n.n)}">p. ${escapeHtml(n.n)}</span>`;
    return `<span class="pb" id="${id}" data-page="${escapeAttr(n.n)}"><a class="pb-link" href="#${id}" aria-label="p. ${escapeAttr(n.n)}: page of the print edition">p. ${escapeHtml(n.n)}</a></span>`;
  },
  footnote: (n, ctx) => {
    const { id, refId } = footnoteRef(n, ctx);
    const k = ctx.notes.length;
    ctx.notes.push({
      id,
      refId,
      n: n.n,
      html: '',
      block: setAsBlocks(n.body) || undefined,
      text: readingText(n.body).text,
      page: ctx.page,
    });
    (ctx.notes[k] as Footnote).html = nestedBlocks(n.body, ctx);
    return `<a class="noteref" id="${refId}" href="#${id}" role="doc-noteref" aria-label="Note ${escapeAttr(n.n)}">${escapeHtml(n.n)}</a>`;
  },
  editorialNote: (n, ctx) =>
    `<span class="editorial-note">${hidden("Editors' note: ")}[${inlines(n.children, ctx)}]</span>`,
  gap: (n) =>
    `<span class="gap">${hidden('Omission: ')}[<span class="gap-words">${escapeHtml(n.words)}</span>]</span>`,
  supplied: (n, ctx) =>
    n.conjecture
      ? `<span class="supplied conjecture"><span class="r">${hidden("Editors' conjecture: ")}[${inlines(n.children, ctx)}?]</span><span class="d">[…]</span></span>`
      : `<span class="supplied"><span class="r">${hidden('Supplied by the editors: ')}[${inlines(n.children, ctx)}]</span></span>`,
  correction: (n, ctx) => {
    const original = inlines(n.original, ctx);
    const corrected = inlines(n.corrected, ctx);
    if (n.by === 'source')
      return `<span class="correction source">${original}<span class="r"> ${hidden('corrected by the editors to ')}[${corrected}]</span></span>`;
    const title = `${CORRECTION_WORDS[n.by]} “${displayText(n.original)}”`;
    return `<span class="correction ${n.by}" title="${escapeAttr(title)}"><span class="r">${corrected}</span><span class="d">${original}</span></span>`;
  },
  link: (n, ctx) => {
    // A reference inside a reference keeps its text but not its link (links cannot nest).
    if (ctx.inLink) return `<span class="ref">${inlines(n.children, ctx)}</span>`;
    if ('external' in n.target) {
      const href = escapeAttr(n.target.external);
      return aroundMarkers(n.children, ctx, () => `<a class="external" href="${href}">`);
    }
    const href = ctx.resolve?.(n.target.internal);
    // (a pointer to the list of terms is a link to the term's item there)
    const kind = n.term ? 'internal term' : 'internal';
    if (href) return aroundMarkers(n.children, ctx, () => `<a class="${kind}" href="${escapeAttr(href)}">`);
    ctx.inLink = true;
    const content = inlines(n.children, ctx);
    ctx.inLink = false;
    return `<span class="ref">${content}</span>`;
  },
  name: (n, ctx) => `<span class="name ${n.type}">${inlines(n.children, ctx)}</span>`,
  mention: (n, ctx) => {
    const target = ctx.register?.(n.id);
    // The anchor the register page links to (a note's body, a list item, a cell are set once too).
    const id = ctx.usedIds.has(n.anchor) ? '' : ` id="${escapeAttr(uniqueId(ctx, n.anchor))}"`;
    // Inside a link (a contents entry) a mention is no link of its own, but still the place to land.
    if (!target || ctx.inLink)
      return `<span class="name ${n.entity}"${id}>${inlines(n.children, ctx)}</span>`;
    // The card (name and description) is drawn by the stylesheet from data-card on hover and focus.
    const attrs = `href="${escapeAttr(target.href)}" data-card="${escapeAttr(target.card)}"`;
    return aroundMarkers(
      n.children,
      ctx,
      (first) => `<a class="mention ${n.entity}"${first ? id : ''} ${attrs}>`,
    );
  },
  lineBreak: () => '<br>',
  span: (n, ctx) => {
    const id = n.id ? ` id="${escapeAttr(uniqueId(ctx, n.id))}"` : '';
    return `<span${classAttr([n.role, ...rendClasses(n.rend)])}${id}>${inlines(n.children, ctx)}</span>`;
  },
  unknown: (n, ctx) => `<span class="tei-unknown">${inlines(n.children, ctx)}</span>`,
};

const HEADINGS = {
  title: (content: string, tag: 'h1' | 'h2' = 'h1') => `<${tag} class="doc-title">${content}</${tag}>`,
  subtitle: (content: string) => `<p class="subtitle">${content}</p>`,
  section: (content: string) => `<h2 class="section-head">${content}</h2>`,
  // A division of the volume (a chapter, a part of it) heads the documents that follow it: a real
  // heading, h2 for a top division, one level more for each level below (at most h6).
  division: (content: string, _tag?: 'h1' | 'h2', level = 1) => {
    const tag = `h${Math.min(6, Math.max(2, level + 1))}`;
    return `<${tag} class="division-head">${content}</${tag}>`;
  },
} as const;

const LIST_CLASS = { dash: 'list dash', ordered: 'list ordered', plain: 'list' } as const;

const ASIDE_LABELS: Record<AsideRole, string> = {
  headnote: 'Headnote',
  questions: 'Questions for discussion',
  unitIntroduction: 'Introduction to the unit',
  readingList: 'Reading list',
  glossary: 'Abbreviations and terms',
};

export const HTML_BLOCK: BlockRules<HtmlContext, string> = {
  paragraph: (b, ctx) => {
    const start = pageOfFirstWords(b.children, ctx.page);
    const html = inlines(b.children, ctx);
    const classes = classAttr([...(b.continued ? ['cont'] : []), ...rendClasses(b.rend)]);
    // (a paragraph in an item, a note, a cell: its own xml:id anchored, what a pointer to it reaches)
    // (not when its list item carries it: an item's own id is the item's)
    if (ctx.nested > 0)
      return `<p${b.id && !ctx.usedIds.has(b.id) ? ` id="${escapeAttr(uniqueId(ctx, b.id))}"` : ''}${classes}>${html}</p>`;
    const anchor = uniqueId(ctx, b.id ?? `para-${entryNumber(ctx)}`);
    // found by search on the pages it is printed on (`12–13` when it runs over a page break)
    ctx.paragraphs.push({ anchor, page: spanned(start, ctx.page), text: displayText(b.children) });
    for (const h of ctx.headings ?? []) if (!h.anchor) h.anchor = anchor;
    return `<p id="${escapeAttr(anchor)}"${classes}>${html}</p>`;
  },
  heading: (b, ctx) => {
    const content = inlines(b.children, ctx);
    const text = displayText(b.children);
    if (b.role !== 'section' || ctx.nested > 0) {
      // (a heading with no anchor of its own is found at the paragraph after it)
      if (ctx.nested === 0 && b.role !== 'title') ctx.headings?.push({ anchor: '', page: ctx.page, text });
      return HEADINGS[b.role](content, ctx.titleTag, b.level);
    }
    // a section of the document: anchored, listed in the document's own contents, found by search
    const id = uniqueId(ctx, b.id ?? `section-${slug(text)}`);
    ctx.sections.push({ id, text, level: b.level });
    ctx.headings?.push({ anchor: id, page: ctx.page, text });
    return `<h2 class="section-head" id="${escapeAttr(id)}">${content}</h2>`;
  },
  // (its xml:id anchored: a FRUS document's "footnote 1" points to it, `ref target="#d35fn1"`)
  sourceNote: (b, ctx) =>
    `<p class="source-note"${b.id && ctx.nested === 0 ? ` id="${escapeAttr(uniqueId(ctx, b.id))}"` : ''}>${b.lines.map((l) => inlines(l, ctx)).join('<br>')}</p>`,
  editorialNote: (b, ctx) =>
    `<p class="editorial-note">${hidden("Editors' note: ")}[${inlines(b.children, ctx)}]</p>`,
  omission: (b) =>
    b.dots
      ? `<p class="gap-row">. . . . . . .${hidden(` (omission: ${b.words})`)}</p>`
      : `<p class="gap-block">${hidden('Omission: ')}[<span class="gap-words">${escapeHtml(b.words)}</span>]</p>`,
  pageBreak: (b, ctx) => `<div class="pb-block">${HTML_INLINE.pageBreak(b, ctx)}</div>`,
  list: (b, ctx) => {
    const head = b.head ? `<p class="list-head">${inlines(b.head, ctx)}</p>` : '';
    // A top-level item is anchored (`item-N`) and found by search on its own, on the pages its
    // words are printed on (an index's items run over many pages: each its own).
    const items = b.items
      .map((i) => {
        const top = ctx.nested === 0;
        // an item's xml:id (an index's `in20`, what its see-references point to), else `item-N`
        const own = itemId(i);
        const id = top || own ? uniqueId(ctx, own ?? `item-${entryNumber(ctx)}`) : '';
        const entry = top ? ctx.paragraphs.length : -1;
        if (top) indexBlockText(ctx, { kind: 'list', style: b.style, items: [i] }, id);
        const start = pageOfFirstWords(i.blocks, ctx.page);
        const marker = i.marker ? `<span class="marker">${escapeHtml(i.marker)}</span> ` : '';
        const label = i.label ? `<span class="label">${inlines(i.label, ctx)}</span> ` : '';
        const html = `<li${id ? ` id="${escapeAttr(id)}"` : ''}>${marker}${label}${nestedBlocks(i.blocks, ctx)}</li>`;
        const indexed = ctx.paragraphs[entry];
        if (indexed && entry >= 0) indexed.page = spanned(start, ctx.page);
        return html;
      })
      .join('');
    return `${head}<ul class="${LIST_CLASS[b.style]}">${items}</ul>`;
  },
  table: (b, ctx) => {
    // Each row of a top-level table is anchored (`table-N-row-R`) and found by search on its own
    // (the caption with the first row); the table counts once in the paragraphs' numbers.
    const table = entryNumber(ctx);
    let indexed = 0;
    const caption = b.head ? `<caption>${inlines(b.head, ctx)}</caption>` : '';
    // (each row found by search on the pages it is printed on: a long table runs over several)
    const rows = b.rows
      .map((r, row) => {
        let rowId = '';
        let entry: SearchParagraph | undefined;
        const start = pageOfFirstWords(
          r.flatMap((c) => c.blocks),
          ctx.page,
        );
        if (ctx.nested === 0) {
          const id = uniqueId(ctx, `table-${table}-row-${row + 1}`);
          const block: Block = { kind: 'table', head: row === 0 ? b.head : undefined, rows: [r] };
          if (indexBlockText(ctx, block, id, start)) {
            indexed++;
            entry = ctx.paragraphs.at(-1);
          }
          rowId = ` id="${escapeAttr(id)}"`;
        }
        // A row of header cells heads the columns; a header cell that starts a row of data heads its row.
        const headerRow = r.every((c) => c.header);
        const cells = r.map((c, k) => {
          const tag = c.header ? 'th' : 'td';
          const span = c.span > 1 ? ` colspan="${c.span}"` : '';
          const scope = !c.header ? '' : headerRow ? ' scope="col"' : k === 0 ? ' scope="row"' : '';
          return `<${tag}${scope}${span}>${nestedBlocks(c.blocks, ctx)}</${tag}>`;
        });
        if (entry) entry.page = spanned(start, ctx.page);
        return `<tr${rowId}>${cells.join('')}</tr>`;
      })
      .join('');
    ctx.extraRows = (ctx.extraRows ?? 0) + Math.max(0, indexed - 1);
    // A table wider than the page scrolls sideways in its frame: the frame takes the keyboard's focus,
    // so it can be scrolled without a mouse (WCAG 2.1.1, axe scrollable-region-focusable), and is a
    // region named uniquely on its page (html-validate unique-landmark): `Table 2: caption`.
    ctx.tables = (ctx.tables ?? 0) + 1;
    const name = `Table ${ctx.tables}${b.head ? `: ${displayText(b.head).replace(/\s+/g, ' ').trim()}` : ''}`;
    return `<section class="table-wrap" tabindex="0" aria-label="${escapeAttr(name)}"><table>${caption}<tbody>${rows}</tbody></table></section>`;
  },
  quote: (b, ctx) => `<blockquote>${blocks(b.children, ctx)}</blockquote>`,
  dateline: (b, ctx) => `<p class="dateline">${inlines(b.children, ctx)}</p>`,
  opener: (b, ctx) => `<div class="opener">${blocks(b.children, ctx)}</div>`,
  closer: (b, ctx) => `<div class="closer">${blocks(b.children, ctx)}</div>`,
  postscript: (b, ctx) => `<div class="postscript">${blocks(b.children, ctx)}</div>`,
  // A reader's own words beside the documents, set apart (a labelled region, not an aside: an
  // aside inside main is not a top-level landmark).
  aside: (b, ctx) =>
    `<section class="reader-aside reader-${b.role}" aria-label="${ASIDE_LABELS[b.role]}"${b.id ? ` id="${escapeAttr(uniqueId(ctx, b.id))}"` : ''}>${blocks(b.children, ctx)}</section>`,
  attachment: (b, ctx) =>
    `<section class="attachment"${b.id ? ` id="${escapeAttr(uniqueId(ctx, b.id))}"` : ''}>${blocks(b.children, ctx)}</section>`,
  division: (b, ctx) =>
    `<section class="section"${b.id ? ` id="${escapeAttr(uniqueId(ctx, b.id))}"` : ''}>${blocks(b.children, ctx)}</section>`,
  // (a verse line's printed number after its words, set in the margin by the style sheet)
  line: (b, ctx) =>
    `<p${classAttr([b.role, ...rendClasses(b.rend)])}>${inlines(b.children, ctx)}${b.number ? ` <span class="line-number">${escapeHtml(b.number)}</span>` : ''}</p>`,
  figure: (b, ctx) =>
    figureHtml(b, ctx.figures, inlines(b.caption, ctx), b.id ? uniqueId(ctx, b.id) : undefined),
  boilerplate: () => '', // web-page boilerplate and running heads: kept in the TEI, out of the reading text
  unanchoredNote: (b, ctx) => {
    const id = uniqueId(ctx, `fn-${b.id ?? `note-${ctx.notes.length + 1}`}`);
    const k = ctx.notes.length;
    ctx.notes.push({
      id,
      n: b.n,
      html: '',
      block: setAsBlocks(b.body) || undefined,
      text: readingText(b.body).text,
      page: ctx.page,
    });
    (ctx.notes[k] as Footnote).html = nestedBlocks(b.body, ctx);
    return '';
  },
  unknown: (b, ctx) => `<div class="tei-unknown">${blocks(b.children, ctx)}</div>`,
};

export const HTML_RULES: HtmlRules = { inline: HTML_INLINE, block: HTML_BLOCK };
