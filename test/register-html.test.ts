/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { recto, tempDir } from './support/run.ts';
import { serve } from './support/static-server.ts';

/**
 * Issue #19, item 3: the register pages of the seeds' HTML edition in Chromium. A person's page
 * lists every document that mentions them (as the TEI master says: `persName ref="#id"`), each
 * mention a link that lands on the mention, which links back; the card shows on focus; axe-core
 * finds no WCAG 2.1 A/AA violation, light and dark.
 */
const require = createRequire(import.meta.url);
const PERSON = 'stalin';
let out: string;
let site: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei,html']);
  expect(r.status, r.stderr).toBe(0);
  site = join(out, 'html');
  server = await serve(site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The documents the TEI master says mention the person, in edition order. */
function documentsMentioning(id: string): string[] {
  const master = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8');
  return master
    .split(/(?=<TEI[\s>])/)
    .filter((tei) => tei.includes(`ref="#${id}"`))
    .map((tei) => /<div type="document" xml:id="([^"]+)"/.exec(tei)?.[1] ?? '');
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: Document,
            o: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the register in the HTML edition', () => {
  it('lists on a person’s page each document that mentions them, with links that land on the mention', async () => {
    const expected = documentsMentioning(PERSON);
    expect(expected.length).toBeGreaterThan(1);
    const page = await browser.newPage();
    await page.goto(`${server.url}/register/${PERSON}.html`);
    const documents = await page.$$eval('.register-mentions a.register-document', (as) =>
      as.map((a) => (a.getAttribute('href') ?? '').replace(/^.*\//, '').replace(/\.html$/, '')),
    );
    expect(documents).toEqual(expected);
    const links = await page.$$eval('.register-mentions a:not(.register-document)', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    const total = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8').split(`ref="#${PERSON}"`).length - 1;
    expect(links).toHaveLength(total);
    for (const link of links) {
      const target = await browser.newPage();
      await target.goto(link);
      const landed = await target.evaluate(() => {
        const at = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return at
          ? { mention: at.matches('a.mention'), href: at.getAttribute('href'), words: at.textContent }
          : null;
      });
      expect(landed, link).toMatchObject({ mention: true, href: `../register/${PERSON}.html` });
      expect(landed?.words).toMatch(/stalin/i);
      await target.close();
    }
    await page.close();
  });

  it('shows a card with the name and description when a mention has the focus', async () => {
    const [doc] = documentsMentioning(PERSON);
    const page = await browser.newPage();
    await page.goto(`${server.url}/docs/${doc}.html`);
    const mention = page.locator(`a.mention[href="../register/${PERSON}.html"]`).first();
    await mention.focus();
    const card = await mention.evaluate((a) => getComputedStyle(a, '::after').content);
    expect(card).toContain('Stalin, Joseph');
    await page.close();
  });

  it('has no axe-core violations on a person’s page, the index and a page with mentions, light and dark', async () => {
    const [doc] = documentsMentioning(PERSON);
    for (const scheme of ['light', 'dark'] as const) {
      for (const path of [`register/${PERSON}.html`, 'register/index.html', `docs/${doc}.html`]) {
        const page = await browser.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${server.url}/${path}`);
        expect(await axeViolations(page), `${path} (${scheme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('writes valid HTML (html-validate) for the register pages', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const path of [`register/${PERSON}.html`, 'register/index.html']) {
      const report = await validator.validateString(readFileSync(join(site, path), 'utf8'));
      expect(
        report.results.flatMap((r) =>
          r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`),
        ),
        path,
      ).toEqual([]);
    }
  });
});
