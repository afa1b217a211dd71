import type { RegisterEntry } from '../register/types.ts';
import { escapeAttr, escapeHtml } from '../render/html/escape.ts';
import { fill, readTemplate } from '../render/template.ts';
import type { CollectionManifest, CollectionVolume } from './manifest.ts';

/** A volume as the collection shelves it: what was built, and where. */
export interface ShelvedVolume {
  volume: CollectionVolume;
  title: string;
  documents: number;
  /** The volume's site (`<id>/html/index.html`), when HTML was built. */
  site?: string;
  /** Its EPUB and PDF, relative to the collection's folder. */
  downloads: string[];
  /** Its TEI master, where the build wrote one (`<id>/tei/edition.xml`). */
  tei?: string;
  files: string[];
  /** Its register's persons, with how many documents name each (the collection's register). */
  persons: { entry: RegisterEntry; documents: number }[];
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** A volume number's value: `12`, or a roman `XXII` (FRUS prints its volumes so); else none. */
function numberValue(number: string): number | undefined {
  if (/^\d+/.test(number)) return Number.parseInt(number, 10);
  const roman = /^[IVXLCDM]+/i.exec(number)?.[0].toUpperCase();
  if (!roman) return undefined;
  let total = 0;
  for (let k = 0; k < roman.length; k++) {
    const v = ROMAN[roman[k] as string] ?? 0;
    total += v < (ROMAN[roman[k + 1] as string] ?? 0) ? -v : v;
  }
  return total;
}

/** Natural order (`2` before `10`, `VIII` before `XXII`): eras, then volume numbers as printed. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byPlace = (a: ShelvedVolume, b: ShelvedVolume): number =>
  collator.compare(a.volume.era ?? '', b.volume.era ?? '') ||
  (numberValue(a.volume.number ?? '') ?? 0) - (numberValue(b.volume.number ?? '') ?? 0) ||
  collator.compare(a.volume.number ?? '', b.volume.number ?? '');

const slug = (s: string): string =>
  `series-${
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'volumes'
  }`;

function volumeItem(s: ShelvedVolume): string {
  const links = [
    s.site ? `<li><a href="${escapeAttr(s.site)}">Read online</a></li>` : '',
    ...s.downloads.map((d) => {
      const kind = d.endsWith('.epub') ? 'EPUB' : 'PDF';
      return `<li><a href="${escapeAttr(d)}">${kind}<span class="visually-hidden"> of ${escapeHtml(s.title)}</span></a></li>`;
    }),
    s.tei
      ? `<li><a href="${escapeAttr(s.tei)}">TEI<span class="visually-hidden"> of ${escapeHtml(s.title)}</span></a></li>`
      : '',
  ].filter(Boolean);
  const place = [s.volume.era, s.volume.number ? `volume ${s.volume.number}` : ''].filter(Boolean).join(', ');
  return fill(
    readTemplate('collection', 'volume.html'),
    {
      id: `volume-${s.volume.id}`,
      title: s.site ? `<a href="${escapeAttr(s.site)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title),
      place: place || s.volume.series,
      documents: `${s.documents} ${s.documents === 1 ? 'document' : 'documents'}`,
      links: links.join('\n'),
    },
    'collection/volume.html',
  );
}

/** What the collection site has beside its volumes: its search, its register of persons. */
export interface CollectionPages {
  search?: boolean;
  register?: boolean;
}

/** The search form and the register's link, above the shelves. */
function navigation(pages: CollectionPages): string {
  const search = pages.search
    ? `<form class="collection-search" action="search.html" method="get" role="search" aria-label="Search every volume">
<label for="search-input">Search every volume</label>
<input id="search-input" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>`
    : '';
  const register = pages.register
    ? '<p class="collection-nav"><a href="register.html">Persons across the volumes</a></p>'
    : '';
  return [search, register].filter(Boolean).join('\n');
}

/** The landing page: series in the manifest's order, each series' volumes by era, then number. */
export function landingPage(
  manifest: CollectionManifest,
  shelved: ShelvedVolume[],
  pages: CollectionPages = {},
): string {
  const series = [...new Set(manifest.volumes.map((v) => v.series))];
  const shelves = series.map((name) =>
    fill(
      readTemplate('collection', 'series.html'),
      {
        id: slug(name),
        name,
        volumes: shelved
          .filter((s) => s.volume.series === name)
          .sort(byPlace)
          .map((v) => volumeItem(v).trim())
          .join('\n'),
      },
      'collection/series.html',
    ),
  );
  const documents = shelved.reduce((n, s) => n + s.documents, 0);
  return fill(
    readTemplate('collection', 'index.html'),
    {
      lang: manifest.language,
      title: manifest.title,
      description: `${shelved.length} volumes, ${documents} documents`,
      subtitle: manifest.subtitle ? `<p class="subtitle">${escapeHtml(manifest.subtitle)}</p>` : '',
      style: readTemplate('collection', 'style.css'),
      nav: navigation(pages),
      shelves: shelves.map((x) => x.trim()).join('\n'),
      footer: [manifest.publisher, `${shelved.length} volumes, ${documents} documents`]
        .filter(Boolean)
        .join(' · '),
    },
    'collection/index.html',
  );
}

/** A sitemap (sitemaps.org) of the collection's pages; absolute where the site's address is known. */
export function sitemap(paths: string[], siteUrl: string): string {
  const base = siteUrl.replace(/\/?$/, '/');
  const urls = paths.map((p) => `<url><loc>${escapeHtml(`${base}${p}`)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
