/// <reference lib="dom" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { recto, tempDir } from './support/run.ts';
import { SHARED_VOLUME, servedSite } from './support/served-site.ts';
import { serve } from './support/static-server.ts';

/**
 * The reading site as a reader uses it on a phone (390×844, touch) and on a laptop (1366×900),
 * in Chromium, on the shared FRUS volume (issue #31): the contents drawer closes by touch, every
 * anchor lands below the sticky header, and the search means what it says.
 */
const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
] as const;

/** The Iran volume the issue was found on, rendered from its `volume.xml` (its register included). */
const IRAN = join(SHARED_VOLUME, '../frus1964-68v22/volume.xml');

let site: string;
let server: { url: string; close: () => Promise<void> };
let iran: { site: string; server: { url: string; close: () => Promise<void> } };
let browser: Browser;

beforeAll(async () => {
  ({ site, server } = await servedSite(SHARED_VOLUME));
  const out = tempDir();
  const r = recto(['render', IRAN, '--out', out, '--formats', 'html', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  iran = { site: join(out, 'html'), server: await serve(join(out, 'html')) };
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await iran?.server.close();
});

const context = (device: 'phone' | 'desktop'): Promise<BrowserContext> =>
  browser.newContext({
    viewport: VIEWPORTS.find(([d]) => d === device)?.[1] ?? { width: 1366, height: 900 },
    hasTouch: device === 'phone',
    isMobile: device === 'phone',
    deviceScaleFactor: device === 'phone' ? 3 : 1,
  });

/** A small seeded generator: the same "random" anchors on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const docs = (): string[] =>
  readdirSync(join(site, 'docs'))
    .filter((f) => f.endsWith('.html'))
    .sort();

const drawerOpen = (page: Page): Promise<boolean> =>
  page.locator('.contents-drawer').evaluate((d) => (d as HTMLDetailsElement).open);
const focusIsToggle = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.activeElement === document.querySelector('.contents-drawer summary'));
/** The element a finger on the toggle's middle would touch is the toggle itself. */
const toggleReachable = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const summary = document.querySelector('.contents-drawer summary') as HTMLElement;
    const r = summary.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && summary.contains(hit);
  });

describe('the contents drawer closes by touch (#31)', () => {
  for (const [device] of VIEWPORTS) {
    it(`${device}: a close control inside it, a tap outside, Escape; the toggle never covered, focus back on it`, async () => {
      const ctx = await context(device);
      const page = await ctx.newPage();
      const doc = docs()[Math.floor(docs().length / 2)] as string;
      await page.goto(`${server.url}/docs/${doc}`);
      await page.waitForLoadState('load');
      const toggle = page.locator('.contents-drawer summary');
      const press = (l: ReturnType<Page['locator']>) => (device === 'phone' ? l.tap() : l.click());

      // opened by a tap, the list loaded; the toggle stays where a finger can reach it
      await press(toggle);
      await expect.poll(() => page.locator('.drawer-list li a').count()).toBeGreaterThan(50);
      expect(await drawerOpen(page)).toBe(true);
      expect(await toggleReachable(page), 'the toggle is not covered by the open panel').toBe(true);
      const panel = await page.locator('.drawer-panel').boundingBox();
      const head = await page.locator('.site-header').boundingBox();
      expect(panel && head && panel.y >= head.y + head.height - 1, 'the panel is not over the header').toBe(
        device === 'phone',
      );
      expect(await page.screenshot({ path: `test-artifacts/phone-drawer-${device}.png` })).toBeTruthy();
      // axe-core on the open drawer (its close control labelled)
      expect(await axeViolations(page)).toEqual([]);

      // its close control: in view, inside the panel, a thumb's size
      const close = page.locator('.drawer-panel .drawer-close');
      const box = await close.boundingBox();
      expect(box).not.toBeNull();
      expect(box?.height).toBeGreaterThanOrEqual(40);
      expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= VIEWPORTS[0][1].height).toBe(true);
      await press(close);
      expect(await drawerOpen(page)).toBe(false);
      expect(await focusIsToggle(page)).toBe(true);

      // a tap on the toggle again toggles it (it is not a link under the panel)
      await press(toggle);
      expect(await drawerOpen(page)).toBe(true);
      await press(toggle);
      expect(await drawerOpen(page)).toBe(false);

      // a tap outside closes it, and does only that (the link under the finger is not followed)
      await press(toggle);
      expect(await drawerOpen(page)).toBe(true);
      const url = page.url();
      const outside = page.locator('.site-title');
      await press(outside);
      expect(await drawerOpen(page)).toBe(false);
      expect(page.url()).toBe(url);
      expect(await focusIsToggle(page)).toBe(true);
      // outside on the text itself
      await press(toggle);
      const vp = page.viewportSize() ?? { width: 0, height: 0 };
      const x = device === 'phone' ? 3 : vp.width - 20;
      if (device === 'phone') await page.touchscreen.tap(x, vp.height - 4);
      else await page.mouse.click(x, vp.height - 40);
      expect(await drawerOpen(page)).toBe(false);
      expect(page.url()).toBe(url);

      // Escape still closes it, focus on the toggle
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await drawerOpen(page)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await drawerOpen(page)).toBe(false);
      expect(await focusIsToggle(page)).toBe(true);
      await ctx.close();
    }, 60_000);
  }
});

