import { type EditionMeta, RIGHTS_NOT_STATED } from '../../meta.ts';
import { contentsTitle, type ModelDocument, type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { locatorLabel } from '../../model/pages.ts';
import { type ReaderUnit, unitOfDocument } from '../../model/units.ts';
import { fill, readTemplate } from '../template.ts';
import type { Download } from '../writer.ts';
import { type CslItem, documentCitation } from './cite.ts';
import { citationKeys } from './cite-keys.ts';
import type { Footnote, HtmlContext } from './context.ts';
import { blocks, newContext, noteBody } from './elements.ts';
import { type HtmlFigures, newFigures } from './figure.ts';
import { type PageLookups, watchLookups } from './page-lookups.ts';

/** Where the site keeps the figures' images. */
export const FIGURE_ASSETS = 'assets/figures/';
/** The figures' styles (`templates/html/figures.css`), in the site when it has a figure. */
export const FIGURE_STYLE = 'assets/figures.css';

/** The figures' images found, and the map the pages fill with those they show. */
export type FigureImagesUse = Pick<HtmlFigures, 'images' | 'used'>;

import { escapeAttr, escapeHtml } from './escape.ts';
import { registerLinks } from './register-links.ts';

export function layout(
  edition: EditionMeta,
  page: { title: string; root: string; main: string; meta?: [string, string][]; description: string },
): string {
  return fill(
    readTemplate('html', 'layout.html'),
    {
      lang: escapeAttr(edition.language),
      pageTitle: page.title,
      description: escapeAttr(page.description), // (an attribute: quotes escaped too)
      headMeta: (page.meta ?? [])
        .map(([name, content]) => `<meta name="${escapeAttr(name)}" content="${escapeAttr(content)}">`)
        .join('\n'),
      root: page.root,
      // (the figures' styles, only on a page that has a figure: pages without one stay as they were)
      figureStyle: /<figure[\s>]/.test(page.main)
        ? `\n<link rel="stylesheet" href="${page.root}${FIGURE_STYLE}">`
        : '',
      editionTitle: edition.title,
      licence: edition.licence ?? RIGHTS_NOT_STATED, // (never an empty paragraph)
      licenceLink: edition.licenceUrl
        ? ` <a href="${escapeAttr(edition.licenceUrl)}">${escapeHtml(edition.licenceUrl)}</a>`
        : '',
      main: page.main,
    },
    'layout.html',
  );
}

function notesSection(notes: Footnote[]): string {
  if (notes.length === 0) return '';
  const items = notes
    .map((n) => {
      const back = n.refId
        ? ` <a class="backref" href="#${n.refId}" aria-label="Back to the text of note ${escapeAttr(n.n)}">↩</a>`
        : '';
      const value = /^\d+$/.test(n.n) ? ` value="${n.n}"` : '';
      return `<li id="${n.id}"${value} data-label="${escapeAttr(n.n)}"><span class="note-label">${escapeHtml(n.n)}</span> ${noteBody(n.html, n.block)}${back}</li>`;
    })
    .join('\n');
  return `<section class="footnotes" aria-labelledby="notes-heading"><h2 id="notes-heading">Notes</h2><ol class="footnotes-list">\n${items}\n</ol></section>`;
}

/** A page title: the document's, then the edition's when both fit in 70 characters (what tab strips and search engines show). */
export function pageTitle(title: string, edition?: string): string {
  const both = `${title} — ${edition}`;
  if (edition && both.length <= 70) return both;
  if (title.length <= 70) return title;
  return `${title.slice(0, 68).replace(/\s+\S*$/, '')} …`;
}

/**
 * The contents for the drawer every page has, as a script (works from file://) loaded when the
 * reader first opens the drawer: division, number, title, date and address of each document.
 */
export function contentsScript(edition: ModelEdition): string {
  const entries = edition.documents.map((d) => ({
    g: d.group ?? '',
    t: contentsTitle(d),
    d: d.date ?? '',
    h: documentFile(d),
  }));
  return `window.RECTO_CONTENTS = ${JSON.stringify(entries).replace(/</g, '\\u003c')};\n`;
}

/** "Document 10 (12 of 512)": the number the source prints, and the place in this edition. */
export function documentLabel(doc: ModelDocument, index: number, count: number): string {
  const place = `${index + 1} of ${count}`;
  return doc.number ? `Document ${doc.number} (${place} in this edition)` : `Document ${place}`;
}

export const documentFile = (doc: ModelDocument): string => `docs/${doc.id}.html`;

/** A unit's page in the site (a course reader's): `units/<unit>.html`. */
export const unitFile = (unit: Pick<ReaderUnit, 'id'>): string => `units/${unit.id}.html`;

/** A line of a contents list: the title linked, then its date, author and place. */
export function contentsItem(doc: ModelDocument, href: string, hidden = ''): string {
  const meta = metaLine(doc) ? `<span class="toc-meta">${escapeHtml(metaLine(doc))}</span>` : '';
  return `<li><a href="${escapeAttr(href)}">${escapeHtml(contentsTitle(doc))}</a>${meta}${hidden}</li>`;
}

export const metaLine = (doc: ModelDocument): string =>
  [doc.date, doc.author && doc.recipient ? `${doc.author} → ${doc.recipient}` : doc.author, doc.place]
    .filter(Boolean)
    .join(' · ');

/** The divisions a document is in, in the breadcrumbs: a reader's unit, linked to its page (its title whole). */
function groupCrumbs(group: string | undefined, unit: ReaderUnit | undefined): string[] {
  if (!group) return [];
  if (unit && unit.title === group)
    return [`<li><a href="../${escapeAttr(unitFile(unit))}">${escapeHtml(group)}</a></li>`];
  return group.split(' — ').map((g) => `<li>${escapeHtml(g)}</li>`);
}

export function documentPage(
  edition: ModelEdition,
  index: number,
  links: Map<string, string>,
  teiHref?: string, // the document's own TEI, when the site has it
  figures?: FigureImagesUse, // the figures' images found, and the ones the site must hold
  units: ReaderUnit[] = [], // a course reader's units: the breadcrumbs link the document's
  seen?: PageLookups, // what the page looked up elsewhere in the edition (the page cache checks it again)
): { html: string; ctx: HtmlContext; csl: CslItem } {
  const doc = edition.documents[index] as ModelDocument;
  const ctx = newContext();
  if (figures)
    ctx.figures = newFigures('html', figures.images, (n) => `../${FIGURE_ASSETS}${n}`, figures.used);
  ctx.resolve = (id) => links.get(id); // hrefs relative to docs/, where document pages live
  ctx.register = registerLinks(edition, '../');
  if (seen) watchLookups(ctx, seen);
  // its words before the first page break: a range when no break says which (a model made without
  // the TEI reader may give only the start page)
  const start = doc.startLocator ?? doc.startPage;
  ctx.page = start;
  const text = blocks(doc.blocks, ctx);
  const cite = documentCitation(doc, edition.meta, citationKeys(edition.documents).get(doc.id));
  const prev = edition.documents[index - 1];
  const next = edition.documents[index + 1];
  const link = (d: ModelDocument | undefined, rel: string, label: string): string =>
    d
      ? `<a rel="${rel}" href="${escapeAttr(`${d.id}.html`)}">${label}: ${escapeHtml(numberedTitle(d))}</a>`
      : '';
  const crumbs = [
    `<li><a href="../index.html">${escapeHtml(edition.meta.title)}</a></li>`,
    ...groupCrumbs(doc.group, unitOfDocument(units, doc)),
    `<li aria-current="page">${escapeHtml(doc.number ? `Document ${doc.number}` : doc.title)}</li>`,
  ];
  const sections =
    ctx.sections.length > 1
      ? `<nav class="doc-sections" aria-label="Sections of this document"><details><summary>In this document: ${ctx.sections.length} sections</summary><ol>${ctx.sections
          .map((s) => `<li><a href="#${escapeAttr(s.id)}">${escapeHtml(s.text)}</a></li>`)
          .join('')}</ol></details></nav>`
      : '';
  const main = fill(
    readTemplate('html', 'document.html'),
    {
      id: doc.id,
      breadcrumbs: `<ol>${crumbs.join('')}</ol>`,
      sections,
      sourceLine: doc.source
        ? fill(readTemplate('html', 'source-line.html').trimEnd(), { source: doc.source }, 'source-line.html')
        : '',
      position: documentLabel(doc, index, edition.documents.length),
      meta: metaLine(doc),
      text,
      notes: notesSection(ctx.notes),
      citeBefore: cite.before,
      citeAfter: cite.after,
      startPage: escapeAttr(start ?? ''), // (attributes: quotes escaped too)
      startPageText: start ? `, ${locatorLabel(start)}` : '',
      permalink: `${doc.id}.html`,
      teiLink: teiHref ? ` · <a href="${escapeAttr(teiHref)}" download>TEI of this document</a>` : '',
      previous: link(prev, 'prev', 'Previous'),
      next: link(next, 'next', 'Next'),
    },
    'document.html',
  );
  return {
    html: layout(edition.meta, {
      title: pageTitle(numberedTitle(doc), edition.meta.title),
      root: '../',
      main,
      meta: cite.meta,
      description: [numberedTitle(doc), metaLine(doc), `In ${edition.meta.title}.`]
        .filter(Boolean)
        .join('. '),
    }),
    ctx,
    csl: cite.csl,
  };
}

export function indexPage(
  edition: ModelEdition,
  downloads: Download[],
  links: Map<string, string>,
  figures?: FigureImagesUse,
  units: ReaderUnit[] = [], // a course reader's units: each heads its readings, linked to its page
): string {
  const introCtx = newContext();
  if (figures)
    introCtx.figures = newFigures('html', figures.images, (n) => `${FIGURE_ASSETS}${n}`, figures.used);
  introCtx.titleTag = 'h2'; // the contents page has its own h1
  introCtx.resolve = (id) => {
    const href = links.get(id);
    return href ? `docs/${href}` : undefined;
  };
  introCtx.register = registerLinks(edition, '');
  const introduction = edition.introduction ? blocks(edition.introduction, introCtx) : '';
  const tocItems: string[] = [];
  let group: string | undefined;
  edition.documents.forEach((d, k) => {
    // a volume's documents come in divisions: a heading line when the division changes
    if (d.group && d.group !== group) {
      const unit = unitOfDocument(units, d);
      const title = escapeHtml(d.group);
      tocItems.push(
        `<li class="toc-group">${unit && unit.title === d.group ? `<a href="${escapeAttr(unitFile(unit))}">${title}</a>` : title}</li>`,
      );
    }
    group = d.group;
    const hidden = `<span class="visually-hidden"> (${escapeHtml(documentLabel(d, k, edition.documents.length))})</span>`;
    tocItems.push(contentsItem(d, documentFile(d), hidden));
  });
  const toc = tocItems.join('\n');
  const main = fill(
    readTemplate('html', 'index.html'),
    {
      title: edition.meta.title,
      subtitle: edition.meta.subtitle ?? '',
      editor: edition.meta.editor ? `Edited by ${edition.meta.editor}` : '',
      publisher: [edition.meta.publisher, edition.meta.date?.slice(0, 4)].filter(Boolean).join(', '),
      introduction,
      toc: `<ol class="toc">\n${toc}\n</ol>`,
      register: edition.register.length
        ? '<p class="register-link"><a href="register/index.html">Index of persons, places and organisations</a></p>'
        : '',
      downloads: downloads
        .map((d) => `<li><a href="${escapeAttr(d.href)}" download>${escapeHtml(d.label)}</a></li>`)
        .join('\n'),
    },
    'index.html',
  );
  const description = [
    edition.meta.title,
    edition.meta.subtitle,
    edition.meta.editor && `Edited by ${edition.meta.editor}`,
    `${edition.documents.length} documents: a digital edition with the text as printed, notes, page numbers and search`,
  ]
    .filter(Boolean)
    .join('. ');
  return layout(edition.meta, { title: pageTitle(edition.meta.title), root: '', main, description });
}
