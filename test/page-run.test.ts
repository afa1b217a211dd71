import { describe, expect, it } from 'vitest';
import { formsPageRun, pageValue, runsOn } from '../src/normalize/page-run.ts';

/** Pages `n` standing `every` characters apart, the text running on across each break or not. */
const pages = (ns: string[], every: number, runOn: boolean) =>
  ns.map((n, k) => ({ n, offset: k * every, runsOn: runOn }));

describe('the page-run guard (weak page breaks must read as a book’s pages)', () => {
  it('reads a folio as printed, through the OCR’s misreadings, and roman front matter', () => {
    expect(pageValue('27')).toEqual({ kind: 'arabic', value: 27 });
    expect(pageValue('S2')).toEqual({ kind: 'arabic', value: 52 });
    expect(pageValue('so')).toEqual({ kind: 'arabic', value: 50 });
    expect(pageValue('xii')).toEqual({ kind: 'roman', value: 12 });
    expect(pageValue('Venereal')).toBeNull();
  });

  it('accepts a rising run spaced as pages, with a misread folio or two among them', () => {
    expect(formsPageRun(pages(['17', '18', '19', '20', '21', '00', '23'], 2000, true))).toBe(true);
    expect(formsPageRun(pages(['iii', 'iv', '1', '2'], 1500, true))).toBe(true);
  });

  it('refuses numbers that do not rise, years, and chapter-long or line-short spacing', () => {
    expect(formsPageRun(pages(['40', '12', '7', '31', '3'], 2000, true))).toBe(false);
    expect(formsPageRun(pages(['1861', '1862', '1863'], 2000, true))).toBe(false);
    expect(formsPageRun(pages(['12', '13', '14'], 30_000, true))).toBe(false);
    expect(formsPageRun(pages(['5', '10', '15'], 200, true))).toBe(false);
  });

  it('refuses a run of three or more that never falls inside a sentence, unless running heads show the pages', () => {
    expect(formsPageRun(pages(['1', '2', '3', '4'], 1200, false))).toBe(false);
    expect(formsPageRun(pages(['1', '2', '3', '4'], 1200, false), true)).toBe(true);
  });

  it('holds folios with no margin around them to a stricter run: four in five rising, 600 characters a page', () => {
    const strict = { minRising: 0.8, minPageChars: 600 };
    expect(formsPageRun(pages(['41', '42', '43'], 1500, true), false, strict)).toBe(true);
    expect(formsPageRun(pages(['1', '2', '3', '4'], 200, true), false, strict)).toBe(false);
    expect(formsPageRun(pages(['41', '12', '43', '9', '45'], 1500, true), false, strict)).toBe(false);
  });

  it('lets one page break alone stand on its own rule’s evidence, but not a year', () => {
    expect(formsPageRun([{ n: '445', offset: 0 }])).toBe(true);
    expect(formsPageRun([{ n: '1878', offset: 0 }])).toBe(false);
  });

  it('tells a sentence a page cut from two paragraphs', () => {
    expect(runsOn('and so on to the end of the', 'page, where the line')).toBe(true);
    expect(runsOn('the sores are clean.', 'The third rule')).toBe(false);
    expect(runsOn('the sores are clean.', 'and the third rule')).toBe(true);
  });
});
