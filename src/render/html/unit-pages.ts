import type { ModelEdition } from '../../model/edition.ts';
import { type ReaderUnit, readerUnits } from '../../model/units.ts';
import { fill, readTemplate } from '../template.ts';
import { blocks, newContext } from './elements.ts';
import { escapeHtml } from './escape.ts';
import { contentsItem, documentFile, layout, pageTitle, unitFile } from './pages.ts';
import { registerLinks } from './register-links.ts';
import type { SearchDocument } from './search-index.ts';

/**
 * The edition as the site shows it: a course reader's units on pages of their own, the documents
 * that open them without the unit's opening (see model/units.ts). Any other edition as it is.
 */
export function siteEdition(edition: ModelEdition): { edition: ModelEdition; units: ReaderUnit[] } {
  const { units, documents } = readerUnits(edition.documents);
  return { edition: units.length ? { ...edition, documents } : edition, units };
}

/**
 * A unit's page: its title, its introduction and reading list, and the readings it holds with
 * their dates and authors, each linked. `links` are the site's (hrefs relative to docs/).
 */
export function unitPage(
  edition: ModelEdition,
  unit: ReaderUnit,
  links: Map<string, string>,
): { html: string; entry: SearchDocument } {
  const ctx = newContext();
  ctx.resolve = (id) => {
    const href = links.get(id);
    return href ? `../docs/${href}` : undefined;
  };
  ctx.register = registerLinks(edition, '../');
  // (the division heading is the page's h1; what follows it is the unit's own prose)
  const headings = unit.blocks.findIndex((b) => b.kind !== 'heading');
  const text = blocks(unit.blocks.slice(headings < 0 ? unit.blocks.length : Math.max(1, headings)), ctx);
  const crumbs = [
    `<li><a href="../index.html">${escapeHtml(edition.meta.title)}</a></li>`,
    `<li aria-current="page">${escapeHtml(unit.title)}</li>`,
  ];
  const main = fill(
    readTemplate('html', 'unit.html'),
    {
      id: unit.id,
      title: unit.title,
      breadcrumbs: `<ol>${crumbs.join('')}</ol>`,
      text,
      items: unit.items.map((d) => contentsItem(d, `../${documentFile(d)}`)).join('\n'),
    },
    'unit.html',
  );
  const html = layout(edition.meta, {
    title: pageTitle(unit.title, edition.meta.title),
    root: '../',
    main,
    description: `${unit.title}: ${unit.items.length} readings in ${edition.meta.title}.`,
  });
  // (its introduction and reading list found by search, as they were on the first item's page)
  const entry: SearchDocument = {
    id: unit.id,
    url: unitFile(unit),
    title: unit.title,
    headings: ctx.headings ?? [],
    paragraphs: ctx.paragraphs,
    notes: [],
  };
  return { html, entry };
}
