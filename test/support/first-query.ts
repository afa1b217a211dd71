import type { Browser } from 'playwright-core';

/**
 * What Chromium fetches to open a collection's search page at `site` (a served folder's URL) and
 * answer one query — every response's body and headers, code and index files — and the documents
 * the results show, in order. Measured in a fresh browser context, so nothing comes from a cache.
 */
export async function firstQuery(
  browser: Browser,
  site: string,
  query: string,
): Promise<{ bytes: number; files: number; shown: string[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (req) => {
      sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(`${site}/search.html?q=${encodeURIComponent(query)}`);
    await page.locator('#search-results .search-summary').waitFor();
    await page.waitForLoadState('networkidle');
    const shown = await page.$$eval('#search-results .search-group', (els) =>
      els.map((e) => (e as HTMLElement).dataset.doc ?? ''),
    );
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    return { bytes, files: sizes.length, shown };
  } finally {
    await context.close();
  }
}
