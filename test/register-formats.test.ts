import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, readEpub } from './support/epub.ts';
import { checkPdfIndex } from './support/pdf-index.ts';
import { recto, tempDir } from './support/run.ts';
import { sharedCorpus } from './support/shared.ts';

/**
 * Issue #19, items 2 and 4: the seeds, with their register (sources/register.json), build with an
 * index in all three formats — the HTML register pages, the EPUB index (EPUB Indexes 1.0, every
 * locator landing on an element of its chapter, EPUBCheck clean) and the PDF's back-of-book index,
 * every page number of which is a page where pdftotext finds the person's name or a form the
 * text uses. The PDF index of a FRUS volume rendered with `recto render` is checked the same way.
 */
let out: string;

beforeAll(() => {
  out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei,html,epub,pdf', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
});

describe('the register in every format (the seeds)', () => {
  it('HTML: an index of the register and a page per person', () => {
    const site = join(out, 'html');
    expect(existsSync(join(site, 'register', 'index.html'))).toBe(true);
    for (const id of ['kennan', 'bullitt', 'litvinov', 'stalin', 'lippmann', 'wallace'])
      expect(existsSync(join(site, 'register', `${id}.html`)), id).toBe(true);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('href="register/index.html"');
  });

  it('EPUB: an index (epub:type="index") whose locators land on the mentions; EPUBCheck 0 errors, 0 warnings', () => {
    const epub = join(out, 'soviet-conduct.epub');
    const files = readEpub(epub);
    const index = files.get('OEBPS/register-index.xhtml') ?? '';
    expect(index).toContain('epub:type="index"');
    expect(index).toContain('epub:type="index-entry-list"');
    const locators = [...index.matchAll(/epub:type="index-locator" href="([^"#]+)#([^"]+)"/g)];
    expect(locators.length).toBeGreaterThan(5);
    for (const [, file, id] of locators) {
      const chapter = files.get(`OEBPS/${file}`) ?? '';
      expect(chapter, `${file}#${id}`).toContain(`id="${id}"`);
    }
    expect(files.get('OEBPS/toc.xhtml')).toContain('epub:type="index" href="register-index.xhtml"');
    const result = epubcheck(epub);
    expect(result.errors, result.output).toBe(0);
    expect(result.warnings, result.output).toBe(0);
  }, 120_000);

  it('PDF: a back-of-book index whose every page number is a page where the name is printed', async () => {
    const pdf = join(out, 'soviet-conduct.pdf');
    const result = await checkPdfIndex(pdf, join(out, 'tei', 'edition.xml'));
    console.log(
      `PDF index, seeds: ${result.entries} entries, ${result.subEntries} sub-entries, ${result.see} cross-references, ${result.numbers} page numbers, ${result.misses.length} wrong`,
    );
    expect(result.entries).toBe(6);
    // seed 004 spells him Lippman once: a sub-entry under Lippmann, and a cross-reference from
    // each variant spelt with another surname (Lippman, Litvinoff)
    expect(result.subEntries).toBe(1);
    expect(result.see).toBe(2);
    expect(result.misses).toEqual([]);
  }, 120_000);
});

describe('the PDF index of a FRUS volume (recto render, the volume’s own list of persons)', () => {
  it('gives only pages where the name is printed', async () => {
    const volume = sharedCorpus('frus1969-76v19p1', 'volume.xml'); // missing: an error naming it
    const dir = tempDir();
    const r = recto(['render', volume, '--out', dir, '--formats', 'pdf', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(dir, 'frus1969-76v19p1.pdf');
    const result = await checkPdfIndex(pdf, volume);
    console.log(
      `PDF index, frus1969-76v19p1: ${result.entries} entries, ${result.numbers} page numbers, ${result.misses.length} wrong\n${result.misses.slice(0, 20).join('\n')}`,
    );
    expect(result.entries).toBeGreaterThan(50);
    expect(result.misses).toEqual([]);
  }, 600_000);
});
