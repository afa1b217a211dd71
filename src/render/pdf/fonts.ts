import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { PdfStyle } from './style.ts';
import { unwrapWoff } from './woff.ts';

/**
 * The fonts of the print edition (EB Garamond, OFL, from the @fontsource npm package: `npm install`
 * is enough to build a PDF). Fontsource splits the font by script; a character missing from the
 * Latin file is set in the Latin Extended file of the same style. Text is shaped with
 * fontkit, the font engine pdfkit itself uses, once per distinct word: the layout measures the
 * shaped glyphs and the PDF draws those same glyphs.
 */
export type FontStyle = 'regular' | 'italic' | 'bold';
export type FontFace = FontStyle | `${FontStyle}Ext`;

const require = createRequire(import.meta.url);

/** A fontkit glyph as the PDF needs it: its id, the characters it shows, its advance. */
export interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number; // font units
}

/** Where fontkit's shaping places a glyph (font units). */
export interface GlyphPlacement {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A run of text shaped once (kerning, ligatures, marks): measured by the layout, drawn by the PDF. */
export interface Shaped {
  glyphs: Glyph[];
  positions: GlyphPlacement[];
  advance: number; // font units
  unitsPerEm: number;
}

interface Glyphs {
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { glyphs: Glyph[]; positions: GlyphPlacement[]; advanceWidth: number };
  unitsPerEm: number;
}

export class FontSet {
  readonly paths: Record<FontFace, string>;
  readonly data = new Map<FontFace, Buffer>(); // the fonts as plain OpenType, for fontkit and pdfkit
  private readonly fonts = new Map<FontFace, Glyphs>();
  private readonly shapes = new Map<FontFace, Map<string, Shaped>>();
  private readonly coverage = new Map<FontStyle, Map<number, boolean>>();

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

  /** Whether a style's main (Latin) face has a character, remembered per character. */
  private inMain(style: FontStyle, cp: number, ch: string): boolean {
    let known = this.coverage.get(style);
    if (!known) {
      known = new Map();
      this.coverage.set(style, known);
    }
    let has = known.get(cp);
    if (has === undefined) {
      has = (this.fonts.get(style) as Glyphs).hasGlyphForCodePoint(cp) || /\s/.test(ch);
      known.set(cp, has);
    }
    return has;
  }

  /** Splits text into runs by the face that has its glyphs (Latin, else Latin Extended). */
  faces(text: string, style: FontStyle): { text: string; face: FontFace }[] {
    const out: { text: string; face: FontFace }[] = [];
    let start = 0;
    let current: FontFace | undefined;
    for (let k = 0; k < text.length; ) {
      const cp = text.codePointAt(k) ?? 32;
      const width = cp > 0xffff ? 2 : 1;
      const face: FontFace = this.inMain(style, cp, text.slice(k, k + width)) ? style : `${style}Ext`;
      if (current !== undefined && face !== current) {
        out.push({ text: text.slice(start, k), face: current });
        start = k;
      }
      current = face;
      k += width;
    }
    // Slices, not characters added one by one: flat strings the shape cache can hash quickly.
    if (current !== undefined) out.push({ text: text.slice(start), face: current });
    return out;
  }

  /** Shapes text in a face, once per distinct text: the same glyphs are measured and drawn. */
  shape(text: string, face: FontFace): Shaped {
    // One table per face: no key to build for each of the book's words.
    let shapes = this.shapes.get(face);
    if (!shapes) {
      shapes = new Map();
      this.shapes.set(face, shapes);
    }
    let shaped = shapes.get(text);
    if (!shaped) {
      const font = this.fonts.get(face) as Glyphs;
      const run = font.layout(text);
      shaped = {
        glyphs: run.glyphs,
        positions: run.positions,
        advance: run.advanceWidth,
        unitsPerEm: font.unitsPerEm,
      };
      shapes.set(text, shaped);
    }
    return shaped;
  }

  width(text: string, face: FontFace, size: number): number {
    const shaped = this.shape(text, face);
    return (shaped.advance / shaped.unitsPerEm) * size;
  }
}
