import { type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { indexOrder, type Mention } from '../../model/mentions.ts';
import { locatorLabel } from '../../model/pages.ts';
import { authorityUrl, type EntityType, type RegisterEntry } from '../../register/types.ts';
import { fill, readTemplate } from '../template.ts';
import { escapeAttr, escapeHtml } from './escape.ts';
import { documentFile, layout } from './pages.ts';

/**
 * The register in the HTML edition: a page per entry (`register/<id>.html`: description, dates,
 * authority links, every mention by document and page, each linked to the mention itself) and
 * an index of them all (`register/index.html`). Mentions in the documents link to these pages.
 */
const HEADINGS: Record<EntityType, string> = { person: 'Persons', place: 'Places', org: 'Organisations' };

const SCHEME_NAMES: Record<string, string> = {
  wikidata: 'Wikidata',
  viaf: 'VIAF',
  gnd: 'GND',
  lccn: 'LCNAF',
};

function dates(e: RegisterEntry): string {
  if (!e.from && !e.to) return '';
  return `<p class="register-dates">${escapeHtml(e.from ?? '?')}–${escapeHtml(e.to ?? '')}</p>`;
}

function authorities(e: RegisterEntry): string {
  const items = Object.entries(e.authorities)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scheme, id]) => {
      const label = `${SCHEME_NAMES[scheme] ?? scheme}: ${id}`;
      const url = authorityUrl(scheme, id);
      return `<li>${url ? `<a class="external" href="${escapeAttr(url)}">${escapeHtml(label)}</a>` : escapeHtml(label)}</li>`;
    });
  return items.length
    ? `<h2>Authority records</h2><ul class="register-authorities">${items.join('')}</ul>`
    : '';
}

/** Where a mention stands: the page of the print edition (or its range), and the note when it is in one. */
function mentionLabel(m: Mention, k: number): string {
  const where = m.page ? locatorLabel(m.page) : `mention ${k + 1}`;
  return m.inNote ? `${where} (note)` : where;
}

function mentionList(edition: ModelEdition, mentions: Mention[]): string {
  if (mentions.length === 0) return '<p>Not mentioned in the documents of this edition.</p>';
  const byDocument = new Map<number, Mention[]>();
  for (const m of mentions) byDocument.set(m.document, [...(byDocument.get(m.document) ?? []), m]);
  const items = [...byDocument].map(([index, list]) => {
    const doc = edition.documents[index];
    if (!doc) return '';
    const page = `../${documentFile(doc)}`;
    // the same locator once, linked to its first mention (`p. 696, p. 696` said nothing more)
    const seen = new Set<string>();
    const links = list
      .flatMap((m, k) => {
        const label = mentionLabel(m, k);
        if (seen.has(label)) return [];
        seen.add(label);
        return [`<a href="${escapeAttr(`${page}#${m.anchor}`)}">${escapeHtml(label)}</a>`];
      })
      .join(', ');
    return `<li><a class="register-document" href="${escapeAttr(page)}">${escapeHtml(numberedTitle(doc))}</a>${doc.date ? ` <span class="toc-meta">${escapeHtml(doc.date)}</span>` : ''}: ${links}</li>`;
  });
  const count = byDocument.size === 1 ? '1 document' : `${byDocument.size} documents`;
  return `<h2>Mentioned in ${count}</h2><ul class="register-mentions">${items.join('\n')}</ul>`;
}

export function registerPage(edition: ModelEdition, entry: RegisterEntry): string {
  const main = fill(
    readTemplate('html', 'register-entry.html'),
    {
      breadcrumbs: `<ol><li><a href="../index.html">${escapeHtml(edition.meta.title)}</a></li><li><a href="index.html">Index of ${HEADINGS[entry.type].toLowerCase()}</a></li><li aria-current="page">${escapeHtml(entry.name)}</li></ol>`,
      name: entry.name,
      type: entry.type,
      description: entry.description
        ? `<p class="register-description">${escapeHtml(entry.description)}</p>`
        : '',
      variants: entry.variants.length
        ? `<p class="register-variants">Also: ${entry.variants.map(escapeHtml).join('; ')}</p>`
        : '',
      dates: dates(entry),
      authorities: authorities(entry),
      mentions: mentionList(edition, edition.mentions.get(entry.id) ?? []),
    },
    'register-entry.html',
  );
  return layout(edition.meta, {
    title: `${entry.name} — ${edition.meta.title}`.slice(0, 70),
    root: '../',
    main,
    description: `${entry.name}${entry.description ? `, ${entry.description}` : ''}: every mention in ${edition.meta.title}.`,
  });
}

export function registerIndexPage(edition: ModelEdition): string {
  const sections = (['person', 'place', 'org'] as const).flatMap((type) => {
    const entries = indexOrder(edition.register.filter((e) => e.type === type));
    if (entries.length === 0) return [];
    const items = entries.map((e) => {
      const n = new Set((edition.mentions.get(e.id) ?? []).map((m) => m.document)).size;
      return `<li><a href="${escapeAttr(`${e.id}.html`)}">${escapeHtml(e.name)}</a>${e.description ? `, ${escapeHtml(e.description)}` : ''} <span class="toc-meta">${n === 1 ? '1 document' : `${n} documents`}</span></li>`;
    });
    return [
      `<section aria-labelledby="register-${type}"><h2 id="register-${type}">${HEADINGS[type]}</h2><ul class="register-index">${items.join('\n')}</ul></section>`,
    ];
  });
  const main = fill(
    readTemplate('html', 'register.html'),
    {
      breadcrumbs: `<ol><li><a href="../index.html">${escapeHtml(edition.meta.title)}</a></li><li aria-current="page">Index</li></ol>`,
      sections: sections.join('\n'),
    },
    'register.html',
  );
  return layout(edition.meta, {
    title: `Index — ${edition.meta.title}`.slice(0, 70),
    root: '../',
    main,
    description: `The persons, places and organisations of ${edition.meta.title}, with every mention.`,
  });
}
