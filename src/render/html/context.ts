import type { Locator } from '../../model/pages.ts';
import { BLOCK_TEXT, displayText } from '../../model/reading-text.ts';
import { type Block, type BlockRules, blockWith, type InlineRules } from '../../model/types.ts';
import { forEachNode } from '../../model/walk.ts';
import type { HtmlFigures } from './figure.ts';

// What the HTML rules (elements.ts) carry from element to element of a page: its notes, its search
// entries, its ids, and what the page's writer tells them.

export interface Footnote {
  id: string; // of the note's <li>
  refId?: string; // of the reference (none for an unanchored note)
  n: string;
  html: string;
  /** The note's body is blocks (paragraphs, a list, a quotation …), not one paragraph's words. */
  block?: boolean;
  text?: string; // the note's reading text (the HTML edition's search index)
  page?: string; // the page its reference stands on
}

export interface SearchParagraph {
  anchor: string;
  page?: string;
  text: string;
  /** What it is when not a paragraph: `l` a list item, `w` a table row, `t` a term of a list of terms. */
  kind?: 'l' | 'w' | 't';
  /** A term's own words (the index searches them as a heading). */
  head?: string;
}

export interface HtmlRules {
  inline: InlineRules<HtmlContext, string>;
  block: BlockRules<HtmlContext, string>;
  /** What follows each top-level block (EPUB: the footnotes it refers to). */
  afterBlock?: (ctx: HtmlContext) => string;
}

export interface HtmlContext {
  rules: HtmlRules;
  notes: Footnote[];
  paragraphs: SearchParagraph[];
  /**
   * Search entries beyond a table's first (one per row): a paragraph's number (`para-N`) counts a
   * table once, as it did when a table was one entry, so the paragraphs' anchors stay the same.
   */
  extraRows?: number;
  /** Section and division heads, for the search index; a head lands on the paragraph after it. */
  headings?: SearchParagraph[];
  usedIds: Set<string>;
  page?: string; // the page the text has reached (for search results and citations)
  resolve?: (id: string) => string | undefined; // an xml:id → the URL of what it names
  inLink?: boolean; // inside a link: a nested reference must not be one
  nested: number; // > 0 inside a note, a list item or a table cell (no anchors, no footnote asides there)
  /** The section headings met, for the document's own contents. */
  sections: { id: string; text: string; level: number }[];
  /** A title is the page's h1 (a document page), or an h2 under it (the introduction on the contents page). */
  titleTag?: 'h1' | 'h2';
  /** A register entry's page and the words of its card; none: the mention is set as a plain name. */
  register?: (id: string) => { href: string; card: string } | undefined;
  /** The figures' images this page may show, and those it drew (figure.ts); none: placeholders. */
  figures?: HtmlFigures;
  /** The tables drawn so far on the page (each one's frame is named by its number). */
  tables?: number;
}

/** For each page's ids, the next suffix to try for a base (ids are never taken back). */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/**
 * An id not yet used on the page: the base, else `base-2`, `base-3` …. The search goes on from
 * the suffix the base last had, so ten thousand markers of one page number (`p7`) cost ten
 * thousand tries, not fifty million.
 */
export const uniqueId = (ctx: HtmlContext, base: string): string => {
  let id = base;
  if (ctx.usedIds.has(id)) {
    const next = nextSuffix.get(ctx.usedIds) ?? new Map<string, number>();
    nextSuffix.set(ctx.usedIds, next);
    let k = next.get(base) ?? 2;
    for (id = `${base}-${k}`; ctx.usedIds.has(id); k++) id = `${base}-${k + 1}`;
    next.set(base, k + 1);
  }
  ctx.usedIds.add(id);
  return id;
};

/** The number the next search entry of the text takes (`para-N`, `item-N`, `table-N-row-R`). */
export const entryNumber = (ctx: HtmlContext): number => ctx.paragraphs.length - (ctx.extraRows ?? 0) + 1;

/**
 * A list item's or a table row's words for the search index, at its own anchor (a hit lands on
 * the item or the row). Nothing inside a note, an item or a cell (they have no anchors).
 */
export function indexBlockText(
  ctx: HtmlContext,
  block: Block,
  anchor: string,
  page: Locator | undefined = ctx.page,
): boolean {
  const text = blockWith(BLOCK_TEXT, block, { notes: [], labels: false }).replace(/\s+/g, ' ').trim();
  if (!text) return false;
  if (block.kind === 'table') {
    ctx.paragraphs.push({ anchor, page, text, kind: 'w' });
    return true;
  }
  // an item of a list of terms (`<term>` in it): a result of its own kind, found by the term
  let term = '';
  if (block.kind === 'list')
    forEachNode(
      block.items.flatMap((i) => i.blocks),
      (n) => {
        if (!term && n.kind === 'span' && n.role === 'term') term = displayText(n.children).trim();
      },
    );
  ctx.paragraphs.push(
    term ? { anchor, page, text, kind: 't', head: term } : { anchor, page, text, kind: 'l' },
  );
  return true;
}
