import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { PdfStyle } from './style.ts';
import { unwrapWoff } from './woff.ts';

/**
 * The fonts of the print edition (EB Garamond, OFL, from the @fontsource npm package: `npm install`
 * is enough to build a PDF). Fontsource splits the font by script; a character missing from the
 * Latin file is set in the Latin Extended file of the same style. Widths are measured with
 * fontkit, the font engine pdfkit itself uses, and cached.
 */
export type FontStyle = 'regular' | 'italic' | 'bold';
export type FontFace = FontStyle | `${FontStyle}Ext`;

const require = createRequire(import.meta.url);

interface Glyphs {
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { advanceWidth: number };
  unitsPerEm: number;
}

export class FontSet {
  readonly paths: Record<FontFace, string>;
  readonly data = new Map<FontFace, Buffer>(); // the fonts as plain OpenType, for fontkit and pdfkit
  private readonly fonts = new Map<FontFace, Glyphs>();
  private readonly widths = new Map<FontFace, Map<string, number>>();

  constructor(style: PdfStyle) {
    const f = style.fonts;
    const resolve = (p: string): string => require.resolve(p);
    this.paths = {
      regular: resolve(f.regular),
      italic: resolve(f.italic),
      bold: resolve(f.bold),
      regularExt: resolve(f.regularExt),
      italicExt: resolve(f.italicExt),
      boldExt: resolve(f.boldExt),
    };
    for (const [face, path] of Object.entries(this.paths) as [FontFace, string][]) {
      const sfnt = unwrapWoff(readFileSync(path));
      this.data.set(face, sfnt);
      this.fonts.set(face, fontkit.create(sfnt) as unknown as Glyphs);
    }
  }

  /** Splits text into runs by the face that has its glyphs (Latin, else Latin Extended). */
  faces(text: string, style: FontStyle): { text: string; face: FontFace }[] {
    const main = this.fonts.get(style) as Glyphs;
    const out: { text: string; face: FontFace }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 32;
      const face: FontFace = main.hasGlyphForCodePoint(cp) || /\s/.test(ch) ? style : `${style}Ext`;
      const last = out.at(-1);
      if (last && last.face === face) last.text += ch;
      else out.push({ text: ch, face });
    }
    return out;
  }

  width(text: string, face: FontFace, size: number): number {
    // One table per face: no key to build for each of the book's words.
    let widths = this.widths.get(face);
    if (!widths) {
      widths = new Map();
      this.widths.set(face, widths);
    }
    let units = widths.get(text);
    if (units === undefined) {
      const font = this.fonts.get(face) as Glyphs;
      units = font.layout(text).advanceWidth / font.unitsPerEm;
      widths.set(text, units);
    }
    return units * size;
  }
}
