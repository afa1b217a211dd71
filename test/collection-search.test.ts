import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeCollectionSearch } from '../src/collection/search-site.ts';
import { axeViolations } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { collectionBrokenLinks } from './support/collection-links.ts';
import { firstQuery as measureFirstQuery } from './support/first-query.ts';
import { FRUS_VOLUMES, frusCollection } from './support/frus-collection.ts';
import { tempDir } from './support/run.ts';
import { type SearchQuery, volumeQueries } from './support/search-queries.ts';
import { serve } from './support/static-server.ts';

/**
 * The collection's search over every shared volume: the three FRUS corpora (their `volume.xml`)
 * and the four official volumes of ../shared/volumes, built once (HTML only) into one collection
 * (the one slurm.test.ts builds, once per test run: support/frus-collection.ts), and once more doubled (each volume a second time under another id). Queries are the reading
 * site's search-quality queries (test/support/search-queries.ts) of the three corpora that have
 * truth files, each expecting its document in its volume (`0010.txt` is the volume's `d10`).
 */
const SHARED = join(import.meta.dirname, '../../shared');
const CORPORA = ['frus1958-60v08', 'frus1964-68v22', 'frus1969-76v19p1'];
const BUDGET = 300_000;
// (removing the collection's ~7,400 files when the file is done takes minutes on a loaded machine)
vi.setConfig({ hookTimeout: 600_000 });

const MANIFEST = { id: 'frus', title: 'FRUS on one shelf', language: 'en' };

/** The collection of the seven volumes, built once per run (slurm.test.ts reads it too). */
async function buildCollection(): Promise<string> {
  const r = await frusCollection();
  expect(r.status, r.stderr).toBe(0);
  console.log(`collection of ${FRUS_VOLUMES.length} volumes: ${r.seconds.toFixed(1)} s`);
  return r.out;
}

/**
 * The collection twice over (each volume again under another id): its search page and index,
 * made by the code `recto collection` runs, from the volumes' site indexes of the collection built
 * once (the copies' sites would be the same bytes: rendering them again would cost minutes).
 */
async function doubledSearch(single: string): Promise<string> {
  const out = tempDir();
  const ids = FRUS_VOLUMES.flatMap((v) => [v.id, `${v.id}-copy`]);
  for (const id of ids) {
    mkdirSync(join(out, id, 'html', 'assets'), { recursive: true });
    const from = join(single, id.replace(/-copy$/, ''), 'html', 'assets', 'search-index.js');
    copyFileSync(from, join(out, id, 'html', 'assets', 'search-index.js'));
  }
  const volumes = ids.map((id) => ({ id, series: 'FRUS', tei: `${id}.xml` }));
  const shelved = volumes.map((volume) => ({
    volume,
    title: volume.id,
    documents: 1,
    site: `${volume.id}/html/index.html`,
    downloads: [],
    files: [],
    persons: [],
  }));
  const started = performance.now();
  await writeCollectionSearch(out, { ...MANIFEST, volumes }, shelved);
  console.log(
    `search of the doubled collection (14 volumes): ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return out;
}

const queries: (SearchQuery & { volume: string })[] = CORPORA.flatMap((id) =>
  volumeQueries(join(SHARED, 'corpus', id)).map((q) => ({
    ...q,
    volume: id,
    expected: `${id}/d${Number(q.expected.slice(1))}`,
  })),
);

interface Group {
  index: number;
  doc?: { i: string };
  volume?: { id: string; t: string };
}

let single: string;
let doubled: string;
let browser: Browser;
const servers: { url: string; close: () => Promise<void> }[] = [];

beforeAll(async () => {
  single = await buildCollection();
  doubled = await doubledSearch(single);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

/** The bytes Chromium fetches to open the search page and answer one query, and the groups it shows. */
async function firstQuery(
  out: string,
  query: string,
): Promise<{ bytes: number; files: number; shown: string[] }> {
  const server = await serve(out);
  servers.push(server);
  return measureFirstQuery(browser, server.url, query);
}

describe('one search across a collection of every shared volume', () => {
  it('asks queries of three volumes, each standing in its document', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    for (const q of queries)
      expect(existsSync(join(single, q.volume, 'html/docs', `${q.expected.split('/')[1]}.html`))).toBe(true);
  });

  it('finds the document of each query across the volumes: recall@5 ≥ 95%, MRR ≥ 0.85, results naming their volume', async () => {
    const server = await serve(single);
    servers.push(server);
    const page = await browser.newPage();
    await page.goto(`${server.url}/search.html`);
    const ranked = await page.evaluate(
      async (list) => {
        const api = (
          window as unknown as {
            rectoCollectionSearch: { search: (q: string, shown: number) => Promise<Group[]> };
          }
        ).rectoCollectionSearch;
        const out: { docs: string[]; volumes: string[] }[] = [];
        for (const q of list) {
          const groups = (await api.search(q, 20)).slice(0, 20);
          out.push({
            docs: groups.map((g) => `${g.volume?.id}/${g.doc?.i}`),
            volumes: groups.map((g) => g.volume?.t ?? ''),
          });
        }
        return out;
      },
      queries.map((q) => q.query),
    );
    await page.close();
    let found = 0;
    let reciprocal = 0;
    const missed: string[] = [];
    const volumesSeen = new Set<string>();
    queries.forEach((q, k) => {
      const r = ranked[k] as { docs: string[]; volumes: string[] };
      for (const d of r.docs.slice(0, 5)) volumesSeen.add(d.split('/')[0] as string);
      expect(r.volumes.every((v) => v.length > 0)).toBe(true);
      const rank = r.docs.indexOf(q.expected) + 1;
      if (rank >= 1 && rank <= 5) found++;
      if (rank >= 1) reciprocal += 1 / rank;
      if (rank !== 1)
        missed.push(`${q.kind} ${q.query} → ${q.expected}: rank ${rank || '> 20'} (first ${r.docs[0]})`);
    });
    const recall = found / queries.length;
    const mrr = reciprocal / queries.length;
    console.log(
      `collection search over ${queries.length} queries: recall@5 ${(recall * 100).toFixed(1)}%, MRR ${mrr.toFixed(3)}; volumes in the first five: ${volumesSeen.size}${missed.length ? `\nnot first:\n  ${missed.join('\n  ')}` : ''}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
    expect(volumesSeen.size).toBeGreaterThanOrEqual(CORPORA.length);
  }, 300_000);

  it('fetches ≤ 300 KB for a first query of each kind, and ≤ 1.2× that on a collection twice the size', async () => {
    const sample = ['note', 'title', 'person-date', 'joined', 'page-break', 'paragraph'].map(
      (kind) => queries.find((q) => q.kind === kind) as SearchQuery,
    );
    const picked = [...sample.map((q) => q.query), 'Berlin', 'Khrushchev'];
    const lines: string[] = [];
    for (const query of picked) {
      const one = await firstQuery(single, query);
      const two = await firstQuery(doubled, query);
      lines.push(
        `${query}: ${(one.bytes / 1000).toFixed(1)} KB in ${one.files} files; doubled ${(two.bytes / 1000).toFixed(1)} KB (${(two.bytes / one.bytes).toFixed(2)}×)`,
      );
      expect(one.shown.length, query).toBeGreaterThan(0);
      expect(one.bytes, query).toBeLessThanOrEqual(BUDGET);
      expect(two.bytes, query).toBeLessThanOrEqual(1.2 * one.bytes);
    }
    console.log(
      `first-query bytes (page, code and index fragments, as Chromium fetched them):\n  ${lines.join('\n  ')}`,
    );
    expect(readFileSync(join(single, 'search.html'), 'utf8')).toContain('search/search.js');
  }, 300_000);
});

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const invalid = async (html: string, name: string): Promise<string[]> =>
  (await validator.validateString(html, name)).results.flatMap((r) =>
    r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );

