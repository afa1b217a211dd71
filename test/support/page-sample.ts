import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A page of the sample and why it is in it. */
export interface SampledPage {
  path: string; // relative to the site (`docs/d46.html`)
  why: string;
}

const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

/** What a document page holds that is hardest to get right: its notes, its tables, its figures. */
const FEATURES = [
  ['the most notes', /<li id="fn-/g],
  ['the most tables', /<table[\s>]/g],
  ['the most figures', /<figure[\s>]/g],
] as const;

/**
 * The same `size` pages of an HTML site every time (sorted names, no randomness): the home page
 * (the contents), the register's index and its longest entry, every page of a volume that is not a
 * document (its index, persons, terms, contents, sources, preface, division pages), the document
 * pages with the most notes, the most tables and the most figures, then document pages spread evenly
 * over the volume until `size`.
 */
export function samplePages(site: string, size = 20): SampledPage[] {
  const picked = new Map<string, string>();
  const pick = (path: string, why: string): void => {
    if (picked.size < size && !picked.has(path)) picked.set(path, why);
  };
  const docs = readdirSync(join(site, 'docs'))
    .filter((f) => f.endsWith('.html'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const documents = docs.filter((f) => /^d\d+\.html$/.test(f));

  pick('index.html', 'the home page and contents');
  const register = readdirSync(join(site, 'register'))
    .filter((f) => f.endsWith('.html'))
    .sort();
  if (register.includes('index.html')) pick('register/index.html', 'the register');
  const longest = register
    .filter((f) => f !== 'index.html')
    .map((f) => ({ f, length: readFileSync(join(site, 'register', f), 'utf8').length }))
    .sort((a, b) => b.length - a.length || a.f.localeCompare(b.f))[0];
  if (longest) pick(`register/${longest.f}`, 'the longest register entry');
  for (const f of docs.filter((d) => !documents.includes(d))) pick(`docs/${f}`, 'not a document');

  const pages = documents.map((f) => ({ f, html: readFileSync(join(site, 'docs', f), 'utf8') }));
  for (const [why, pattern] of FEATURES) {
    const ranked = pages
      .map((p) => ({ f: p.f, n: count(p.html, pattern) }))
      .filter((p) => p.n > 0)
      .sort((a, b) => b.n - a.n);
    for (const p of ranked.slice(0, 2)) pick(`docs/${p.f}`, `${why} (${p.n})`);
  }
  // then evenly spread: the first, the last and the ones between
  const left = size - picked.size;
  for (let k = 0; k < left && documents.length; k++) {
    const at = left === 1 ? 0 : Math.round((k * (documents.length - 1)) / (left - 1));
    pick(`docs/${documents[at]}`, 'spread over the volume');
  }
  for (const f of documents) pick(`docs/${f}`, 'spread over the volume');
  return [...picked].map(([path, why]) => ({ path, why }));
}
