import { displayText, readingText } from '../../model/reading-text.ts';
import type { InlineOf } from '../../model/types.ts';
import { type HtmlContext, type HtmlRules, uniqueId } from '../html/context.ts';
import {
  footnoteRef,
  HTML_BLOCK,
  HTML_INLINE,
  inlines,
  nestedBlocks,
  setAsBlocks,
} from '../html/elements.ts';
import { escapeAttr, escapeHtml } from '../html/escape.ts';

/**
 * The EPUB drawing of the model: the HTML tables with the entries an e-book needs replaced (as one
 * overrides a markdown-it renderer rule). Notes become EPUB 3 pop-up footnotes after the block
 * that refers to them, page breaks doc-pagebreak markers, and only the reading text is shown (an
 * e-book has no toggle).
 */
export interface EpubPage {
  n: string;
  id: string;
}

export interface EpubContext extends HtmlContext {
  pending: string[]; // footnote asides waiting for the end of the block that refers to them
  pages: EpubPage[];
  endnotes: { id: string; n: string; html: string; block?: boolean }[]; // full texts of notes too long to pop up
}

/** Longer notes pop up truncated with a link to their full text at the end of the book. */
export const POPUP_LIMIT = 1200;

function aside(
  ctx: EpubContext,
  id: string,
  refId: string | undefined,
  n: string,
  html: string,
  plain: string,
  block?: boolean,
) {
  const back = refId ? `<a href="#${refId}">${escapeHtml(n)}</a> ` : `${escapeHtml(n)} `;
  if (plain.length <= POPUP_LIMIT) {
    return `<aside epub:type="footnote" role="doc-footnote" id="${id}"><div class="note">${back}${html}</div></aside>`;
  }
  const endId = `end-${id}`;
  ctx.endnotes.push({ id: endId, n, html, ...(block ? { block } : {}) });
  const cut = escapeHtml(plain.slice(0, POPUP_LIMIT).replace(/\s+\S*$/, ''));
  return `<aside epub:type="footnote" role="doc-footnote" id="${id}"><div class="note">${back}${cut} … <a href="notes.xhtml#${endId}">(the whole note)</a></div></aside>`;
}

const footnote = (n: InlineOf<'footnote'>, c: HtmlContext): string => {
  const ctx = c as EpubContext;
  const { id, refId } = footnoteRef(n, ctx);
  const html = nestedBlocks(n.body, ctx);
  const block = setAsBlocks(n.body) || undefined;
  ctx.notes.push({ id, refId, n: n.n, html, block });
  ctx.pending.push(aside(ctx, id, refId, n.n, html, readingText(n.body).text, block));
  return `<a epub:type="noteref" role="doc-noteref" class="noteref" id="${refId}" href="#${id}">${escapeHtml(n.n)}</a>`;
};

const pageBreak = (n: { n: string }, c: HtmlContext): string => {
  const ctx = c as EpubContext;
  const id = uniqueId(ctx, `page${n.n.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  ctx.pages.push({ n: n.n, id });
  return `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${escapeAttr(n.n)}" class="pb">${escapeHtml(n.n)}</span>`;
};

export const EPUB_RULES: HtmlRules = {
  inline: {
    ...HTML_INLINE,
    footnote,
    pageBreak,
    // What the HTML says to screen readers in a visually hidden span is here the element's title
    // (its accessible description): a reading system that ignores the book's CSS would show the
    // span's words in the text; a title it shows, if at all, as a tooltip.
    supplied: (n, ctx) =>
      `<span class="supplied${n.conjecture ? ' conjecture' : ''}" title="${n.conjecture ? 'Editors’ conjecture' : 'Supplied by the editors'}">[${inlines(n.children, ctx)}${n.conjecture ? '?' : ''}]</span>`,
    editorialNote: (n, ctx) =>
      `<span class="editorial-note" title="Editors’ note">[${inlines(n.children, ctx)}]</span>`,
    gap: (n) =>
      `<span class="gap" title="Omission">[<span class="gap-words">${escapeHtml(n.words)}</span>]</span>`,
    // A mention is an anchor for the index (EPUB Indexes 1.0); in a note, the index links to the
    // note's aside (a long note's body is in another file, "Notes in full").
    mention: (n, ctx) =>
      `<span class="name ${n.entity}"${ctx.usedIds.has(n.anchor) ? '' : ` id="${escapeAttr(uniqueId(ctx, n.anchor))}"`}>${inlines(n.children, ctx)}</span>`,
    correction: (n, ctx) => {
      const corrected = inlines(n.corrected, ctx);
      if (n.by === 'source')
        return `<span class="correction source">${inlines(n.original, ctx)} <span title="corrected by the editors to">[${corrected}]</span></span>`;
      return `<span class="correction ${n.by}" title="${escapeAttr(`corrected from “${displayText(n.original)}”`)}">${corrected}</span>`;
    },
  },
  block: {
    ...HTML_BLOCK,
    pageBreak: (b, ctx) => `<div class="pb-block">${pageBreak(b, ctx)}</div>`,
    editorialNote: (b, ctx) =>
      `<p class="editorial-note" title="Editors’ note">[${inlines(b.children, ctx)}]</p>`,
    omission: (b) =>
      b.dots
        ? `<p class="gap-row" title="${escapeAttr(`Omission: ${b.words}`)}">. . . . . . .</p>`
        : `<p class="gap-block" title="Omission">[<span class="gap-words">${escapeHtml(b.words)}</span>]</p>`,
    unanchoredNote: (b, c) => {
      const ctx = c as EpubContext;
      const id = uniqueId(ctx, `fn-${b.id ?? `note-${ctx.pending.length + 1}`}`);
      const html = nestedBlocks(b.body, ctx);
      ctx.pending.push(aside(ctx, id, undefined, b.n, html, readingText(b.body).text, setAsBlocks(b.body)));
      return '';
    },
  },
  afterBlock: (c) => {
    const ctx = c as EpubContext;
    const out = ctx.pending.join('');
    ctx.pending = [];
    return out;
  },
};

export function newEpubContext(): EpubContext {
  return {
    rules: EPUB_RULES,
    notes: [],
    paragraphs: [],
    usedIds: new Set(),
    nested: 0,
    sections: [],
    pending: [],
    pages: [],
    endnotes: [],
  };
}
