import { cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId } from '../src/normalize/index.ts';
import { launchChromium } from './support/browser.ts';
import { type PreviewProcess, startPreviewProcess } from './support/preview-process.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';

const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' };
const SOURCE = '002_c4af6ddfc8abae36';

/** Every file under a folder, relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile())
      files.set(join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name)));
  return files;
}

/** A request exactly as written (no client-side normalisation of `..`): status and body. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('recto preview', () => {
  const dir = tempDir('recto-preview-');
  const sources = join(dir, 'sources');
  const out = join(dir, 'output');
  let preview: PreviewProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    cpSync(SEEDS, sources, { recursive: true });
    preview = await startPreviewProcess(['--sources', sources, '--out', out], EPOCH);
    browser = await launchChromium();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (preview?.child.exitCode === null) preview.child.kill('SIGKILL');
  });

  it('serves the site on 127.0.0.1 only, nothing outside the output folder, and writes no reload script into output/', async () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
    const port = Number(new URL(preview.url).port);
    // Reachable on the loopback address, refused on every other address of this machine.
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (other) {
      const reached = await new Promise<boolean>((done) => {
        const socket = connect({ host: other, port }, () => {
          socket.destroy();
          done(true);
        });
        socket.on('error', () => done(false));
      });
      expect(reached, `port ${port} answered on ${other}`).toBe(false);
    }
    // A secret beside the output folder, and a link to it planted inside the site.
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    symlinkSync(join(dir, 'secret.txt'), join(out, 'html', 'planted.txt'));
    for (const path of [
      '/../secret.txt',
      '/../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/..%2fsecret.txt',
      '/docs/..%2f..%2fsecret.txt',
      '/docs/%2e%2e/%2e%2e/secret.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/%00/../secret.txt',
      '/planted.txt',
      '/__recto/../secret.txt',
      '/__recto/..%2f..%2fsecret.txt',
      '//etc/passwd',
    ]) {
      const r = await rawGet(preview.url, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('do not serve');
      expect(r.body, path).not.toContain('root:');
    }
    const ok = await rawGet(preview.url, '/index.html');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('/__recto/live.js'); // added as served …
    for (const [name, bytes] of tree(join(out, 'html'))) expect(bytes.includes('__recto'), name).toBe(false); // … never on disk
  });

  it('shows a sentence appended to a source in the open page without navigating, then the EPUB and PDF up to date', async () => {
    const id = documentId(SOURCE);
    await page.goto(`${preview.url}docs/${id}.html`);
    await expect(page.locator('#recto-preview')).toBeDefined();
    const sentence = `The preview test appended this sentence (${Date.now()}).`;
    const file = join(sources, `${SOURCE}.txt`);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${sentence}\n`);
    await page.waitForFunction((s) => document.body?.innerText.includes(s) ?? false, sentence, {
      timeout: 30_000,
    });
    // The page reloaded itself (the live script), at the same address: the test never navigated.
    expect(new Set(navigations)).toEqual(new Set([`${preview.url}docs/${id}.html`]));
    await page.waitForFunction(
      () => document.querySelector('#recto-preview')?.textContent?.includes('EPUB and PDF: up to date'),
      undefined,
      { timeout: 120_000 },
    );
  }, 180_000);

  it('lists the warnings of the last build in the page, each linked to the paragraph its line is in', async () => {
    const name = '001_39edde1195e6049d';
    const file = join(sources, `${name}.txt`);
    await page.goto(`${preview.url}docs/${documentId(name)}.html`);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('\n\nIf this basic postulate');
    writeFileSync(file, `${text.slice(0, at)}\n\nThe IPOLITICAL question remains open.${text.slice(at)}`);
    await page.waitForFunction(
      () => document.body?.innerText.includes('IPOLITICAL question') ?? false,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const warning = page.locator('#recto-preview li', { hasText: 'IPOLITICAL' });
    await warning.first().waitFor({ state: 'attached', timeout: 30_000 });
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('IPOLITICAL')) + 1;
    // (in the status line's folded list of warnings)
    expect(await warning.first().textContent()).toContain(`${name}.txt:${line}:5 warning [ocr-suspect]`);
    const href = (await warning.first().locator('a').getAttribute('href')) ?? '';
    expect(href.startsWith(`/docs/${documentId(name)}.html#`), href).toBe(true);
    // the anchor is the paragraph that holds the word
    const anchor = href.split('#')[1] ?? '';
    expect(await page.locator(`[id="${anchor}"]`).innerText()).toBe('The IPOLITICAL question remains open.');
    await page.goto(`${preview.url}docs/${documentId(SOURCE)}.html`); // back to the page the next test watches
  }, 120_000);

  it('shows a broken edition.json in an overlay (file:line:column, rule, message), keeps the last good page, and shows the page again once fixed', async () => {
    const manifest = join(sources, 'edition.json');
    const good = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, good.replace('{', '{\n  "title": ,'));
    const overlay = page.locator('#recto-preview-errors');
    await overlay.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await overlay.innerText();
    expect(text).toMatch(/edition\.json:\d+:\d+/);
    expect(text).toMatch(/error \[manifest-[a-z-]+\]/);
    expect(preview.output()).toMatch(/edition\.json:\d+:\d+: error \[manifest-/); // and on the terminal
    // the last good page is still what is served
    const still = await rawGet(preview.url, `/docs/${documentId(SOURCE)}.html`);
    expect(still.status).toBe(200);
    expect(still.body).toContain('The preview test appended this sentence');

    writeFileSync(manifest, good);
    await overlay.waitFor({ state: 'hidden', timeout: 60_000 });
    await page.waitForFunction(
      () => document.body?.innerText.includes('The preview test appended this sentence') ?? false,
      undefined,
      { timeout: 30_000 },
    );
  }, 120_000);

  it('stops cleanly on Ctrl-C, even in the middle of a build: exit 0, no temporary files, a cache that builds the same bytes as a clean build', async () => {
    const file = join(sources, '003_60cacaa50c9c7620.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nA last sentence before Ctrl-C.\n`);
    await new Promise((done) => setTimeout(done, 1500)); // the rebuild and the background books are under way
    expect(await preview.interrupt()).toBe(0);
    expect(preview.output()).toContain('preview stopped');
    expect([...tree(out).keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // What the preview left (cache included) builds exactly what a clean build of the same sources makes.
    const cached = recto(['build', '--sources', sources, '--out', out], { env: EPOCH });
    expect(cached.status, cached.stderr).toBe(0);
    const clean = join(dir, 'clean');
    const fresh = recto(['build', '--sources', sources, '--out', clean, '--no-cache'], { env: EPOCH });
    expect(fresh.status, fresh.stderr).toBe(0);
    const a = tree(out);
    const b = tree(clean);
    a.delete('html/planted.txt');
    const outputs = (m: Map<string, Buffer>) => [...m.keys()].filter((k) => !k.startsWith('.cache/')).sort();
    expect(outputs(a)).toEqual(outputs(b));
    for (const name of outputs(b)) expect(a.get(name)?.equals(b.get(name) as Buffer), name).toBe(true);
  }, 240_000);
});
