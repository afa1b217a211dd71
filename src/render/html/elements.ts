import { isElement, type TeiElement, type TeiNode } from '../../tei/node.ts';
import { localName } from '../../tei/read.ts';
import { inlineText } from '../../tei/text.ts';
import { escapeAttr, escapeHtml } from './escape.ts';

/**
 * TEI → HTML, in one place: a table from element name to how it is drawn. The reading text and
 * the diplomatic text are both in the page (`.r` / `.d`), and a class on <html> chooses which is
 * shown, so the toggle needs no reload. An element not in the table is rendered as its content and
 * counted, so the renderer can warn once per element name.
 */
export interface Footnote {
  id: string; // of the note's <li>
  refId?: string; // of the reference (none for an unanchored note)
  n: string;
  html: string;
}

export interface SearchParagraph {
  anchor: string;
  page?: string;
  text: string;
}

export interface HtmlContext {
  handlers: Record<string, Handler>; // the element table in use (HTML, or HTML with EPUB overrides)
  afterBlock?: (ctx: HtmlContext) => string; // what follows each block (EPUB: its footnote asides)
  notes: Footnote[];
  paragraphs: SearchParagraph[];
  unknown: Map<string, number>;
  usedIds: Set<string>;
  page?: string; // the page the text has reached (for search results and citations)
  resolve?: (id: string) => string | undefined; // an xml:id → the URL of what it names (cross-references)
  inLink?: boolean; // inside a link: a nested reference must not be one
  headsSeen: number;
}

export type Where = 'block' | 'inline';
export type Handler = (e: TeiElement, ctx: HtmlContext, where: Where, parent: string) => string;

export function newContext(
  unknown: Map<string, number>,
  handlers: Record<string, Handler> = HTML_HANDLERS,
): HtmlContext {
  return { handlers, notes: [], paragraphs: [], unknown, usedIds: new Set(), headsSeen: 0 };
}

export const uniqueId = (ctx: HtmlContext, base: string): string => {
  let id = base;
  for (let k = 2; ctx.usedIds.has(id); k++) id = `${base}-${k}`;
  ctx.usedIds.add(id);
  return id;
};

export function renderNodes(nodes: TeiNode[], ctx: HtmlContext, where: Where, parent = ''): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      if (where === 'inline') out += escapeHtml(n);
      else if (n.trim()) out += `<p>${escapeHtml(n.trim())}</p>`;
      continue;
    }
    out += renderElement(n, ctx, where, parent);
    if (where === 'block' && ctx.afterBlock) out += ctx.afterBlock(ctx);
  }
  return out;
}

export function renderElement(e: TeiElement, ctx: HtmlContext, where: Where, parent = ''): string {
  const name = localName(e.name);
  const handler = ctx.handlers[name];
  if (handler) return handler(e, ctx, where, parent);
  ctx.unknown.set(name, (ctx.unknown.get(name) ?? 0) + 1);
  return renderNodes(e.children, ctx, where, name);
}

export const inline = (e: TeiElement, ctx: HtmlContext): string =>
  renderNodes(e.children, ctx, 'inline', localName(e.name));
const blocks = (e: TeiElement, ctx: HtmlContext): string =>
  renderNodes(e.children, ctx, 'block', localName(e.name));
const span =
  (cls: string): Handler =>
  (e, ctx) =>
    `<span class="${cls}">${inline(e, ctx)}</span>`;
const para =
  (cls: string): Handler =>
  (e, ctx) =>
    `<p class="${cls}">${inline(e, ctx)}</p>`;
const wrap =
  (tag: string, cls: string): Handler =>
  (e, ctx) =>
    `<${tag} class="${cls}">${blocks(e, ctx)}</${tag}>`;
export const desc = (e: TeiElement): string =>
  inlineText(
    e.children
      .filter(isElement)
      .filter((c) => localName(c.name) === 'desc')
      .flatMap((d) => d.children),
  ).trim();

