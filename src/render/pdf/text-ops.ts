import type PDFDocument from 'pdfkit';
import type { FontFace, FontSet, Glyph, GlyphPlacement, Shaped } from './fonts.ts';

/**
 * Shaped text as PDF content-stream operators, written directly: pdfkit's `text()` would
 * re-measure, re-wrap and re-transform every word and write each as its own text object, which
 * made drawing most of the PDF's time. The glyphs, kerning and font subsets are pdfkit's own (its
 * font `encode`), so the page shows and extracts exactly as through `text()`.
 */
type Doc = InstanceType<typeof PDFDocument>;

/** Text at a measured position: y on the baseline, in the space the caller gives `height` for. */
export interface Run {
  text: string;
  face: FontFace;
  size: number;
  x: number;
  y: number;
}

/**
 * The parts of pdfkit's embedded font the direct text path uses (pdfkit keeps them internal):
 * the subset that numbers the glyphs the PDF uses, and the widths and characters of each
 * (its W array and ToUnicode map), filled in exactly as pdfkit's own `encode` fills them.
 */
interface EmbeddedFont {
  id: string;
  subset: { includeGlyph(id: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number; // 1000 / units per em
  ref(): unknown;
}

/** Numbers in content streams, rounded as pdfkit rounds them. */
export const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

export class TextOps {
  private readonly embeddedFonts = new Map<FontFace, EmbeddedFont>();
  private readonly encoded = new Map<Shaped, string | null>(); // a shaped run belongs to one face
  private readonly spaces = new Map<FontFace, { code: string; advance: number } | null>();

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
  ) {
    for (const [face, data] of fonts.data) doc.registerFont(face, data);
  }

  /** pdfkit's embedded font for a face (set once through the public `font()`, then kept). */
  private embedded(face: FontFace): EmbeddedFont {
    let font = this.embeddedFonts.get(face);
    if (!font) {
      // a fallback face is registered when first drawn (its file read when first shaped)
      const registered = (this.doc as unknown as { _registeredFonts: Record<string, unknown> })
        ._registeredFonts;
      if (!registered[face]) {
        this.fonts.shape('', face);
        this.doc.registerFont(face, this.fonts.data.get(face) as Buffer);
      }
      this.doc.font(face);
      font = (this.doc as unknown as { _font: EmbeddedFont })._font;
      this.embeddedFonts.set(face, font);
    }
    return font;
  }

  /**
   * One text object (BT … ET) showing the runs at y = height − run.y; the fonts it uses go into
   * `fonts` (a resource dictionary). Runs on one baseline share one TJ array, the space before
   * each given as a displacement (thousandths of the type size), so a line is placed once rather
   * than word by word: a third less content to write and compress. Its operators one to a line,
   * built as one string: this runs for every line of the book.
   */
  textObject(runs: Run[], height: number, fonts: Record<string, unknown>): string {
    let ops = 'BT';
    let fontOp = '';
    let shown = ''; // operands of the TJ array being written
    let penX = Number.NaN; // where the text position is once `shown` is shown
    let penY = Number.NaN;
    const close = (): void => {
      if (shown) ops += `\n[${shown}] TJ`;
      shown = '';
    };
    for (const run of runs) {
      const font = this.embedded(run.face);
      if (fonts[font.id] == null) fonts[font.id] = font.ref();
      const tf = `/${font.id} ${num(run.size)} Tf`;
      if (tf !== fontOp) {
        close(); // (a font change keeps the text position)
        ops += `\n${tf}`;
        fontOp = tf;
      }
      const shaped = this.fonts.shape(run.text, run.face);
      const y = height - run.y;
      // Most runs are words met many times: their TJ operands are encoded once.
      let encoded = this.encoded.get(shaped);
      if (encoded === undefined) {
        encoded = shaped.positions.some(offPen) ? null : this.operands(font, shaped, 0, shaped.glyphs.length);
        this.encoded.set(shaped, encoded);
      }
      if (encoded === null) {
        close();
        ops += this.displaced(shaped, font, run.x, y, run.size);
        penX = Number.NaN;
        continue;
      }
      if (y !== penY || Number.isNaN(penX)) {
        close();
        ops += `\n1 0 0 1 ${num(run.x)} ${num(y)} Tm`;
        penX = run.x;
        penY = y;
      }
      let gap = run.x - penX;
      // A space between two words is a space character, its advance taken from the gap: text
      // extraction (copying, search, a screen reader, pdftotext) then finds the word boundary
      // instead of guessing it from distances, which joins evenly spaced short words (a table
      // cell's `n a` read `na`). Less than a twentieth of an em is no word space (a word's parts in
      // two styles, a raised note number), and a justified line's spaces never shrink that far.
      if (gap > run.size / 20) {
        const space = this.space(run.face);
        if (space) {
          shown = shown ? `${shown} ${space.code}` : space.code;
          gap -= (space.advance / 1000) * run.size;
        }
      }
      if (Math.abs(gap) > 1e-6) {
        const d = num((-gap * 1000) / run.size);
        shown = shown ? `${shown} ${d}` : d;
      }
      if (encoded) shown = shown ? `${shown} ${encoded}` : encoded;
      penX = run.x + (shaped.advance / shaped.unitsPerEm) * run.size;
    }
    close();
    return `${ops}\nET`;
  }

  /** The space glyph of a face as a TJ operand and its advance (thousandths of an em); none if the font has none. */
  private space(face: FontFace): { code: string; advance: number } | undefined {
    let space = this.spaces.get(face);
    if (space === undefined) {
      const shaped = this.fonts.shape(' ', face);
      const glyph = shaped.glyphs[0];
      space =
        shaped.glyphs.length === 1 && glyph && glyph.id !== 0
          ? {
              code: `<${this.code(this.embedded(face), glyph)}>`,
              advance: (glyph.advanceWidth * 1000) / shaped.unitsPerEm,
            }
          : null;
      this.spaces.set(face, space);
    }
    return space ?? undefined;
  }

  /** A glyph's code in the font subset, its width and characters recorded as pdfkit's `encode` does. */
  private code(font: EmbeddedFont, g: Glyph): string {
    const gid = font.subset.includeGlyph(g.id);
    if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
    return gid.toString(16).padStart(4, '0');
  }

  /**
   * The TJ operands showing glyphs `from`…`to` of a shaped run set on the pen (glyph codes,
   * kerning in thousandths of an em): the same at any size and position.
   */
  private operands(font: EmbeddedFont, shaped: Shaped, from: number, to: number): string {
    const { glyphs, positions, unitsPerEm } = shaped;
    let codes = ''; // glyph codes not yet written
    let parts = '';
    // Plain loops: this runs for every distinct word of the book.
    for (let k = from; k < to; k++) {
      const g = glyphs[k] as Glyph;
      codes += this.code(font, g);
      const kern = (positions[k] as GlyphPlacement).xAdvance - g.advanceWidth;
      if (kern !== 0) {
        parts += `<${codes}> ${num((-kern * 1000) / unitsPerEm)} `;
        codes = '';
      }
    }
    if (codes) parts += `<${codes}>`;
    return parts.trimEnd();
  }

  /**
   * A run with marks the font positions off the pen (combining accents with no precomposed
   * glyph): the glyphs on the pen in TJ arrays from their own positions, each mark on its own.
   */
  private displaced(shaped: Shaped, font: EmbeddedFont, x0: number, y: number, size: number): string {
    const { glyphs, positions, unitsPerEm } = shaped;
    const scale = size / unitsPerEm; // font units → points
    let ops = ''; // each operator after a newline
    let from = 0; // first glyph of the stretch on the pen
    let start = x0; // where that stretch starts
    const show = (to: number): void => {
      if (to > from)
        ops += `\n1 0 0 1 ${num(start)} ${num(y)} Tm\n[${this.operands(font, shaped, from, to)}] TJ`;
    };
    let x = x0;
    for (let k = 0; k < glyphs.length; k++) {
      const p = positions[k] as GlyphPlacement;
      if (offPen(p)) {
        show(k);
        const code = this.code(font, glyphs[k] as Glyph);
        ops += `\n1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm <${code}> Tj`;
        from = k + 1;
        start = x + p.xAdvance * scale;
      }
      x += p.xAdvance * scale;
    }
    show(glyphs.length);
    return ops;
  }
}

const offPen = (p: GlyphPlacement): boolean => p.xOffset !== 0 || p.yOffset !== 0;
