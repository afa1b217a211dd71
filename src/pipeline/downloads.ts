import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import type { EditionMeta } from '../meta.ts';
import type { Download } from '../render/writer.ts';
import { WRITERS } from '../render/writers.ts';

/**
 * What the reading site offers for download: the TEI master, then the book of each writer that
 * has one and is made in this build (copied into `html/downloads/` once made).
 */
export function siteDownloads(meta: EditionMeta, formats: string[]): Download[] {
  const downloads: Download[] = [{ href: 'downloads/edition.xml', label: 'TEI P5 master (XML)' }];
  for (const w of WRITERS) {
    const file = w.outputs(meta)[0];
    if (w.download && file && formats.includes(w.format))
      downloads.push({ href: `downloads/${basename(file)}`, label: w.download });
  }
  return downloads;
}

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
