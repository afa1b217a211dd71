/**
 * From saving one source file to the open page showing the new text, with `recto preview` on a
 * sources folder and the page open in Debian's Chromium: the loop an editor lives in. Each edit
 * appends a sentence to another document's source; the clock stops when the page shows it. The
 * next edit waits until the background books are built (an editor reads between saves).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentId } from '../src/normalize/index.ts';
import { launchChromium } from '../test/support/browser.ts';
import { startPreviewProcess } from '../test/support/preview-process.ts';

export async function previewLatency(sources: string, out: string, edits: number): Promise<number[]> {
  const texts = readdirSync(sources)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const preview = await startPreviewProcess(['--sources', sources, '--out', out]);
  const browser = await launchChromium();
  const seconds: number[] = [];
  try {
    const page = await browser.newPage();
    const idle = () =>
      page.waitForFunction(
        () => /up to date/.test(document.querySelector('#recto-preview')?.textContent ?? ''),
        undefined,
        {
          timeout: 300_000,
        },
      );
    for (let k = 0; k < edits; k++) {
      const name = texts[100 + k * 37] ?? (texts[k] as string);
      await page.goto(`${preview.url}docs/${documentId(name.replace(/\.txt$/, ''))}.html`);
      await idle();
      const sentence = `Benchmark sentence ${k} (${Date.now()}).`;
      const file = join(sources, name);
      const started = performance.now();
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${sentence}\n`);
      await page.waitForFunction((s) => document.body.innerText.includes(s), sentence, {
        timeout: 60_000,
        polling: 'raf',
      });
      seconds.push((performance.now() - started) / 1000);
    }
  } finally {
    await browser.close();
    await preview.interrupt();
  }
  return seconds;
}
