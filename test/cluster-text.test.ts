import type * as HarfBuzz from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { glyphTexts } from '../src/render/pdf/cluster-text.ts';

/** What each shaped glyph gives back when text is copied out of the PDF (its ToUnicode entry). */
const info = (codepoint: number, cluster: number): HarfBuzz.GlyphInfo =>
  ({ codepoint, cluster }) as HarfBuzz.GlyphInfo;
const cmap: Record<number, number> = { 113: 108, 772: 292, 1614: 349, 1576: 900 };
const nominal = (cp: number): number | undefined => cmap[cp];

describe('the characters of each glyph', () => {
  it('gives a base and its combining mark each its own character (q̄ = q + macron)', () => {
    expect(glyphTexts([info(108, 0), info(292, 0)], 'q\u0304', false, nominal)).toEqual([[0x71], [0x304]]);
  });

  it('gives a ligature all its characters and a decomposed letter its one character on the base', () => {
    expect(glyphTexts([info(7, 0), info(8, 2)], 'fix', false, nominal)).toEqual([[0x66, 0x69], [0x78]]);
    // ñ set as n and a tilde by a font without ñ: the characters cannot be shared out one each
    expect(glyphTexts([info(5, 0), info(6, 0)], 'ñ', false, nominal)).toEqual([[0xf1], []]);
  });

  it('in right-to-left text, gives a mark its character and the base (its contextual form) the rest', () => {
    // بَ in visual order: the fatha (its own glyph), then a dot and the dotless skeleton
    const texts = glyphTexts([info(349, 0), info(263, 0), info(15, 0)], '\u0628\u064e', true, nominal);
    expect(texts).toEqual([[0x64e], [], [0x628]]);
  });
});
