/// <reference lib="dom" />
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readEdition } from '../src/model/documents.ts';
import { editionModel } from '../src/model/edition.ts';
import { readingText } from '../src/model/reading-text.ts';
import { forEachNode } from '../src/model/walk.ts';
import { readTei } from '../src/tei/read.ts';
import { axeViolations } from './support/axe.ts';
import { modelOf } from './support/model.ts';
import { ROOT, recto, tempDir } from './support/run.ts';
import { useSeedSite } from './support/seed-site.ts';
import { all } from './support/tei.ts';
import { classes, visibleText } from './support/visible-text.ts';

/** The HTML edition of the seeds, built by the CLI, checked as files, by html-validate and in Chromium. */
const ARTIFACTS = join(ROOT, 'test-artifacts');

const pages = (): string[] => [
  'index.html',
  ...readdirSync(join(seeds.site, 'docs')).map((f) => `docs/${f}`),
];
const textOfHtml = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    // a mention's link stands inside the text (`<a class="mention">Lippmann</a>,`): no space for it
    .replace(/<a class="mention[^>]*>|(?<=<a class="mention[^>]*>[^<]*)<\/a>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function openPage(path: string): Promise<{ page: Page; requests: string[] }> {
  const page = await seeds.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => {
    requests.push(r.url());
  });
  await page.goto(`${seeds.url}/${path}`);
  return { page, requests };
}

const seeds = useSeedSite();

