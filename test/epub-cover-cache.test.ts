import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditionMeta } from '../src/meta.ts';
import { keptCoverPng } from '../src/render/epub/cover-cache.ts';
import { coverPng } from '../src/render/epub/raster-cover.ts';
import { tempDir } from './support/run.ts';

/**
 * The EPUB's raster cover kept in the build cache (`.cache/epub/cover.json`): the bytes drawing it
 * gives, kept while the metadata and the EPUB stage's key are unchanged, drawn again when either
 * changes. (That a book made with a kept cover equals a clean build's is incremental-outputs'.)
 * Three covers drawn, about 1 s.
 */
const meta = { id: 'ed', title: 'The Berlin Crisis', language: 'en', editor: 'The Office' } as EditionMeta;

describe('the kept EPUB cover', () => {
  it('is the drawn cover, kept for the same metadata and key, drawn anew when either changes', async () => {
    const dir = tempDir('recto-cover-');
    const cache = { dir, key: 'v1' };
    const drawn = await coverPng(meta);
    expect(Buffer.from(await keptCoverPng(meta, cache)).equals(Buffer.from(drawn))).toBe(true);
    const file = join(dir, 'epub', 'cover.json');
    // what the next build reads is what is in the file: change its picture, and it is used
    const record = JSON.parse(readFileSync(file, 'utf8')) as { png: string };
    writeFileSync(file, JSON.stringify({ ...record, png: Buffer.from('kept').toString('base64') }));
    expect(Buffer.from(await keptCoverPng(meta, cache)).toString()).toBe('kept');
    // another stage key (code, fonts, look): drawn again
    expect(Buffer.from(await keptCoverPng(meta, { dir, key: 'v2' })).equals(Buffer.from(drawn))).toBe(true);
    // other metadata: drawn again, and it shows the new title
    const retitled = { ...meta, title: 'The Congo Crisis' };
    const redrawn = Buffer.from(await keptCoverPng(retitled, { dir, key: 'v2' }));
    expect(redrawn.equals(Buffer.from(drawn))).toBe(false);
    expect(redrawn.equals(Buffer.from(await coverPng(retitled)))).toBe(true);
  });
});
