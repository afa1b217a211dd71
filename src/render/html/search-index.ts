import MiniSearch from 'minisearch';
import type { SearchParagraph } from './elements.ts';

/**
 * The full-text index, built once at build time with MiniSearch and shipped as a script
 * (`assets/search-index.js`), so search works offline and from file:// (no fetch).
 * The options are shipped with it: the page loads the index with the same ones.
 */
export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['text', 'title'],
  storeFields: ['title', 'url', 'page', 'text'],
};

export interface SearchEntry extends SearchParagraph {
  doc: string; // page URL relative to the site root
  title: string;
}

export function searchIndexScript(entries: SearchEntry[]): string {
  const mini = new MiniSearch(SEARCH_OPTIONS);
  mini.addAll(
    entries.map((e, k) => ({
      id: k,
      title: e.title,
      url: `${e.doc}#${e.anchor}`,
      page: e.page ?? '',
      text: e.text,
    })),
  );
  const payload = JSON.stringify({ options: SEARCH_OPTIONS, index: mini.toJSON() }).replace(/</g, '\\u003c');
  return `window.RECTO_SEARCH = ${payload};\n`;
}