describe('the HTML edition (files)', () => {
  it('has an index and one page per document, with the assets, working from file:// (relative links only)', () => {
    expect(pages()).toEqual([
      'index.html',
      'docs/d000_048167f9c0b3e719.html',
      'docs/d001_39edde1195e6049d.html',
      'docs/d002_c4af6ddfc8abae36.html',
      'docs/d003_60cacaa50c9c7620.html',
      'docs/d004_6169f971afa7be48.html',
    ]);
    for (const p of pages()) {
      const html = readFileSync(join(seeds.site, p), 'utf8');
      const urls = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(
        urls.filter(
          (u) => /^(?:[a-z]+:)?\/\//i.test(u) && !/^https?:\/\/(digicoll\.library\.wisc\.edu)\//.test(u),
        ),
        p,
      ).toEqual([]);
      expect(
        urls.filter((u) => u.startsWith('/')),
        p,
      ).toEqual([]);
    }
  });

  it('validates with html-validate (recommended rules): no errors', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const p of pages()) {
      const report = await validator.validateString(readFileSync(join(seeds.site, p), 'utf8'), p);
      const errors = report.results.flatMap((r) =>
        r.messages
          .filter((m) => m.severity === 2)
          .map((m) => `${p}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      );
      expect(errors).toEqual([]);
    }
  });

  it('contains every document, every page number and every note text of the TEI', async () => {
    const master = await readTei(join(seeds.out, 'tei', 'edition.xml'));
    const edition = readEdition(master);
    const model = editionModel(master);
    expect(edition.documents).toHaveLength(5);
    const index = textOfHtml(readFileSync(join(seeds.site, 'index.html'), 'utf8'));
    edition.documents.forEach((doc, k) => {
      const html = readFileSync(join(seeds.site, 'docs', `${doc.id}.html`), 'utf8');
      expect(index).toContain(doc.title);
      for (const pb of all(doc.div, 'pb')) expect(html).toContain(`id="p${pb.attrs.n}"`);
      const text = textOfHtml(html);
      let notes = 0;
      forEachNode(model.documents[k]?.blocks ?? [], (n) => {
        if (n.kind !== 'footnote') return;
        notes++;
        expect(text).toContain(readingText(n.body).text);
      });
      expect(notes).toBe(all(doc.div, 'note').filter((n) => n.attrs.place === 'foot').length);
    });
  });

  it('shows source text with <script>, & and quotes as text, never as markup', () => {
    const sources = tempDir();
    writeFileSync(
      join(sources, 'xss.txt'),
      'A Letter <script>alert("x")</script> & Co.\n\nBody with <img src=x onerror=alert(1)> & "quotes" and \'single\' <b>bold?</b>.1\n\n  1. Note with <script>alert(2)</script>.',
    );
    const dir = tempDir();
    expect(recto(['build', '--sources', sources, '--out', dir, '--formats', 'tei,html']).status).toBe(0);
    const html = readFileSync(join(dir, 'html', 'docs', 'xss.html'), 'utf8');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co.');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; "quotes"');
    const index = readFileSync(join(dir, 'html', 'index.html'), 'utf8');
    expect(index).not.toMatch(/<script>alert/);
    const search = readFileSync(join(dir, 'html', 'assets', 'search-index.js'), 'utf8');
    expect(search).not.toContain('</script>');
  });
});

describe('the HTML edition in Chromium', () => {
  it('opens a footnote in place by keyboard and closes it with Escape; requests nothing from other hosts', async () => {
    const { page, requests } = await openPage('docs/d001_39edde1195e6049d.html');
    const ref = page.locator('a.noteref').first();
    await ref.focus();
    await page.keyboard.press('Enter');
    const popover = page.locator('#note-popover');
    await expect.poll(() => popover.evaluate((p) => p.matches(':popover-open'))).toBe(true);
    await expect.poll(() => popover.textContent()).toContain('League of Nations Treaty Series');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-document-footnote.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.evaluate((p) => p.matches(':popover-open'))).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('noteref'))).toBe(true);
    // a click outside closes it too
    await ref.click();
    await expect.poll(() => popover.evaluate((p) => p.matches(':popover-open'))).toBe(true);
    await page.mouse.click(5, 5);
    await expect.poll(() => popover.evaluate((p) => p.matches(':popover-open'))).toBe(false);
    expect(requests.filter((u) => !u.startsWith(seeds.url))).toEqual([]);
    await page.close();
  });

  it('without scripts, notes are a list at the end with links both ways', async () => {
    const context = await seeds.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${seeds.url}/docs/d004_6169f971afa7be48.html`);
    const refs = page.locator('a.noteref');
    expect(await refs.count()).toBe(2);
    await refs.first().click();
    expect(page.url()).toMatch(/#fn-/);
    const target = page.locator(':target');
    expect(await target.textContent()).toContain('Walter Lippmann');
    await target.locator('a.backref').click();
    expect(page.url()).toMatch(/#fnref-/);
    await context.close();
  });

  it('switches between the reading and the diplomatic text without a reload, and remembers it', async () => {
    const { page } = await openPage('docs/d002_c4af6ddfc8abae36.html');
    // The source edition prints its correction as `of [on]`: the reading text shows both, the
    // diplomatic text the word as transmitted.
    const shown = (): Promise<string> =>
      page
        .locator('.correction.source')
        .first()
        .evaluate((e) => {
          const visible = (n: Node): string => {
            if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
            const el = n as HTMLElement;
            if (el.classList.contains('visually-hidden') || getComputedStyle(el).display === 'none')
              return '';
            return Array.from(el.childNodes, visible).join('');
          };
          return visible(e);
        });
    await expect.poll(shown).toBe('of [on]');
    await page.locator('.mode-toggle').click();
    await expect.poll(shown).toBe('of');
    expect(await page.locator('.mode-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await expect.poll(shown).toBe('of');
    await page.locator('.mode-toggle').click();
    await expect.poll(shown).toBe('of [on]');
    await page.close();
  });

  it('finds a phrase from seed 002 with the offline search, and the result lands on it', async () => {
    const { page, requests } = await openPage('index.html');
    await page.waitForLoadState('load');
    // The index (every paragraph) is fetched only once the reader turns to the search box.
    const searchIndex = (): string[] => requests.filter((u) => u.endsWith('/assets/search-index.js'));
    expect(searchIndex()).toEqual([]);
    const phrase = 'honeyed promises to a desperate and war torn outside world';
    await page.fill('#search-input', `"${phrase}"`);
    await page.press('#search-input', 'Enter');
    // Results come grouped by document (its title heads the group), each hit a snippet with the words marked.
    const group = page.locator('#search-results .search-group h3 a').first();
    await expect.poll(() => group.textContent()).toBe('The Long Telegram');
    expect(searchIndex()).toHaveLength(1);
    const first = page.locator('#search-results .search-group').first().locator('a.search-hit').first();
    expect(await first.locator('mark').first().textContent()).toBe(phrase);
    await first.click();
    // The result's anchor is the paragraph's stable id from the TEI (issue #14), not its position.
    await page.waitForURL(
      /d002_c4af6ddfc8abae36\.html#d002_c4af6ddfc8abae36-p-[0-9a-f]{6}(?:-\d+)?(?::~:|$)/,
    );
    const paragraph = page.locator(`p:has-text("${phrase}")`);
    expect(`#${await paragraph.getAttribute('id')}`).toBe(new URL(page.url()).hash.split(':~:')[0]);
    await expect
      .poll(() =>
        paragraph.evaluate((p) => {
          const r = p.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        }),
      )
      .toBe(true);
    expect(requests.filter((u) => !u.startsWith(seeds.url))).toEqual([]);
    await page.close();
  });

  it('keeps the header in reach, and gives breadcrumbs, previous/next at top and bottom and the document’s sections', async () => {
    const { page } = await openPage('docs/d002_c4af6ddfc8abae36.html');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    const toggleTop = await page.locator('.mode-toggle').evaluate((b) => b.getBoundingClientRect().top);
    expect(toggleTop).toBeGreaterThanOrEqual(0);
    expect(toggleTop).toBeLessThan(200);
    expect(await page.locator('.breadcrumbs a').getAttribute('href')).toBe('../index.html');
    expect(await page.locator('.breadcrumbs [aria-current="page"]').textContent()).toBe('The Long Telegram');
    for (const where of ['top', 'bottom'])
      expect(
        await page.locator(`nav[aria-label="Documents (${where})"] a[rel="next"]`).getAttribute('href'),
      ).toBe('d003_60cacaa50c9c7620.html');
    const sections = page.locator('.doc-sections a');
    expect(await sections.count()).toBe(5);
    for (const href of await sections.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(await page.locator(`h2${href}`).count(), href).toBe(1);
    }
    await page.close();
  });

  it('has a contents drawer on every page, opened and closed by keyboard, marking the document in view', async () => {
    const { page, requests } = await openPage('docs/d002_c4af6ddfc8abae36.html');
    await page.waitForLoadState('load');
    // the contents are fetched when the drawer is first opened, not with the page
    expect(requests.filter((u) => u.endsWith('/assets/contents.js'))).toEqual([]);
    await page.focus('.contents-drawer summary');
    await page.keyboard.press('Enter');
    const links = page.locator('.drawer-list li a');
    await expect.poll(() => links.count()).toBe(5);
    expect(await page.locator('.drawer-list [aria-current="page"]').textContent()).toBe('The Long Telegram');
    expect(await page.locator('.drawer-list li a').first().getAttribute('href')).toBe(
      '../docs/d000_048167f9c0b3e719.html',
    );
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('.contents-drawer').evaluate((d) => (d as HTMLDetailsElement).open))
      .toBe(false);
    await page.close();
  });

  it('cites the page in view (Chicago style) and gives each page a stable anchor', async () => {
    const { page } = await openPage('docs/d001_39edde1195e6049d.html#p226');
    await expect.poll(() => page.locator('#citation').textContent()).toContain(', p. 226;');
    const citation = (await page.locator('#citation').textContent()) ?? '';
    // the source page first, then this edition where it is read, with the date accessed
    expect(citation).toContain(
      'The Ambassador in the Soviet Union (Bullitt), “The Ambassador in the Soviet Union (Bullitt) to the Secretary of State,” 1935, ',
    );
    expect(citation).toMatch(
      /, p\. 226; reproduced in The Sources of Soviet Conduct, ed\. Recto Editorial Team \(Recto Course Readers, 2026\), \S*d001_39edde1195e6049d\.html#p226 \(accessed \w+ \d+, \d{4}\)\.$/,
    );
    // scrolled on to the box, the citation keeps the page that was being read, not the last one
    await page.evaluate(() => {
      history.replaceState(null, '', location.pathname);
      document.getElementById('p226')?.scrollIntoView({ block: 'start' });
    });
    await page.evaluate(() => window.dispatchEvent(new Event('scroll')));
    await page.locator('#citation').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.dispatchEvent(new Event('scroll')));
    await expect.poll(() => page.locator('.cite-page').textContent()).toBe(', p. 226');
    await page.close();
  });

  it('gives reference managers the citation: meta tags read in Chromium, CSL-JSON, BibTeX and RIS that agree', async () => {
    const master = await readTei(join(seeds.out, 'tei', 'edition.xml'));
    const model = editionModel(master);
    const { Cite } = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-ris');
    for (const doc of model.documents) {
      const { page } = await openPage(`docs/${doc.id}.html`);
      const meta = (name: string): Promise<string | null> =>
        page.evaluate(
          (n) => document.querySelector(`meta[name="${n}"]`)?.getAttribute('content') ?? null,
          name,
        );
      expect(await meta('citation_title')).toBe(doc.title);
      expect(await meta('citation_firstpage')).toBe(doc.record.pages?.from ?? null);
      await page.close();
      const json = JSON.parse(readFileSync(join(seeds.site, 'cite', `${doc.id}.json`), 'utf8')) as Record<
        string,
        unknown
      >[];
      const [item] = json;
      expect(item?.title).toBe(doc.title);
      for (const format of ['bib', 'ris'] as const) {
        const [back] = new Cite(readFileSync(join(seeds.site, 'cite', `${doc.id}.${format}`), 'utf8')).data;
        expect(String(back?.title).trim(), `${doc.id}.${format}`).toBe(doc.title);
        expect(back?.['container-title'], `${doc.id}.${format}`).toBe(item?.['container-title']);
        // (RIS gives a single page as its start page)
        expect(back?.page ?? back?.['page-first'], `${doc.id}.${format}`).toBe(item?.page);
      }
    }
  });

  it('has no axe-core violations (WCAG 2.1 A/AA) on the index and every document page, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const p of pages()) {
        const { page } = await openPage(p);
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await axeViolations(page);
        expect(violations, `${p} (${scheme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('shows the index, a document with its contents drawer and a search result, desktop and phone (screenshots)', async () => {
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 375, height: 740 }],
    ] as const) {
      const page = await seeds.browser.newPage({ viewport, deviceScaleFactor: device === 'phone' ? 2 : 1 });
      await page.goto(`${seeds.url}/index.html`);
      await page.screenshot({ path: join(ARTIFACTS, `html-index-${device}.png`) });
      // nothing of the page runs off a phone's screen, drawer and results included
      const fits = (): Promise<boolean> =>
        page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await fits(), `index ${device}`).toBe(true);
      await page.goto(`${seeds.url}/docs/d002_c4af6ddfc8abae36.html`);
      await page.locator('.contents-drawer summary').click();
      await expect.poll(() => page.locator('.drawer-list li a').count()).toBe(5);
      expect(await fits(), `drawer ${device}`).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `html-document-drawer-${device}.png`) });
      await page.goto(`${seeds.url}/index.html#search`);
      await page.fill('#search-input', 'League of Nations');
      await page.press('#search-input', 'Enter');
      await expect.poll(() => page.locator('#search-results a').count()).toBeGreaterThan(0);
      await page.locator('#search-results').scrollIntoViewIfNeeded();
      expect(await fits(), `search ${device}`).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `html-search-${device}.png`) });
      await page.close();
    }
  });

  it('reads well on a phone: no horizontal scrolling, page numbers inline', async () => {
    const page = await seeds.browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    await page.goto(`${seeds.url}/docs/d001_39edde1195e6049d.html#p225`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'html-document-phone.png') });
    await page.close();
  });
});

