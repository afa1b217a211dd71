import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { recto, tempDir } from './run.ts';
import { serve } from './static-server.ts';

export interface SeedSite {
  out: string; // the output folder (tei/, html/)
  site: string; // its html/
  url: string; // the site served on 127.0.0.1
  browser: Browser;
  close: () => Promise<void>;
}

/** The seeds built as TEI and HTML, served on 127.0.0.1, and Debian's Chromium to read them. */
export async function seedSite(): Promise<SeedSite> {
  const out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei,html']);
  if (r.status !== 0) throw new Error(`the seeds did not build:\n${r.stderr}`);
  const site = join(out, 'html');
  const server = await serve(site);
  const browser = await launchChromium();
  return {
    out,
    site,
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The seeds' site for a test file: built and served before its tests, closed after them. The
 * object's fields are there from the first test on.
 */
export function useSeedSite(): SeedSite {
  const seeds = {} as SeedSite;
  beforeAll(async () => {
    Object.assign(seeds, await seedSite());
  });
  afterAll(async () => {
    await seeds.close?.();
  });
  return seeds;
}
