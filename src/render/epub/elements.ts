import type { TeiElement } from '../../tei/node.ts';
import { inlineText } from '../../tei/text.ts';
import { desc, type Handler, HTML_HANDLERS, type HtmlContext, inline, uniqueId } from '../html/elements.ts';
import { escapeAttr, escapeHtml } from '../html/escape.ts';

/**
 * The EPUB drawing of the TEI elements: the HTML table with the entries an e-book needs
 * overridden (as one overrides a markdown-it renderer rule). Notes become EPUB 3 pop-up
 * footnotes, page breaks become doc-pagebreak markers, and the reading text is shown (an e-book
 * has no toggle).
 */
export interface EpubPage {
  n: string;
  id: string;
}

export interface EpubContext extends HtmlContext {
  pending: string[]; // footnote asides waiting for the end of the block that refers to them
  pages: EpubPage[];
  endnotes: { id: string; n: string; html: string }[]; // full texts of notes too long to pop up
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
): string {
  const back = refId ? `<a href="#${refId}">${escapeHtml(n)}</a> ` : `${escapeHtml(n)}. `;
  if (plain.length <= POPUP_LIMIT) {
    return `<aside epub:type="footnote" role="doc-footnote" id="${id}"><p>${back}${html}</p></aside>`;
  }
  const endId = `end-${id}`;
  ctx.endnotes.push({ id: endId, n, html });
  const cut = escapeHtml(plain.slice(0, POPUP_LIMIT).replace(/\s+\S*$/, ''));
  return `<aside epub:type="footnote" role="doc-footnote" id="${id}"><p>${back}${cut} … <a href="notes.xhtml#${endId}">(the whole note)</a></p></aside>`;
}

const note: Handler = (e, c, where, parent) => {
  const ctx = c as EpubContext;
  const { type, place } = e.attrs;
  const isFootnote = type !== 'source' && type !== 'editorial' && place !== 'inline';
  if (!isFootnote || type === 'unanchored') {
    if (type === 'unanchored') {
      const id = uniqueId(ctx, `fn-${e.attrs['xml:id'] ?? `note-${ctx.pending.length + 1}`}`);
      ctx.pending.push(aside(ctx, id, undefined, e.attrs.n ?? '', inline(e, ctx), inlineText(e.children)));
      return '';
    }
    return (HTML_HANDLERS.note as Handler)(e, ctx, where, parent);
  }
  const base = e.attrs['xml:id'] ?? `note-${ctx.notes.length + 1}`;
  const id = uniqueId(ctx, `fn-${base}`);
  const refId = uniqueId(ctx, `fnref-${base}`);
  const n = e.attrs.n ?? String(ctx.notes.length + 1);
  const html = inline(e, ctx);
  ctx.notes.push({ id, refId, n, html });
  ctx.pending.push(aside(ctx, id, refId, n, html, inlineText(e.children)));
  return `<a epub:type="noteref" role="doc-noteref" class="noteref" id="${refId}" href="#${id}">${escapeHtml(n)}</a>`;
};

const pageBreak: Handler = (e, c, where) => {
  const ctx = c as EpubContext;
  const n = e.attrs.n ?? '';
  if (!n) return '';
  const id = uniqueId(ctx, `page${n.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  ctx.pages.push({ n, id });
  const marker = `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${escapeAttr(n)}" class="pb">${escapeHtml(n)}</span>`;
  return where === 'block' ? `<div class="pb-block">${marker}</div>` : marker;
};

const choice: Handler = (e, ctx) => {
  const part = (name: string): TeiElement | undefined =>
    e.children.find((c): c is TeiElement => typeof c !== 'string' && c.name.endsWith(name));
  const corr = part('corr') ?? part('reg') ?? part('expan');
  const sic = part('sic') ?? part('orig') ?? part('abbr');
  const title = sic ? ` title="${escapeAttr(`corrected from “${inlineText(sic.children)}”`)}"` : '';
  return `<span class="corr"${title}>${corr ? inline(corr, ctx) : ''}</span>`;
};

const supplied: Handler = (e, ctx) =>
  e.attrs.cert === 'low' || e.attrs.reason === 'conjecture'
    ? `<span class="conjecture" title="conjecture of the editors">[${inline(e, ctx)}?]</span>`
    : `<span class="supplied">[${inline(e, ctx)}]</span>`;

const gap: Handler = (e, _ctx, where) => {
  const words = desc(e) || e.attrs.reason?.replace(/-/g, ' ') || 'text omitted';
  if (where === 'block' || e.attrs.rend === 'dots') {
    return `<p class="gap-row" title="${escapeAttr(`Omission: ${words}`)}">. . . . . . .<span class="visually-hidden"> (omission: ${escapeHtml(words)})</span></p>`;
  }
  return `<span class="gap" title="${escapeAttr(`Omission: ${words}`)}">[…]<span class="visually-hidden"> (omission: ${escapeHtml(words)})</span></span>`;
};

export const EPUB_HANDLERS: Record<string, Handler> = {
  ...HTML_HANDLERS,
  note,
  pb: pageBreak,
  choice,
  supplied,
  gap,
};

export function newEpubContext(unknown: Map<string, number>): EpubContext {
  return {
    handlers: EPUB_HANDLERS,
    afterBlock: (c) => {
      const ctx = c as EpubContext;
      const out = ctx.pending.join('');
      ctx.pending = [];
      return out;
    },
    notes: [],
    paragraphs: [],
    unknown,
    usedIds: new Set(),
    headsSeen: 0,
    pending: [],
    pages: [],
    endnotes: [],
  };
}