describe('elements the HTML renderer does not know', () => {
  it('are rendered as their text and reported once, with a count', async () => {
    const dir = tempDir();
    const tei = join(dir, 'edition.xml');
    writeFileSync(
      tei,
      `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Odd</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="odd"><head>Odd</head><p>Before <mystery>kept text</mystery> and <mystery>again</mystery>.</p></div></body></text></TEI>`,
    );
    const { renderHtml } = await import('../src/render/html/index.ts');
    const warnings: string[] = [];
    await renderHtml(await modelOf(tei), dir, {
      masterFile: tei,
      formats: ['html'],
      downloads: [],
      documentTei: new Map(),
      reporter: {
        diagnostic: (d) => warnings.push(`${d.position.line}:${d.position.column} ${d.ruleId}: ${d.message}`),
        info: () => {},
      },
    });
    // reported where the first one stands in the TEI file, not at 1:1
    expect(warnings).toEqual([
      '3:73 html-unknown-element: <mystery> has no HTML mapping; rendered as its text (2×)',
    ]);
    const seen = visibleText(readFileSync(join(dir, 'html', 'docs', 'odd.html'), 'utf8'), (_name, a) =>
      classes(a).includes('doc-text') ? 'body' : undefined,
    );
    expect(seen.body.replace(/\s+/g, ' ').trim()).toBe('Odd Before kept text and again.');
  });
});
