import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { type SearchQuery, volumeQueries } from './support/search-queries.ts';
import { SHARED_VOLUME, servedSite } from './support/served-site.ts';

/**
 * Search quality on a real FRUS volume (1958–60, vol. VIII, Berlin): queries taken from its texts
 * and truth files, each with the document it comes from, run in Chromium through the page's own
 * search (the index the build ships and the function the search box calls). Recall@5 is the share
 * of queries whose document is among the first five documents; MRR the mean of 1 / its rank.
 */
const CORPUS = SHARED_VOLUME;

interface Group {
  doc: { i: string };
  hits: { url: string; kind: string }[];
}
interface SearchApi {
  load: () => Promise<unknown>;
  search: (index: unknown, query: string) => Group[];
}

let site: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
const requests: string[] = [];
const queries: SearchQuery[] = volumeQueries(CORPUS);

/** The documents the page's search gives for each query, in order (ids), and their first hits' URLs. */
const runAll = (qs: string[]): Promise<{ docs: string[]; urls: string[] }[]> =>
  page.evaluate(async (list) => {
    const api = (window as unknown as { rectoSearch: SearchApi }).rectoSearch;
    const index = await api.load();
    return list.map((q) => {
      const groups = api.search(index, q);
      return {
        docs: groups.slice(0, 20).map((g) => g.doc.i),
        urls: groups.slice(0, 5).map((g) => g.hits[0]?.url ?? ''),
      };
    });
  }, qs);

beforeAll(async () => {
  ({ site, server } = await servedSite(CORPUS));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (req) => {
    requests.push(req.url());
  });
  await page.goto(`${server.url}/index.html`);
  await page.waitForLoadState('load');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('search over a FRUS volume', () => {
  it('takes its queries from the volume: at least 60, of every kind, each standing in its document', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(queries.map((q) => q.kind));
    for (const kind of ['note', 'title', 'person-date', 'joined', 'page-break', 'paragraph'] as const)
      expect(kinds, kind).toContain(kind);
    // The expected document is the phrase's own: its words stand in that document's page.
    const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const q of queries) {
      const html = readFileSync(join(site, 'docs', `${q.expected}.html`), 'utf8');
      const text = new Set(words(html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ')));
      for (const w of words(q.query)) expect(text.has(w), `${q.query} → ${q.expected}: ${w}`).toBe(true);
    }
  });

  it('loads the index only once the search is used, from this site only', async () => {
    expect(requests.filter((u) => u.endsWith('/assets/search-index.js'))).toEqual([]);
    await runAll(['Berlin']);
    expect(requests.filter((u) => u.endsWith('/assets/search-index.js'))).toHaveLength(1);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    const size = statSync(join(site, 'assets', 'search-index.js')).size;
    console.log(`search index: ${(size / 1e6).toFixed(2)} MB for ${queries.length} queries' volume`);
    expect(size).toBeLessThan(6e6);
  });

  it('finds the document of each query: recall@5 ≥ 95%, mean reciprocal rank ≥ 0.85', async () => {
    const ranked = await runAll(queries.map((q) => q.query));
    let found = 0;
    let reciprocal = 0;
    const missed: string[] = [];
    queries.forEach((q, k) => {
      const rank = (ranked[k]?.docs ?? []).indexOf(q.expected) + 1;
      if (rank >= 1 && rank <= 5) found++;
      if (rank >= 1) reciprocal += 1 / rank;
      if (rank !== 1) missed.push(`${q.kind} ${q.query} → ${q.expected}: rank ${rank || '> 20'}`);
    });
    const recall = found / queries.length;
    const mrr = reciprocal / queries.length;
    console.log(
      `search quality over ${queries.length} queries: recall@5 ${(recall * 100).toFixed(1)}%, MRR ${mrr.toFixed(3)}${missed.length ? `\nnot first:\n  ${missed.join('\n  ')}` : ''}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  }, 60_000);

  it('the search box gives the same documents, valid and accessible, and a note hit lands on the note', async () => {
    const note = queries.find((q) => q.kind === 'note') as SearchQuery;
    const picked = [note, ...queries.filter((q) => q.kind === 'joined' || q.kind === 'title').slice(0, 3)];
    const expected = await runAll(picked.map((q) => q.query));
    for (const [k, q] of picked.entries()) {
      await page.fill('#search-input', q.query);
      await page.press('#search-input', 'Enter');
      const shown = (): Promise<string[]> =>
        page.$$eval('#search-results .search-group', (els) =>
          els.map((e) => (e as HTMLElement).dataset.doc ?? ''),
        );
      await expect.poll(async () => (await shown()).slice(0, 20)).toEqual(expected[k]?.docs);
      expect(
        await page.locator('#search-results .search-group').first().locator('mark').count(),
      ).toBeGreaterThan(0);
    }
    // With results shown: html-validate (the built page with the results the script wrote into it;
    // the DOM's own serialization would spell boolean attributes as download="") and axe-core.
    const shownResults = await page.locator('#search-results').innerHTML();
    const built = readFileSync(join(site, 'index.html'), 'utf8');
    const withResults = built.replace(/(<div id="search-results"[^>]*>)(<\/div>)/, `$1${shownResults}$2`);
    expect(withResults).not.toBe(built);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      withResults,
      'index.html (results shown)',
    );
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    // A note's phrase: its first hit is the note, and following it marks the note on its page.
    await page.fill('#search-input', note.query);
    await page.press('#search-input', 'Enter');
    const hit = page
      .locator(`#search-results .search-group[data-doc="${note.expected}"] a.search-hit`)
      .first();
    expect(await hit.locator('.search-where').textContent()).toMatch(/^Note/);
    await hit.click();
    await page.waitForURL(new RegExp(`/docs/${note.expected}\\.html#fn-`));
    const target = await page.evaluate(() => {
      const e = document.querySelector(':target');
      return (
        e && { tag: e.tagName, text: e.textContent ?? '', background: getComputedStyle(e).backgroundColor }
      );
    });
    expect(target?.tag).toBe('LI');
    expect(target?.text.replace(/\s+/g, ' ')).toContain(note.query.slice(1, -1));
    expect(target?.background).not.toBe('rgba(0, 0, 0, 0)');
  }, 60_000);
});
