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