describe('anchors land below the sticky header (#31)', () => {
  /**
   * Anchors of a site's pages, seeded: page markers, paragraphs, notes, list items, table rows
   * and the mentions a register entry links to, `n` of each kind in turn.
   */
  const sample = (root: string, kinds: string[], n: number, seed: number): string[] => {
    const next = random(seed);
    const all: string[] = [];
    for (const f of readdirSync(join(root, 'docs')).sort()) {
      const html = readFileSync(join(root, 'docs', f), 'utf8');
      for (const m of html.matchAll(/<(span|p|li|tr|a)\b[^>]*\bid="([^"]+)"[^>]*>/g)) {
        const [tag, id] = [m[1] ?? '', m[2] ?? ''];
        const kind = /^p\d/.test(id) ? 'pb' : id.startsWith('fn-') ? 'note' : tag === 'a' ? 'mention' : tag;
        if (kinds.includes(kind)) all.push(`${kind} docs/${f}#${id}`);
      }
    }
    const picked: string[] = [];
    for (let k = 0; picked.length < n && k < 400; k++) {
      const of = all.filter((a) => a.startsWith(`${kinds[k % kinds.length]} `));
      if (of.length) picked.push(of[Math.floor(next() * of.length)] as string);
    }
    return picked;
  };

  const below = async (device: 'phone' | 'desktop', url: string, anchors: string[]): Promise<string[]> => {
    const ctx = await context(device);
    const page = await ctx.newPage();
    const under: string[] = [];
    for (const a of anchors) {
      const path = a.split(' ')[1] as string;
      await page.goto(`${url}/${path}`);
      await page.waitForLoadState('load');
      const at = await page.evaluate((id) => {
        const t = document.getElementById(decodeURIComponent(id)) as HTMLElement;
        const header = document.querySelector('.site-header') as HTMLElement;
        return {
          top: t.getBoundingClientRect().top,
          header: header.getBoundingClientRect().bottom,
          height: window.innerHeight,
        };
      }, path.split('#')[1] ?? '');
      if (!(at.top >= at.header - 0.5 && at.top < at.height))
        under.push(`${a}: top ${at.top.toFixed(1)}, header's bottom ${at.header.toFixed(1)}`);
    }
    await ctx.close();
    return under;
  };

  for (const [device] of VIEWPORTS) {
    it(`${device}: 20 page markers, paragraphs, notes, list items, rows of the shared volume; the Iran volume's d23#p45 and register mentions`, async () => {
      const kinds = ['pb', 'note', 'p', 'li', 'tr'];
      const anchors = sample(site, kinds, 20, 31);
      expect(anchors).toHaveLength(20);
      // (the Berlin volume has no tables: its rows are the Iran volume's)
      const iranAnchors = [
        'pb docs/d23.html#p45',
        ...sample(iran.site, ['mention', 'tr', 'li', 'note'], 8, 64),
      ];
      expect(new Set([...anchors, ...iranAnchors].map((a) => a.split(' ')[0]))).toEqual(
        new Set([...kinds, 'mention']),
      );
      const under = [
        ...(await below(device, server.url, anchors)),
        ...(await below(device, iran.server.url, iranAnchors)),
      ];
      expect(under).toEqual([]);
    }, 180_000);
  }

  it('follows the header when it wraps: the offset is the header height at every width', async () => {
    const ctx = await context('desktop');
    const page = await ctx.newPage();
    const doc = docs()[5] as string;
    const html = readFileSync(join(site, 'docs', doc), 'utf8');
    const id = /<p id="([^"]+)"/.exec(html)?.[1] as string;
    await page.goto(`${server.url}/docs/${doc}`);
    await page.waitForLoadState('load');
    for (const width of [1366, 700, 390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await expect
        .poll(() =>
          page.evaluate(() => {
            const h = (document.querySelector('.site-header') as HTMLElement).offsetHeight;
            return (
              getComputedStyle(document.documentElement).getPropertyValue('--header-height') === `${h}px`
            );
          }),
        )
        .toBe(true);
      await page.evaluate((target) => {
        location.hash = '';
        location.hash = target;
      }, id);
      const gap = await page.evaluate((target) => {
        const t = (document.getElementById(target) as HTMLElement).getBoundingClientRect().top;
        return t - (document.querySelector('.site-header') as HTMLElement).getBoundingClientRect().bottom;
      }, id);
      expect(gap, `at ${width} px`).toBeGreaterThanOrEqual(0);
    }
    await ctx.close();
  }, 60_000);
});

