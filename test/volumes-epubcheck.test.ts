import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { readEpub } from './support/epub.ts';
import { nestedLinks } from './support/markup.ts';
import { samplePages } from './support/page-sample.ts';
import { epubcheckOnce, renderedVolume } from './support/render-cache.ts';
import { required, SHARED, sharedCorpora } from './support/shared.ts';
import { serve } from './support/static-server.ts';

/**
 * Issue #27 over every official volume we hold: each `volume.xml` of ../shared/corpus and each
 * volume of ../shared/volumes rendered (HTML, EPUB and PDF: the render equivalence, locator-audit
 * and frus-volume read too, made once per test run by support/render-cache.ts). EPUBCheck: 0 errors, 0 warnings (before:
 * 9 errors in frus1961-63v08, notes of several paragraphs inside a span in "Notes in full"); no
 * `a` inside `a` in any HTML page or EPUB chapter (before: page markers inside linked names in
 * frus1952-54Guat and frus1958-60v08); the HTML pages that hold a note of blocks keep HTML's content
 * model (html-validate). On a sample of 20 pages of each volume (support/page-sample.ts: the home
 * page, the register, every page that is not a document — index, persons, terms, contents — and the
 * pages with the most notes, tables and figures), html-validate's recommended rules find no error
 * and axe-core no WCAG 2.1 A/AA violation in Chromium (before: 243 html-validate errors over the
 * 2,311 pages, axe scrollable-region-focusable on four pages of frus1961-63v08). Some five minutes
 * on two cores: EPUBCheck two, axe (one to three seconds a page) three.
 */
const volumes = [
  ...sharedCorpora(['volume.xml']).map((c) => ({ name: c.name, file: join(c.dir, 'volume.xml') })),
  ...readdirSync(required(join(SHARED, 'volumes'), 'the shared volumes folder'))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.xml$/, ''), file: join(SHARED, 'volumes', f) })),
];

const contentModel = new HtmlValidate({
  rules: {
    'element-permitted-content': 'error',
    'element-permitted-parent': 'error',
    'element-permitted-occurrences': 'error',
    'element-required-content': 'error',
  },
});

// html-validate's recommended rules, as the seeds' pages are held to (test/html.test.ts)
const recommended = new HtmlValidate({ extends: ['html-validate:recommended'] });

describe('every official volume, rendered', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is seven volumes', () => {
    expect(volumes.length).toBeGreaterThanOrEqual(7);
  });

  for (const volume of volumes)
    it(`${volume.name}: EPUBCheck 0 errors and 0 warnings, no link inside a link, notes of blocks valid HTML, 20 pages valid and accessible`, async () => {
      // (all three formats: the one render of the volume that equivalence, locator-audit and
      // frus-volume read too, made once per test run by support/render-cache.ts)
      const r = await renderedVolume(volume.file);
      expect(r.status, r.stderr).toBe(0);
      const out = r.out;

      const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
      const book = readEpub(join(out, epub ?? ''));
      const nestedInEpub = [...book].filter(
        ([name, text]) => name.endsWith('.xhtml') && nestedLinks(text) > 0,
      );
      expect(nestedInEpub.map(([name]) => name)).toEqual([]);

      const docs = join(out, 'html/docs');
      const problems: string[] = [];
      let blockNotes = 0;
      for (const f of readdirSync(docs).sort()) {
        const html = readFileSync(join(docs, f), 'utf8');
        if (nestedLinks(html) > 0) problems.push(`${f}: a link inside a link`);
        if (!html.includes('<div class="note-body">')) continue;
        blockNotes++;
        const report = await contentModel.validateString(html);
        for (const m of report.results.flatMap((x) => x.messages))
          problems.push(`${f}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
      console.log(`${volume.name}: ${blockNotes} pages with a note of several blocks`);

      const result = await epubcheckOnce(join(out, epub ?? ''));
      expect(result.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
      expect([result.errors, result.warnings]).toEqual([0, 0]);

      // 20 pages of the site: html-validate (recommended) and axe-core in Chromium
      const site = join(out, 'html');
      const sample = samplePages(site);
      expect(sample).toHaveLength(20);
      const server = await serve(site);
      const found: string[] = [];
      try {
        for (const { path, why } of sample) {
          const report = await recommended.validateString(readFileSync(join(site, path), 'utf8'), path);
          for (const m of report.results.flatMap((x) => x.messages).filter((x) => x.severity === 2))
            found.push(`${path} (${why}):${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          await page.goto(`${server.url}/${path}`);
          for (const v of await axeViolations(page)) found.push(`${path} (${why}): axe ${v}`);
          await page.close();
        }
      } finally {
        await server.close();
      }
      console.log(`${volume.name}: html-validate and axe on ${sample.map((p) => p.path).join(' ')}`);
      expect(found.slice(0, 10)).toEqual([]);
    }, 900_000); // (the first to ask renders the PDF too, for the others: 9 min on a machine loaded 12-fold)
});