function pageBreak(e: TeiElement, ctx: HtmlContext, where: Where): string {
  const n = e.attrs.n ?? '';
  ctx.page = n || ctx.page;
  if (!n) return '';
  const id = uniqueId(ctx, `p${n.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  const marker = `<span class="pb" id="${id}" data-page="${escapeAttr(n)}"><a class="pb-link" href="#${id}" aria-label="p. ${escapeAttr(n)}: page of the print edition">p. ${escapeHtml(n)}</a></span>`;
  return where === 'block' ? `<div class="pb-block">${marker}</div>` : marker;
}

function footnote(e: TeiElement, ctx: HtmlContext, label: string): string {
  const k = ctx.notes.length + 1;
  const base = e.attrs['xml:id'] ?? `note-${k}`;
  const id = uniqueId(ctx, `fn-${base}`);
  const refId = uniqueId(ctx, `fnref-${base}`);
  const html = renderNodes(e.children, ctx, 'inline', 'note');
  ctx.notes.push({ id, refId, n: label, html });
  return `<a class="noteref" id="${refId}" href="#${id}" role="doc-noteref" aria-label="Note ${escapeAttr(label)}">${escapeHtml(label)}</a>`;
}

function note(e: TeiElement, ctx: HtmlContext, where: Where, parent: string): string {
  const { type, subtype, place } = e.attrs;
  if (type === 'unanchored') {
    const k = ctx.notes.length + 1;
    ctx.notes.push({
      id: uniqueId(ctx, `fn-${e.attrs['xml:id'] ?? `note-${k}`}`),
      n: e.attrs.n ?? String(k),
      html: inline(e, ctx),
    });
    return '';
  }
  if (type === 'source' && subtype === 'citation')
    return `<aside class="source-citation" aria-label="Source">${renderNodes(e.children, ctx, 'inline', 'note')}</aside>`;
  if (type === 'source' && (where === 'block' || parent === 'div'))
    return `<p class="source-note">${inline(e, ctx)}</p>`;
  if (type === 'editorial') {
    const body = `[${inline(e, ctx)}]`;
    return where === 'block'
      ? `<p class="editorial-note">${body}</p>`
      : `<span class="editorial-note">${body}</span>`;
  }
  if (place === 'inline') return `<span class="inline-note">(${inline(e, ctx)})</span>`;
  return footnote(e, ctx, e.attrs.n ?? (type === 'source' ? 'Source' : String(ctx.notes.length + 1)));
}

function gap(e: TeiElement, _ctx: HtmlContext, where: Where): string {
  const words = desc(e) || e.attrs.reason?.replace(/-/g, ' ') || 'text omitted';
  const label = `Omission: ${words}`;
  if (where === 'block' || e.attrs.rend === 'dots') {
    return `<p class="gap-row" title="${escapeAttr(label)}"><span aria-hidden="true">. . . . . . .</span><span class="visually-hidden">${escapeHtml(label)}</span></p>`;
  }
  return `<span class="gap" title="${escapeAttr(label)}"><span aria-hidden="true">[…]</span><span class="visually-hidden">[${escapeHtml(label)}]</span></span>`;
}

function supplied(e: TeiElement, ctx: HtmlContext): string {
  const content = inline(e, ctx);
  if (e.attrs.cert === 'low' || e.attrs.reason === 'conjecture') {
    const title = `Conjecture of the editors: ${inlineText(e.children)}`;
    return `<span class="supplied conjecture" title="${escapeAttr(title)}"><span class="r">[${content}?]</span><span class="d">[…]</span></span>`;
  }
  return `<span class="supplied" title="Supplied by the editors"><span class="r">[${content}]</span></span>`;
}

function choice(e: TeiElement, ctx: HtmlContext): string {
  const part = (...names: string[]): TeiElement | undefined =>
    e.children.filter(isElement).find((c) => names.includes(localName(c.name)));
  const original = part('sic', 'orig', 'abbr');
  const corrected = part('corr', 'reg', 'expan');
  const o = original ? inline(original, ctx) : '';
  const c = corrected ? inline(corrected, ctx) : '';
  const title = `Corrected from “${original ? inlineText(original.children) : ''}”`;
  return `<span class="choice" title="${escapeAttr(title)}"><span class="r corr">${c}</span><span class="d sic">${o}</span></span>`;
}

function head(e: TeiElement, ctx: HtmlContext, _where: Where, parent: string): string {
  // A FRUS head carries its document's source note: set it under the heading, not as a footnote.
  const isSource = (c: TeiNode): boolean =>
    isElement(c) && localName(c.name) === 'note' && c.attrs.type === 'source';
  const sources = e.children.filter(isSource) as TeiElement[];
  if (sources.length) {
    const after = sources.map((n) => `<p class="source-note">${inline(n, ctx)}</p>`).join('');
    return head({ ...e, children: e.children.filter((c) => !isSource(c)) }, ctx, _where, parent) + after;
  }
  const content = inline(e, ctx);
  if (parent === 'list') return `<p class="list-head">${content}</p>`;
  if (parent === 'document') {
    ctx.headsSeen++;
    return e.attrs.type === 'sub' || ctx.headsSeen > 1
      ? `<p class="subtitle">${content}</p>`
      : `<h1 class="doc-title">${content}</h1>`;
  }
  return `<h2 class="section-head">${content}</h2>`;
}

function paragraph(e: TeiElement, ctx: HtmlContext, where: Where): string {
  if (where === 'inline') return `<span class="p">${inline(e, ctx)}</span>`;
  const anchor = uniqueId(ctx, `para-${ctx.paragraphs.length + 1}`);
  const page = ctx.page;
  const html = inline(e, ctx);
  ctx.paragraphs.push({ anchor, page, text: readingText(e) });
  return `<p id="${anchor}">${html}</p>`;
}

function list(e: TeiElement, ctx: HtmlContext): string {
  let headHtml = '';
  const items: string[] = [];
  for (const c of e.children) {
    if (!isElement(c)) continue;
    const name = localName(c.name);
    if (name === 'head') headHtml += head(c, ctx, 'block', 'list');
    else if (name === 'item') items.push(`<li>${inline(c, ctx)}</li>`);
    else if (name === 'label') items.push(`<li class="label">${inline(c, ctx)}</li>`);
    else items.push(`<li class="between">${renderElement(c, ctx, 'inline', 'list')}</li>`);
  }
  const cls = e.attrs.rend === 'dash' ? 'list dash' : e.attrs.rend === 'ordered' ? 'list ordered' : 'list';
  return `${headHtml}<ul class="${cls}">${items.join('')}</ul>`;
}

function ref(e: TeiElement, ctx: HtmlContext): string {
  const target = e.attrs.target ?? '';
  // A note inside a cross-reference is set after the link: links cannot nest (its reference is a link).
  const isNote = (c: TeiNode): boolean => isElement(c) && localName(c.name) === 'note';
  if (e.children.some(isNote)) {
    const notes = renderNodes(e.children.filter(isNote), ctx, 'inline', 'ref');
    return ref({ ...e, children: e.children.filter((c) => !isNote(c)) }, ctx) + notes;
  }
  // A reference inside a reference keeps its text but not its link (links cannot nest).
  if (ctx.inLink) return `<span class="ref">${inline(e, ctx)}</span>`;
  ctx.inLink = true;
  const content = inline(e, ctx);
  ctx.inLink = false;
  if (/^https?:\/\//.test(target)) return `<a class="external" href="${escapeAttr(target)}">${content}</a>`;
  if (target.startsWith('#')) {
    const href = ctx.resolve ? ctx.resolve(target.slice(1)) : target;
    return href
      ? `<a class="internal" href="${escapeAttr(href)}">${content}</a>`
      : `<span class="ref">${content}</span>`;
  }
  return `<span class="ref">${content}</span>`;
}

function hi(e: TeiElement, ctx: HtmlContext): string {
  const rend = e.attrs.rend ?? '';
  const content = inline(e, ctx);
  if (/italic/.test(rend)) return `<i>${content}</i>`;
  if (/bold/.test(rend)) return `<b>${content}</b>`;
  if (/small-?caps/.test(rend)) return `<span class="smallcaps">${content}</span>`;
  if (/underline/.test(rend)) return `<u>${content}</u>`;
  if (/sup/.test(rend)) return `<sup>${content}</sup>`;
  return `<span class="hi">${content}</span>`;
}

function table(e: TeiElement, ctx: HtmlContext): string {
  const rows = e.children.filter(isElement).filter((r) => localName(r.name) === 'row');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.children
          .filter(isElement)
          .map((c) => `<td>${inline(c, ctx)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><tbody>${body}</tbody></table></div>`;
}

const nothing: Handler = () => '';

export const HTML_HANDLERS: Record<string, Handler> = {
  p: paragraph,
  ab: paragraph,
  head,
  div: (e, ctx) => `<section class="section">${renderNodes(e.children, ctx, 'block', 'div')}</section>`,
  list,
  quote: (e, ctx, where) =>
    where === 'block'
      ? `<blockquote>${blocks(e, ctx)}</blockquote>`
      : `<span class="quote">${inline(e, ctx)}</span>`,
  q: span('q'),
  // A glyph or a character the TEI could not carry as text (its code point in n): shown as it is
  // given, the code point on hover.
  g: (e, ctx) =>
    e.attrs.n ? `<span class="g" title="${escapeAttr(e.attrs.n)}">${inline(e, ctx)}</span>` : inline(e, ctx),
  hi,
  emph: (e, ctx) => `<em>${inline(e, ctx)}</em>`,
  note,
  pb: pageBreak,
  lb: () => '<br>',
  cb: nothing,
  milestone: nothing,
  gap,
  supplied,
  unclear: span('unclear'),
  choice,
  sic: span('sic-alone'),
  corr: span('corr-alone'),
  del: (e, ctx) => `<del>${inline(e, ctx)}</del>`,
  add: (e, ctx) => `<ins>${inline(e, ctx)}</ins>`,
  ref,
  ptr: (e) => {
    const target = e.attrs.target ?? '';
    return /^https?:\/\/|^#/.test(target) ? `<a href="${escapeAttr(target)}">${escapeHtml(target)}</a>` : '';
  },
  dateline: para('dateline'),
  opener: wrap('div', 'opener'),
  closer: wrap('div', 'closer'),
  salute: para('salute'),
  signed: para('signed'),
  postscript: wrap('div', 'postscript'),
  trailer: para('trailer'),
  byline: para('byline'),
  docAuthor: span('doc-author'),
  // a title page (front matter of a printed volume)
  titlePage: wrap('div', 'title-page'),
  docTitle: wrap('div', 'doc-title-block'),
  titlePart: para('title-part'),
  docImprint: para('doc-imprint'),
  docDate: span('doc-date'),
  publisher: span('publisher'),
  pubPlace: span('pub-place'),
  idno: span('idno'),
  label: span('label'),
  bibl: span('bibl'),
  title: (e, ctx) => `<cite>${inline(e, ctx)}</cite>`,
  placeName: span('place-name'),
  date: span('date'),
  time: span('time'),
  persName: span('pers-name'),
  name: span('name'),
  orgName: span('org-name'),
  term: span('term'),
  gloss: span('gloss'),
  foreign: span('foreign'),
  seg: span('seg'),
  rs: span('rs'),
  num: span('num'),
  measure: span('measure'),
  abbr: span('abbr'),
  expan: span('expan'),
  lg: wrap('div', 'lg'),
  l: (e, ctx) => `<span class="l">${inline(e, ctx)}</span><br>`,
  table,
  figure: (e, ctx) => `<figure>${inline(e, ctx)}</figure>`,
  figDesc: span('fig-desc'),
  graphic: nothing,
  fw: nothing, // web-page boilerplate and running heads: kept in the TEI, out of the reading text
  desc: nothing,
  teiHeader: nothing,
};

/** The reading text of an element as a reader sees it (for the search index). */
export function readingText(e: TeiElement): string {
  const walk = (n: TeiNode): string => {
    if (typeof n === 'string') return n;
    const name = localName(n.name);
    if (name === 'note' || name === 'sic' || name === 'orig' || name === 'desc' || name === 'fw') return '';
    if (name === 'gap') return ' […] ';
    if (name === 'pb') return ' ';
    return n.children.map(walk).join('');
  };
  return e.children.map(walk).join('').replace(/\s+/g, ' ').trim();
}
