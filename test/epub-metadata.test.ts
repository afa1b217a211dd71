import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEpub } from './support/epub.ts';
import { recto, tempDir } from './support/run.ts';
import { sharedCorpus } from './support/shared.ts';

/**
 * Issue #26, the EPUB's metadata from the TEI: one dc:creator or dc:contributor per person with
 * a MARC role (a FRUS volume's two editors are two people, not "A and B"), dc:rights always
 * stated (a rendered volume states none: so it says), dcterms:modified from SOURCE_DATE_EPOCH,
 * else the TEI's last revision (the Iran volume's 2008-12-29, not its print year as 1999-01-01),
 * a PNG cover beside the SVG, the index in the nav contents; and no empty paragraph in a
 * rendered volume's HTML footer. (EPUBCheck 0/0 and Ace 0 on these books: test/epub.test.ts for the
 * seeds, test/volumes-epubcheck.test.ts for every volume.) ~30 s.
 */
let seeds: { opf: string; nav: string; bytes: Record<string, Uint8Array> };
let volume: { opf: string; nav: string; bytes: Record<string, Uint8Array>; html: string };

const unpack = (file: string): { opf: string; nav: string; bytes: Record<string, Uint8Array> } => {
  const files = readEpub(file);
  return {
    opf: files.get('OEBPS/content.opf') ?? '',
    nav: files.get('OEBPS/toc.xhtml') ?? '',
    bytes: unzipSync(readFileSync(file)),
  };
};

beforeAll(() => {
  const out = tempDir('recto-epub-meta-');
  const r = recto(['build', '--out', out, '--formats', 'tei,epub', '--no-cache', '--quiet'], {
    env: { SOURCE_DATE_EPOCH: '1767225600' },
  });
  expect(r.status, r.stderr).toBe(0);
  seeds = unpack(join(out, 'soviet-conduct.epub'));
  // A volume we did not write, rendered without SOURCE_DATE_EPOCH: its own dates speak.
  const vout = tempDir('recto-epub-meta-volume-');
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  const v = recto(
    ['render', sharedCorpus('frus1964-68v22', 'volume.xml'), '--out', vout, '--formats', 'epub,html'],
    {
      env,
    },
  );
  expect(v.status, v.stderr).toBe(0);
  const file = join(vout, 'frus1964-68v22.epub');
  volume = { ...unpack(file), html: readFileSync(join(vout, 'html', 'index.html'), 'utf8') };
}, 180_000);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('the EPUB’s metadata from the TEI', () => {
  it('names each editor once, with a role: the volume’s primary editor creates, its general editor contributes', () => {
    expect(volume.opf).toContain('<dc:creator id="creator-1">Nina D. Howland</dc:creator>');
    expect(volume.opf).toContain(
      '<meta refines="#creator-1" property="role" scheme="marc:relators">edt</meta>',
    );
    expect(volume.opf).toContain('<dc:contributor id="contributor-2">David S. Patterson</dc:contributor>');
    expect(volume.opf).toContain(
      '<meta refines="#contributor-2" property="role" scheme="marc:relators">edt</meta>',
    );
    expect(volume.opf).not.toMatch(/<dc:(?:creator|contributor)[^>]*>[^<]* and [^<]*</);
    expect(seeds.opf).toContain('<dc:creator id="creator-1">Recto Editorial Team</dc:creator>');
  });

  it('always states the rights: the licence, or that none is stated', () => {
    expect(volume.opf).toContain('<dc:rights>The rights of this edition are not stated.</dc:rights>');
    expect(seeds.opf).toMatch(
      /<dc:rights>The documents are in the public domain; the editorial matter is licensed CC BY 4\.0\.<\/dc:rights>/,
    );
    // the site's footer says the same, never an empty paragraph
    expect(volume.html).not.toContain('<p></p>');
    expect(volume.html).toContain('<p>The rights of this edition are not stated.</p>');
  });

  it('is modified at SOURCE_DATE_EPOCH, else at the TEI’s last revision', () => {
    expect(seeds.opf).toContain('<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>');
    expect(volume.opf).toContain('<meta property="dcterms:modified">2008-12-29T00:00:00Z</meta>');
  });

  it('has a PNG cover (the cover-image) beside the SVG', () => {
    for (const book of [seeds, volume]) {
      expect(book.opf).toContain(
        '<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image" />',
      );
      expect(book.opf).toContain('<item id="cover-svg" href="cover.svg" media-type="image/svg+xml" />');
      const png = book.bytes['OEBPS/cover.png'] as Uint8Array;
      expect([...png.subarray(0, 8)]).toEqual(PNG);
      const view = new DataView(png.buffer, png.byteOffset);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([800, 1280]);
      expect(book.bytes['OEBPS/cover.svg']?.length).toBeGreaterThan(0);
    }
    // the cover shows the title: not one flat colour (the two books' covers differ)
    expect(
      Buffer.compare(
        Buffer.from(seeds.bytes['OEBPS/cover.png'] as Uint8Array),
        Buffer.from(volume.bytes['OEBPS/cover.png'] as Uint8Array),
      ),
    ).not.toBe(0);
  });

  it('lists the index in the nav’s contents, not only among the landmarks', () => {
    const toc = (nav: string): string => /<nav id="toc"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '';
    expect(toc(seeds.nav)).toContain('<li><a href="register-index.xhtml">Index</a></li>');
    // the volume prints its own index: ours is the index of names
    expect(toc(volume.nav)).toContain('<li><a href="register-index.xhtml">Index of names</a></li>');
  });
});
