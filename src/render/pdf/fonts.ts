import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as HarfBuzz from 'harfbuzzjs';
import type { PdfStyle } from './style.ts';
import { unwrapWoff } from './woff.ts';

/**
 * The fonts of the print edition (EB Garamond, OFL, from the @fontsource npm package: `npm install`
 * is enough to build a PDF). Fontsource splits the font by script; a character missing from the
 * Latin file is set in the Latin Extended file of the same style. Text is shaped once per
 * distinct word with HarfBuzz (harfbuzzjs, WebAssembly): the layout measures the shaped glyphs and
 * the PDF draws those same glyphs through pdfkit's font subset. HarfBuzz gives the glyphs and
 * positions fontkit's shaper gave (the FRUS volume's PDF came out byte-identical) at a third of the
 * time, and fontkit's per-run objects were much of the PDF's garbage.
 */
export type FontStyle = 'regular' | 'italic' | 'bold';
export type FontFace = FontStyle | `${FontStyle}Ext`;

const require = createRequire(import.meta.url);

/** A glyph as the PDF needs it: its id, the characters it shows, its advance. */
export interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number; // font units
}

/** Where shaping places a glyph (font units). */
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

/** A face as HarfBuzz shapes it, with its glyphs' nominal advances remembered (each a WebAssembly call). */
interface Face {
  font: HarfBuzz.Font;
  unitsPerEm: number;
  advances: Map<number, number>;
  // Shaped runs share their glyph and placement objects: a book's words hold millions of glyphs.
  glyphs: Map<number, Glyph>; // by id and the one character it shows
  placements: Map<number, GlyphPlacement>; // by advance, for glyphs set on the pen
}

export class FontSet {
  readonly paths: Record<FontFace, string>;
  readonly data = new Map<FontFace, Buffer>(); // the fonts as plain OpenType, for HarfBuzz and pdfkit
  private readonly fonts = new Map<FontFace, Face>();
  private readonly buffer: HarfBuzz.Buffer; // one, cleared for each run: no allocation per word
  private readonly shapes = new Map<FontFace, Map<string, Shaped>>();
  private readonly coverage = new Map<FontStyle, Map<number, boolean>>();

  /**
   * harfbuzzjs starts its WebAssembly with a top-level await, which a module loaded through
   * `require` (as worker threads load ours) may not contain: it is imported here, when fonts are
   * first needed, and handed in.
   */
  static async load(style: PdfStyle): Promise<FontSet> {
    return new FontSet(style, await import('harfbuzzjs'));
  }

  private constructor(
    style: PdfStyle,
    private readonly hb: typeof HarfBuzz,
  ) {
    this.buffer = new hb.Buffer();
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
      const hbFace = new hb.Face(new hb.Blob(sfnt));
      this.fonts.set(face, {
        font: new hb.Font(hbFace),
        unitsPerEm: hbFace.upem,
        advances: new Map(),
        glyphs: new Map(),
        placements: new Map(),
      });
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
      has = (this.fonts.get(style) as Face).font.nominalGlyph(cp) !== undefined || /\s/.test(ch);
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
      shaped = this.shapeRun(text, this.fonts.get(face) as Face);
      shapes.set(text, shaped);
    }
    return shaped;
  }

  private shapeRun(text: string, face: Face): Shaped {
    const buffer = this.buffer;
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    this.hb.shape(face.font, buffer);
    const infos = buffer.getGlyphInfos();
    const placed = buffer.getGlyphPositions();
    const glyphs: Glyph[] = [];
    const positions: GlyphPlacement[] = [];
    let advance = 0;
    for (let k = 0; k < infos.length; k++) {
      const { codepoint: id, cluster } = infos[k] as HarfBuzz.GlyphInfo;
      const p = placed[k] as HarfBuzz.GlyphPosition;
      let nominal = face.advances.get(id);
      if (nominal === undefined) {
        nominal = face.font.glyphHAdvance(id);
        face.advances.set(id, nominal);
      }
      // The characters a glyph shows (for copying text out of the PDF): its cluster's, given to
      // the cluster's first glyph (clusters are UTF-16 offsets, rising in left-to-right text).
      const previous = k > 0 ? (infos[k - 1] as HarfBuzz.GlyphInfo).cluster : -1;
      let end = text.length;
      for (let j = k + 1; j < infos.length; j++) {
        const c = (infos[j] as HarfBuzz.GlyphInfo).cluster;
        if (c !== cluster) {
          end = c;
          break;
        }
      }
      const codePoints = cluster === previous ? [] : codePointsOf(text.slice(cluster, end));
      glyphs.push(glyphOf(face, id, codePoints, nominal));
      positions.push(placementOf(face, p));
      advance += p.xAdvance;
    }
    return { glyphs, positions, advance, unitsPerEm: face.unitsPerEm };
  }

  width(text: string, face: FontFace, size: number): number {
    const shaped = this.shape(text, face);
    return (shaped.advance / shaped.unitsPerEm) * size;
  }
}

function glyphOf(face: Face, id: number, codePoints: number[], advanceWidth: number): Glyph {
  if (codePoints.length !== 1) return { id, codePoints, advanceWidth };
  const key = id * 0x110000 + (codePoints[0] as number);
  let glyph = face.glyphs.get(key);
  if (!glyph) {
    glyph = { id, codePoints, advanceWidth };
    face.glyphs.set(key, glyph);
  }
  return glyph;
}

function placementOf(face: Face, p: HarfBuzz.GlyphPosition): GlyphPlacement {
  if (p.xOffset || p.yOffset) return { xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset };
  let placement = face.placements.get(p.xAdvance);
  if (!placement) {
    placement = { xAdvance: p.xAdvance, xOffset: 0, yOffset: 0 };
    face.placements.set(p.xAdvance, placement);
  }
  return placement;
}

function codePointsOf(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0) ?? 0);
  return out;
}
