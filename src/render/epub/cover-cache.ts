import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../fs/write-if-changed.ts';
import type { EditionMeta } from '../../meta.ts';
import { coverPng } from './raster-cover.ts';

/**
 * The raster cover kept from one build to the next (`output/.cache/epub/cover.json`): drawing it
 * starts HarfBuzz's WebAssembly and opens three fonts, about 0.4 s of CPU in the fresh thread that
 * makes the book, for a picture that changes only with the edition's metadata. Keyed by all of the
 * metadata (not only what the cover shows today: a cover that comes to show more stays right), the
 * file's version is the EPUB stage's key (its code, the locked libraries and their fonts, the look),
 * as for the kept chapters: the same key gives the bytes drawing it gives.
 */
interface CoverFile {
  version: string;
  key: string;
  png: string; // base64
}

export async function keptCoverPng(
  meta: EditionMeta,
  cache: { dir: string; key: string } | undefined,
): Promise<Uint8Array> {
  if (!cache) return coverPng(meta);
  const file = join(cache.dir, 'epub', 'cover.json');
  const key = createHash('sha256').update(JSON.stringify(meta)).digest('base64url');
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as CoverFile;
    if (kept.version === cache.key && kept.key === key) return Buffer.from(kept.png, 'base64');
  } catch {
    // none yet, or unreadable: drawn anew
  }
  const png = await coverPng(meta);
  const record: CoverFile = { version: cache.key, key, png: Buffer.from(png).toString('base64') };
  await writeIfChanged(file, JSON.stringify(record));
  return png;
}