interface Hit {
  url: string;
  kind: string;
  text: string;
}
interface Group {
  doc: { i: string; u: string };
  hits: Hit[];
}
interface Entry {
  d: number;
  a?: string;
  k: string;
  x?: string;
}
type Api = {
  load: () => Promise<{ mini: { getStoredFields: (id: number) => Entry | undefined }; docs: unknown[] }>;
  search: (index: unknown, query: string) => Group[];
};

const normText = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/["“”]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** Every entry of a site's search index (its stored text), read through the page's own search. */
const entries = (page: Page): Promise<Entry[]> =>
  page.evaluate(async () => {
    const api = (window as unknown as { rectoSearch: Api }).rectoSearch;
    const { mini, docs } = await api.load();
    const out: Entry[] = [];
    for (let id = 0; ; id++) {
      const e = mini.getStoredFields(id);
      if (!e) break;
      out.push(e);
    }
    // each document's record (title, number, date, sender → recipient, place, source note)
    (docs as { t: string; n?: string; w?: string; m?: string; s?: string }[]).forEach((doc, d) => {
      out.push({
        d,
        k: 'm',
        x: [doc.t, doc.n && `Document ${doc.n}`, doc.w, doc.m, doc.s].filter(Boolean).join(' · '),
      });
    });
    return out;
  });
const search = (page: Page, queries: string[]): Promise<Group[][]> =>
  page.evaluate(async (qs) => {
    const api = (window as unknown as { rectoSearch: Api }).rectoSearch;
    const index = await api.load();
    return qs.map((q) => api.search(index, q));
  }, queries);

describe('search that means what it says (#31)', () => {
  /** Each document's text as the index holds it (paragraphs, items, rows, notes, headings, in order). */
  const textsByDoc = (list: Entry[]): Map<number, string> => {
    const by = new Map<number, string>();
    for (const e of list) if (e.x) by.set(e.d, `${by.get(e.d) ?? ''} ${normText(e.x)}`);
    return by;
  };

  it('10 quoted phrases each give only the documents that hold the phrase, and all that hold it in one passage', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/index.html`);
    const list = await entries(page);
    const next = random(7);
    const paragraphs = list.filter((e) => e.k === 'p' && (e.x ?? '').split(/\s+/).length > 30);
    const phrases: string[] = [];
    while (phrases.length < 10) {
      const words = (paragraphs[Math.floor(next() * paragraphs.length)]?.x ?? '').split(/\s+/);
      const from = 5 + Math.floor(next() * (words.length - 15));
      const phrase = words.slice(from, from + 3 + Math.floor(next() * 4)).join(' ');
      if (/^[\p{L}\p{N}][^"“”]*[\p{L}\p{N}]$/u.test(phrase)) phrases.push(phrase);
    }
    const texts = textsByDoc(list);
    const results = await search(
      page,
      phrases.map((p) => `"${p}"`),
    );
    const docIndex = new Map(
      (
        await page.evaluate(async () => {
          const api = (window as unknown as { rectoSearch: Api }).rectoSearch;
          return ((await api.load()).docs as { i: string }[]).map((d) => d.i);
        })
      ).map((id, k) => [id, k]),
    );
    phrases.forEach((phrase, k) => {
      const wanted = normText(phrase);
      const got = (results[k] ?? []).map((g) => docIndex.get(g.doc.i) as number);
      const holding = [...new Set(list.filter((e) => normText(e.x ?? '').includes(wanted)).map((e) => e.d))];
      console.log(`"${phrase}": ${got.length} documents (${holding.length} hold it in one passage)`);
      expect(got.length, phrase).toBeGreaterThan(0);
      for (const d of got) expect(texts.get(d) ?? '', `${phrase} in document ${d}`).toContain(wanted);
      for (const d of holding) expect(got, `${phrase}: document ${d} holds it`).toContain(d);
      // each hit shown holds the phrase
      for (const g of results[k] ?? [])
        for (const h of g.hits) expect(normText(h.text)).toContain(wanted.split(' ')[0]);
    });
    await page.close();
  }, 60_000);

  it('the issue\'s phrase on the Iran volume: "dual capacity of Peace Corps Director" gives only the documents that hold it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${iran.server.url}/index.html`);
    const list = await entries(page);
    const texts = textsByDoc(list);
    const [groups] = await search(page, ['"dual capacity of Peace Corps Director"']);
    console.log(`"dual capacity of Peace Corps Director": ${groups?.length} documents`);
    expect(groups?.length).toBeGreaterThan(0);
    expect(groups?.length).toBeLessThanOrEqual(3);
    const ids = await page.evaluate(async () =>
      ((await (window as unknown as { rectoSearch: Api }).rectoSearch.load()).docs as { i: string }[]).map(
        (d) => d.i,
      ),
    );
    for (const g of groups ?? [])
      expect(texts.get(ids.indexOf(g.doc.i))).toContain('dual capacity of peace corps director');
    await page.close();
  }, 60_000);

  it('-word leaves out the documents that hold the word', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/index.html`);
    const list = await entries(page);
    const texts = textsByDoc(list);
    const ids = await page.evaluate(async () =>
      ((await (window as unknown as { rectoSearch: Api }).rectoSearch.load()).docs as { i: string }[]).map(
        (d) => d.i,
      ),
    );
    const [all, without, phraseWithout] = await search(page, [
      'Gromyko',
      'Gromyko -Herter',
      '"Foreign Ministers" -Gromyko',
    ]);
    console.log(`Gromyko: ${all?.length} documents; Gromyko -Herter: ${without?.length}`);
    expect(without?.length).toBeGreaterThan(0);
    expect(without?.length).toBeLessThan(all?.length ?? 0);
    for (const g of without ?? []) expect(texts.get(ids.indexOf(g.doc.i))).not.toMatch(/\bherter\b/);
    expect(phraseWithout?.length).toBeGreaterThan(0);
    for (const g of phraseWithout ?? []) {
      const t = texts.get(ids.indexOf(g.doc.i)) ?? '';
      expect(t).not.toMatch(/\bgromyko\b/);
      expect(t).toContain('foreign ministers');
    }
    await page.close();
  }, 60_000);

  for (const [device] of VIEWPORTS) {
    it(`${device}: the page a result opens marks the words and shows the first below the header; a list item's hit lands on the item`, async () => {
      const ctx = await context(device);
      const page = await ctx.newPage();
      await page.goto(`${server.url}/index.html#search`);
      const list = await entries(page);
      // a phrase of a list item, the only passage that holds it
      const item = list.find(
        (e) =>
          e.k === 'l' &&
          /^item-/.test(e.a ?? '') &&
          (e.x ?? '').split(' ').length > 12 &&
          list.filter((o) =>
            normText(o.x ?? '').includes(normText((e.x ?? '').split(' ').slice(4, 9).join(' '))),
          ).length === 1,
      ) as Entry;
      const phrase = (item.x ?? '').split(' ').slice(4, 9).join(' ');
      await page.fill('#search-input', `"${phrase}"`);
      await page.press('#search-input', 'Enter');
      const hit = page.locator('#search-results a.search-hit').first();
      await expect.poll(() => hit.count()).toBe(1);
      expect(await hit.getAttribute('href')).toMatch(new RegExp(`#${item.a}$`));
      await (device === 'phone' ? hit.tap() : hit.click());
      await page.waitForURL(new RegExp(`#${item.a}$`));
      await page.waitForLoadState('load');
      const seen = await page.evaluate(() => {
        const target = document.querySelector(':target');
        const marks = Array.from(document.querySelectorAll('mark.search-mark'));
        const first = target?.querySelector('mark.search-mark') ?? marks[0];
        const header = (document.querySelector('.site-header') as HTMLElement).getBoundingClientRect().bottom;
        const r = first?.getBoundingClientRect();
        return {
          tag: target?.tagName,
          marks: marks.map((m) => (m.textContent ?? '').toLowerCase()),
          inTarget: target?.querySelectorAll('mark.search-mark').length ?? 0,
          visible: r !== undefined && r.top >= header && r.bottom <= window.innerHeight,
        };
      });
      expect(seen.tag).toBe('LI');
      expect(seen.inTarget).toBeGreaterThan(0);
      expect(seen.visible).toBe(true);
      const words = new Set(normText(phrase).match(/[\p{L}\p{N}]+/gu));
      for (const m of seen.marks) expect(words, m).toContain(m);
      await page.screenshot({ path: `test-artifacts/phone-search-mark-${device}.png` });
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
    }, 60_000);
  }
});

