import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as HarfBuzz from 'harfbuzzjs';
import { glyphTexts } from './cluster-text.ts';
import { type FallbackFile, fontFaces } from './font-faces.ts';
import type { PdfStyle } from './style.ts';
import { unwrapWoff } from './woff.ts';
import type { MeasuredBreak } from './word-breaks.ts';

/**
 * The fonts of the print edition (EB Garamond, OFL, from the @fontsource npm package: `npm install`
 * is enough to build a PDF). Fontsource splits the font by script; a character missing from the
 * Latin file is set in the Latin Extended file of the same style, then in the first file of the
 * style's fallback chain (templates/pdf/style.json `fallback`: EB Garamond's own Greek, Cyrillic
 * and Vietnamese files, then Noto for Hebrew, Arabic, mathematics, symbols, emoji and Chinese)
 * whose unicode-range (read from the package's CSS, so no file is opened for nothing) holds it
 * and whose cmap has it. A character no font has is set as U+FFFD (a visible placeholder) and
 * recorded in `missing` for the writer to report. Text is shaped once per
 * distinct word with HarfBuzz (harfbuzzjs, WebAssembly): the layout measures the shaped glyphs and
 * the PDF draws those same glyphs through pdfkit's font subset. HarfBuzz gives the glyphs and
 * positions fontkit's shaper gave (the FRUS volume's PDF came out byte-identical) at a third of the
 * time, and fontkit's per-run objects were much of the PDF's garbage.
 */
export type FontStyle = 'regular' | 'italic' | 'bold';
/** A style's main and Latin Extended faces by name (`regular`, `regularExt`), a fallback file by its file name. */
export type FontFace = string;

/** What a character no font has is set as: the replacement character (EB Garamond's Latin file has it). */
export const PLACEHOLDER = '\uFFFD';

const STYLES: FontStyle[] = ['regular', 'italic', 'bold'];
const MAIN_FACES = new Set<FontFace>([...STYLES, ...STYLES.map((s) => `${s}Ext`)]);
/** Whether a face is one of EB Garamond's Latin or Latin Extended faces (no fallback file). */
export const isMainFace = (face: FontFace): boolean => MAIN_FACES.has(face);
// Combining marks and default-ignorable characters (ZWJ, variation selectors, bidi marks) stay in
// the run of the character they follow when its face has them: HarfBuzz positions or hides them.
const CLINGS = /[\p{M}\p{Default_Ignorable_Code_Point}]/u;

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

/** A run of text in one face and its advance at a type size of 1 (`FontSet.measuredFaces`). */
export interface MeasuredRun {
  text: string;
  face: FontFace;
  em: number;
  /** Its break points as the line breaker measured them (optimal-breaks.ts), once asked for. */
  breaks?: MeasuredBreak[];
}

