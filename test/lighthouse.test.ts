import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_VOLUME, servedSite } from './support/served-site.ts';
import type { serve } from './support/static-server.ts';

/**
 * Lighthouse 12.2.3 (13 needs Node 22) against Debian's Chromium, no network: performance,
 * accessibility, best practices and SEO of the shared volume's contents page and of its longest
 * document, as a phone sees them (Lighthouse's default mobile emulation and simulated throttling).
 */
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

let site: string;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  ({ site, server } = await servedSite(SHARED_VOLUME));
});

afterAll(async () => {
  await server?.close();
});

async function scores(path: string): Promise<Record<string, number>> {
  const chrome = await chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const result = await lighthouse(`${server.url}/${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const categories = result?.lhr.categories ?? {};
    return Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]));
  } finally {
    await chrome.kill();
  }
}

describe('Lighthouse on the shared volume', () => {
  it('scores at least 95 in every category on the contents page and the longest document', async () => {
    const docs = join(site, 'docs');
    const longest = readdirSync(docs).sort(
      (a, b) => statSync(join(docs, b)).size - statSync(join(docs, a)).size,
    )[0];
    for (const page of ['index.html', `docs/${longest}`]) {
      const s = await scores(page);
      console.log(`Lighthouse ${page}: ${JSON.stringify(s)}`);
      // Performance is timed on this machine's CPU, which the other test files share: below the bar
      // once, it is measured twice more and the median of the three taken, as Lighthouse's own
      // guidance on score variability says (the bar stays 95; the other categories are not timed).
      if ((s.performance ?? 0) < 95) {
        const runs = [s.performance ?? 0];
        for (let k = 0; k < 2; k++) runs.push((await scores(page)).performance ?? 0);
        s.performance = [...runs].sort((a, b) => a - b)[1] ?? 0;
        console.log(`Lighthouse ${page}: performance ${runs.join(', ')} → median ${s.performance}`);
      }
      for (const c of CATEGORIES) expect(s[c], `${page} ${c}`).toBeGreaterThanOrEqual(95);
    }
  }, 300_000);
});
