import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeIfChanged } from '../fs/write-if-changed.ts';

/**
 * The site is self-contained: once every writer is done, the books it offers for download (the
 * first file of each writer that declares a download) are copied into `html/downloads/` beside the
 * TEI the HTML writer put there, so a published `html/` folder has every file it links to. (The
 * HTML writer cannot copy them itself: the books are made beside it, on other threads.)
 * Unchanged files keep their times.
 */
export async function publishDownloads(
  outDir: string,
  formats: string[],
  books: string[],
): Promise<string[]> {
  if (!formats.includes('html')) return [];
  const written: string[] = [];
  for (const file of books) {
    const target = join(outDir, 'html', 'downloads', basename(file));
    await writeIfChanged(target, await readFile(file));
    written.push(target);
  }
  return written;
}