describe('register entries are results of their own kind (#31)', () => {
  it("10 persons of the Iran volume's register, by name, have their register page among the first 3 results", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${iran.server.url}/index.html`);
    const persons = await page.evaluate(async () => {
      const api = (window as unknown as { rectoSearch: Api }).rectoSearch;
      return ((await api.load()).docs as { i: string; t: string; r?: string }[]).filter(
        (d) => d.r === 'Person',
      );
    });
    expect(persons.length).toBeGreaterThanOrEqual(10);
    const next = random(10);
    const picked = new Set<(typeof persons)[number]>();
    while (picked.size < 10)
      picked.add(persons[Math.floor(next() * persons.length)] as (typeof persons)[number]);
    const list = [...picked];
    // "Mansur, Hasan Ali" is asked for as a reader would type it: "Hasan Ali Mansur"
    const queries = list.map((p) => {
      const [family, given] = p.t.split(/,\s*/);
      return given ? `${given} ${family}` : p.t;
    });
    const results = await search(page, queries);
    const ranks = list.map((p, k) => (results[k] ?? []).findIndex((g) => g.doc.i === p.i) + 1);
    console.log(queries.map((q, k) => `${q}: rank ${ranks[k]}`).join('; '));
    for (const [k, rank] of ranks.entries()) {
      expect(rank, queries[k]).toBeGreaterThanOrEqual(1);
      expect(rank, queries[k]).toBeLessThanOrEqual(3);
    }
    await page.close();
  }, 60_000);

  it('a term of the list of terms is a result of its own kind, first for its abbreviation, landing on its item', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${iran.server.url}/index.html#search`);
    const list = await entries(page);
    const terms = list.filter((e) => e.k === 't');
    expect(terms.length).toBeGreaterThan(50);
    const next = random(5);
    const asked: string[] = [];
    const html = readFileSync(join(iran.site, 'docs', 'terms.html'), 'utf8');
    while (asked.length < 5) {
      const e = terms[Math.floor(next() * terms.length)] as Entry;
      const term = /<li id="([^"]+)">\s*<strong>\s*<span class="term"[^>]*>([^<]+)<\/span>/.exec(
        html.slice(html.indexOf(`id="${e.a}"`) - 8),
      );
      if (term && term[1] === e.a && /^[A-Za-z]{3,}$/.test(term[2] ?? '')) asked.push(`${term[2]} ${e.a}`);
    }
    const results = await search(
      page,
      asked.map((a) => a.split(' ')[0] as string),
    );
    asked.forEach((a, k) => {
      const [term, anchor] = a.split(' ');
      const first = results[k]?.[0];
      expect(first?.hits[0]?.kind, term).toBe('t');
      expect(first?.hits[0]?.url, term).toBe(`docs/terms.html#${anchor}`);
    });
    await page.fill('#search-input', asked[0]?.split(' ')[0] ?? '');
    await page.press('#search-input', 'Enter');
    await expect
      .poll(() => page.locator('#search-results .search-where').first().textContent())
      .toMatch(/^Term/);
    await page.close();
  }, 60_000);

  it('the seeds: "Lippmann", "Litvinoff", "Lippman" (variant spellings) find the register page first; it opens with the name marked', async () => {
    const out = tempDir();
    const r = recto(['build', '--out', out, '--formats', 'tei,html', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const seeds = await serve(join(out, 'html'));
    const ctx = await context('phone');
    const page = await ctx.newPage();
    await page.goto(`${seeds.url}/index.html#search`);
    const results = await search(page, ['Lippmann', 'Litvinoff', 'Lippman', 'Stalin']);
    const firsts = results.map((groups) => groups[0]?.doc.i);
    expect(firsts).toEqual(['lippmann', 'litvinov', 'lippmann', 'stalin']);
    await page.fill('#search-input', 'Litvinoff');
    await page.press('#search-input', 'Enter');
    const entry = page.locator('#search-results .search-group').first();
    await expect.poll(() => entry.getAttribute('data-doc')).toBe('litvinov');
    expect(await entry.locator('.search-where').first().textContent()).toBe('In the index');
    expect(await entry.locator('mark').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await entry.locator('a.search-hit').first().tap();
    await page.waitForURL(/\/register\/litvinov\.html$/);
    await page.waitForLoadState('load');
    expect(await page.locator('mark.search-mark').allTextContents()).toContain('Litvinoff');
    await ctx.close();
    await seeds.close();
  }, 120_000);
});

describe('division heads are headings (#31)', () => {
  it('the division above a document title is a heading of the page outline, before the title; axe-core 0', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const file = readdirSync(join(iran.site, 'docs')).find((f) =>
      readFileSync(join(iran.site, 'docs', f), 'utf8').includes('class="division-head"'),
    ) as string;
    expect(file).toBeDefined();
    await page.goto(`${iran.server.url}/docs/${file}`);
    const outline = await page.$$eval('main :is(h1, h2, h3, h4, h5, h6)', (hs) =>
      hs.map((h) => `${h.tagName} ${h.className} ${(h.textContent ?? '').trim()}`),
    );
    const division = outline.findIndex((h) => h.includes('division-head'));
    const title = outline.findIndex((h) => h.startsWith('H1 doc-title'));
    expect(division, outline.join('\n')).toBeGreaterThanOrEqual(0);
    expect(division).toBeLessThan(title);
    expect(outline[division]).toMatch(/^H[2-6] division-head \S/);
    expect(await page.locator('p.division-head').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