/** Distinct texts a style's measured runs are kept for (the 1958–60 volume has about 60,000). */
const MAX_MEASURED = 200_000;

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
  private readonly measured = new Map<FontStyle, Map<string, readonly MeasuredRun[]>>();
  private readonly coverage = new Map<FontStyle, Map<number, boolean>>();
  /** Each style's fallback files in order, and the face found for each character outside the main face. */
  private readonly chains: Record<FontStyle, FallbackFile[]>;
  private readonly found = new Map<FontStyle, Map<number, FontFace | null>>();
  /** Characters no font has (set as PLACEHOLDER), in the order met. */
  readonly missing = new Set<number>();

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
    for (const [face, path] of Object.entries(this.paths)) this.open(face, path);
    // The fallback files are read only when a character needs one (a Latin book opens none).
    const mains = new Set(Object.values(this.paths));
    const chain = (s: FontStyle): FallbackFile[] =>
      style.fallback
        .flatMap((css) => fontFaces(resolve(typeof css === 'string' ? css : css[s])))
        .filter((file) => !mains.has(file.path));
    this.chains = { regular: chain('regular'), italic: chain('italic'), bold: chain('bold') };
    for (const s of STYLES) for (const file of this.chains[s]) this.paths[file.face] = file.path;
  }

  private open(face: FontFace, path: string): Face {
    const sfnt = unwrapWoff(readFileSync(path));
    this.data.set(face, sfnt);
    const hbFace = new this.hb.Face(new this.hb.Blob(sfnt));
    const opened: Face = {
      font: new this.hb.Font(hbFace),
      unitsPerEm: hbFace.upem,
      advances: new Map(),
      glyphs: new Map(),
      placements: new Map(),
    };
    this.fonts.set(face, opened);
    return opened;
  }

  /** The glyph a face's cmap gives a character, if any, with its advance (font units). */
  nominalGlyph(face: FontFace, cp: number): Glyph | undefined {
    const f = this.face(face);
    const id = f.font.nominalGlyph(cp);
    return id ? { id, codePoints: [cp], advanceWidth: f.font.glyphHAdvance(id) } : undefined;
  }

  /** A face, its file read the first time it is needed. */
  private face(face: FontFace): Face {
    return this.fonts.get(face) ?? this.open(face, this.paths[face] as string);
  }

  private has(face: FontFace, cp: number): boolean {
    return this.face(face).font.nominalGlyph(cp) !== undefined;
  }

  /** The face that sets a character the style's main face lacks, or null when no font has it. */
  private fallbackFace(style: FontStyle, cp: number): FontFace | null {
    let known = this.found.get(style);
    if (!known) {
      known = new Map();
      this.found.set(style, known);
    }
    let face = known.get(cp);
    if (face === undefined) {
      face = null;
      if (this.has(`${style}Ext`, cp)) face = `${style}Ext`;
      else
        for (const file of this.chains[style]) {
          if (file.ranges.some(([lo, hi]) => cp >= lo && cp <= hi) && this.has(file.face, cp)) {
            face = file.face;
            break;
          }
        }
      known.set(cp, face);
    }
    return face;
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

  /**
   * Splits text into runs by the face that has its glyphs (Latin, else Latin Extended, else the
   * fallback chain); a combining mark stays with its base where that face has it. A character no
   * font has becomes PLACEHOLDER and is noted in `missing`.
   */
  faces(text: string, style: FontStyle): { text: string; face: FontFace }[] {
    const out: { text: string; face: FontFace }[] = [];
    let start = 0;
    let current: FontFace | undefined;
    let replaced: string | undefined; // the run's text when a placeholder stands in it
    for (let k = 0; k < text.length; ) {
      const cp = text.codePointAt(k) ?? 32;
      const width = cp > 0xffff ? 2 : 1;
      let face: FontFace | null = style;
      let placeholder = false;
      if (!this.inMain(style, cp, text.slice(k, k + width))) {
        const ch = text.slice(k, k + width);
        if (current !== undefined && CLINGS.test(ch) && (this.has(current, cp) || !/\p{M}/u.test(ch)))
          face = current;
        else face = this.fallbackFace(style, cp);
        if (face === null && /\p{Default_Ignorable_Code_Point}/u.test(ch)) face = current ?? style; // hidden by HarfBuzz
        if (face === null) {
          this.missing.add(cp);
          face = style; // the placeholder is in the main face
          placeholder = true;
        }
      }
      if (current !== undefined && face !== current) {
        out.push({ text: replaced ?? text.slice(start, k), face: current });
        start = k;
        replaced = undefined;
      }
      if (placeholder || replaced !== undefined)
        replaced =
          (replaced ?? text.slice(start, k)) + (placeholder ? PLACEHOLDER : text.slice(k, k + width));
      current = face;
      k += width;
    }
    // Slices, not characters added one by one: flat strings the shape cache can hash quickly.
    if (current !== undefined) out.push({ text: replaced ?? text.slice(start), face: current });
    return out;
  }

  /**
   * `faces` with each run's advance at a type size of 1 (`width` is that times the size, the same
   * arithmetic), remembered per style and text: a word of a book is measured by one lookup instead
   * of a walk over its characters and a lookup per run. (A volume has tens of thousands of distinct
   * words; past MAX_MEASURED the table starts again rather than grow without end.)
   */
  measuredFaces(text: string, style: FontStyle): readonly MeasuredRun[] {
    let known = this.measured.get(style);
    if (!known) {
      known = new Map();
      this.measured.set(style, known);
    }
    let runs = known.get(text);
    if (!runs) {
      runs = this.faces(text, style).map((r) => {
        const shaped = this.shape(r.text, r.face);
        return { text: r.text, face: r.face, em: shaped.advance / shaped.unitsPerEm };
      });
      if (known.size >= MAX_MEASURED) known.clear();
      known.set(text, runs);
    }
    return runs;
  }

  /** The width of text in a style, set in the faces that have its characters. */
  styledWidth(text: string, style: FontStyle, size: number): number {
    let width = 0;
    for (const r of this.faces(text, style)) width += this.width(r.text, r.face, size);
    return width;
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
      shaped = this.shapeRun(text, this.face(face));
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
    // Right-to-left text (Hebrew, Arabic) comes back in visual order, its clusters falling.
    const rtl =
      infos.length > 1 &&
      (infos[0] as HarfBuzz.GlyphInfo).cluster > (infos.at(-1) as HarfBuzz.GlyphInfo).cluster;
    const texts = glyphTexts(infos, text, rtl, (cp) => face.font.nominalGlyph(cp));
    for (let k = 0; k < infos.length; k++) {
      const { codepoint: id } = infos[k] as HarfBuzz.GlyphInfo;
      const p = placed[k] as HarfBuzz.GlyphPosition;
      let nominal = face.advances.get(id);
      if (nominal === undefined) {
        nominal = face.font.glyphHAdvance(id);
        face.advances.set(id, nominal);
      }
      const codePoints = texts[k] as number[];
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
