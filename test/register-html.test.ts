/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { readTei } from '../src/tei/read.ts';
import { axeViolations } from './support/axe.ts';
import { useSeedSite } from './support/seed-site.ts';

/**
 * Issue #19, item 3: the register pages of the seeds' HTML edition in Chromium. A person's page
 * lists every document that mentions them (as the TEI master says: `persName ref="#id"`), each
 * mention a link that lands on the mention, which links back; the card shows on focus; axe-core
 * finds no WCAG 2.1 A/AA violation, light and dark.
 */
const PERSON = 'stalin';

const seeds = useSeedSite();

/** The documents the TEI master says mention the person, in edition order. */
function documentsMentioning(id: string): string[] {
  const master = readFileSync(join(seeds.out, 'tei', 'edition.xml'), 'utf8');
  return master
    .split(/(?=<TEI[\s>])/)
    .filter((tei) => tei.includes(`ref="#${id}"`))
    .map((tei) => /<div type="document" xml:id="([^"]+)"/.exec(tei)?.[1] ?? '');
}

describe('the register in the HTML edition', () => {
  it('lists on a person’s page each document that mentions them, with links that land on the mention', async () => {
    const expected = documentsMentioning(PERSON);
    expect(expected.length).toBeGreaterThan(1);
    const page = await seeds.browser.newPage();
    await page.goto(`${seeds.url}/register/${PERSON}.html`);
    const documents = await page.$$eval('.register-mentions a.register-document', (as) =>
      as.map((a) => (a.getAttribute('href') ?? '').replace(/^.*\//, '').replace(/\.html$/, '')),
    );
    expect(documents).toEqual(expected);
    const links = await page.$$eval('.register-mentions a:not(.register-document)', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    // one link per locator of each document (two mentions on one page, or in one range of pages
    // no page break divides, are one locator: issue #26), the first mention there
    const edition = editionModel(await readTei(join(seeds.out, 'tei', 'edition.xml')));
    const mentions = edition.mentions.get(PERSON) ?? [];
    const total =
      readFileSync(join(seeds.out, 'tei', 'edition.xml'), 'utf8').split(`ref="#${PERSON}"`).length - 1;
    expect(mentions).toHaveLength(total);
    const locators = new Set(mentions.map((m) => `${m.document}|${m.page}|${m.inNote}`));
    expect(links).toHaveLength(locators.size);
    for (const link of links) {
      const target = await seeds.browser.newPage();
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
    const page = await seeds.browser.newPage();
    await page.goto(`${seeds.url}/docs/${doc}.html`);
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
        const page = await seeds.browser.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${seeds.url}/${path}`);
        expect(await axeViolations(page), `${path} (${scheme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('writes valid HTML (html-validate) for the register pages', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const path of [`register/${PERSON}.html`, 'register/index.html']) {
      const report = await validator.validateString(readFileSync(join(seeds.site, path), 'utf8'));
      expect(
        report.results.flatMap((r) =>
          r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`),
        ),
        path,
      ).toEqual([]);
    }
  });
});