describe('the collection site: valid, accessible, every link resolving', () => {
  const VIEWPORTS = [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const;

  it.each(VIEWPORTS)(
    'landing page, register and a search result page: axe-core 0 and html-validate 0 (%s)',
    async (_, viewport) => {
      const server = await serve(single);
      servers.push(server);
      const page: Page = await browser.newPage({ viewport });
      const problems: string[] = [];
      for (const name of ['index.html', 'register.html']) {
        await page.goto(`${server.url}/${name}`);
        problems.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
        problems.push(...(await invalid(readFileSync(join(single, name), 'utf8'), name)));
      }
      const query = (queries.find((q) => q.kind === 'note') as SearchQuery).query;
      await page.goto(`${server.url}/search.html?q=${encodeURIComponent(query)}`);
      await page.locator('#search-results .search-group').first().waitFor();
      problems.push(...(await axeViolations(page)).map((v) => `search.html: ${v}`));
      // the page as built, with the results the script wrote into it
      const shown = await page.locator('#search-results').innerHTML();
      const built = readFileSync(join(single, 'search.html'), 'utf8');
      const withResults = built.replace(/(<div id="search-results"[^>]*>)(<\/div>)/, `$1${shown}$2`);
      expect(withResults).not.toBe(built);
      expect(shown).toContain('class="search-volume"');
      problems.push(...(await invalid(withResults, 'search.html (results shown)')));
      await page.close();
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it('has no broken local link in the whole output (every page of every volume, the search results)', () => {
    const { broken, checked } = collectionBrokenLinks(single);
    console.log(`collection: ${checked} local links checked, ${broken.length} broken`);
    expect(broken.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  }, 300_000);

  it('links its search and its register of persons from the landing page', () => {
    const landing = readFileSync(join(single, 'index.html'), 'utf8');
    expect(landing).toContain('action="search.html"');
    expect(landing).toContain('href="register.html"');
    const register = readFileSync(join(single, 'register.html'), 'utf8');
    // Bruce is in three volumes' registers under one key, spelled "K. E." and "K.E.": merged
    expect(register).toMatch(/<h3>Bruce, David K\. ?E\.<\/h3>\n<p class="register-merged">In 3 volumes/);
    // p_HD1 stands for three different persons in three volumes: listed apart, and said so
    expect(register).toContain('Listed apart: the key p_HD1 stands for');
  });
});
