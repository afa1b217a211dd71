import type PDFDocument from 'pdfkit';
import { hasRightToLeft } from './bidi.ts';
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
  name: string; // the font's PostScript name, by which pdfkit also files it
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
  private readonly inkFonts = new Map<FontFace, EmbeddedFont>(); // see `displaced`
  private readonly texts = new Map<Shaped, string>(); // a displaced run's invisible text (its operators)
  private readonly nominals = new Map<FontFace, Map<number, Glyph | null>>();
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
        const ink = this.ink(run.face);
        if (fonts[ink.id] == null) fonts[ink.id] = ink.ref();
        ops += this.displaced(shaped, run.face, font, ink, run.x, y, run.size);
        penX = run.x + (shaped.advance / shaped.unitsPerEm) * run.size;
        penY = y;
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
  private operands(
    font: EmbeddedFont,
    shaped: Shaped,
    from: number,
    to: number,
    code: (g: Glyph) => string = (g) => this.code(font, g),
  ): string {
    const { glyphs, positions, unitsPerEm } = shaped;
    let codes = ''; // glyph codes not yet written
    let parts = '';
    // Plain loops: this runs for every distinct word of the book.
    for (let k = from; k < to; k++) {
      const g = glyphs[k] as Glyph;
      codes += code(g);
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
   * A run with glyphs the font places off the pen (combining marks with no precomposed glyph,
   * Hebrew points, Arabic vowels, and the dots Noto Naskh draws as glyphs of their own), drawn
   * twice over so that text taken out of the PDF (copying, search, a screen reader, pdftotext)
   * comes back whole and in reading order:
   *
   * - its ink: every glyph where shaping put it (the page looks as it did), from a copy of the
   *   face whose glyphs show no text (`ink`), in a Span whose ActualText (ISO 32000-1 §14.9.4) is
   *   empty, so that no reader takes text from it;
   * - its text: the glyphs that show characters again, invisible (render mode 3), each on the
   *   pen in visual order, as a plain word is set (`invisibleText`); the pen is left at the
   *   run's end, so the next word's space is a space character as after any word.
   *
   * Drawn once, with each mark where it is seen, the text came apart: extractors rebuild words
   * from where glyphs stand. poppler starts a new word when a glyph starts more than a tenth of
   * an em after the last one ends, a fifth of an em before it, or half a point off its baseline,
   * orders a line's words by position, then reverses its right-to-left stretches; a point set
   * 0.2–0.5 em into its letter or an Arabic vowel 3 pt below it became a word of its own after
   * its letter (before it once reversed) or a line of its own (`שלוֹ ם` with `ָ ׁ` a line
   * below). ActualText over the run, in logical order as the standard has it, does not help:
   * poppler lays a span's text out over the span as if it were drawn, then reverses it with
   * the right-to-left words around it (the words came out backwards), and PDF.js (to 6.5)
   * ignores ActualText. Measured on poppler 22.12 and PDF.js 4.10 and 6.5 (test/pdf-scripts).
   */
  private displaced(
    shaped: Shaped,
    face: FontFace,
    font: EmbeddedFont,
    ink: EmbeddedFont,
    x0: number,
    y: number,
    size: number,
  ): string {
    const tf = (f: EmbeddedFont): string => `\n/${f.id} ${num(size)} Tf`;
    const drawn = `\n/Span <</ActualText ()>> BDC${tf(ink)}${this.inkOps(shaped, ink, x0, y, size)}${tf(font)}\nEMC`;
    const text = `\n1 0 0 1 ${num(x0)} ${num(y)} Tm\n3 Tr${this.invisibleText(shaped, face, font)}\n0 Tr`;
    return drawn + text;
  }

  /**
   * The operators of a displaced run's text (see `displaced`), the same at any size and position:
   * the glyphs that show characters, each on the pen, in visual order, as a plain word is set (a
   * contextual form shown by stand-ins, `standIns`). A right-to-left word that ends with
   * a mark (a vowel, a point) starts with that mark in visual order, where extractors take it for
   * part of the left-to-right text before the word (poppler reverses only stretches that start
   * with a right-to-left character, and puts `ְ מֶלֶך` for `מֶלֶךְ`): a right-to-left mark goes
   * before it (U+200F, or the Arabic letter mark U+061C in a font that has only that), a format
   * character readers skip that keeps the mark with its word.
   */
  private invisibleText(shaped: Shaped, face: FontFace, font: EmbeddedFont): string {
    const cached = this.texts.get(shaped);
    if (cached !== undefined) return cached;
    const { glyphs, positions, unitsPerEm } = shaped;
    let ops = ''; // TJ arrays, and a horizontal scaling between them where a glyph stands in for another
    let operands = ''; // of the TJ array being written
    let gap = 0; // font units between the pen and the next glyph to show
    let scaling = 100; // Tz, per cent
    const show = (g: Glyph, tz = 100): void => {
      if (tz !== scaling) {
        if (operands) ops += `\n[${operands.trimStart()}] TJ`;
        ops += `\n${num(tz)} Tz`;
        operands = '';
        scaling = tz;
      }
      if (Math.abs(gap) > 1e-6) operands += ` ${num((-gap * 100_000) / unitsPerEm / scaling)}`;
      operands += ` <${this.code(font, g)}>`;
      gap = (-g.advanceWidth * scaling) / 100;
    };
    for (let k = 0; k < glyphs.length; k++) {
      const g = glyphs[k] as Glyph;
      const p = positions[k] as GlyphPlacement;
      if (g.codePoints.length > 0) {
        if (!ops && !operands && p.xAdvance === 0) {
          const rlm = this.nominal(face, 0x200f) ?? this.nominal(face, 0x61c);
          if (rlm) show(rlm);
        }
        const own = this.standIns(face, g);
        if (!own) show(g);
        else {
          // as wide together as the glyph they stand for, so the words around keep their places
          const width = own.reduce((w, n) => w + n.advanceWidth, 0);
          const tz = g.advanceWidth > 0 && width > 0 ? (100 * g.advanceWidth) / width : 100;
          for (const n of own) show(n, tz);
        }
      }
      gap += p.xAdvance;
    }
    if (scaling !== 100) {
      if (operands) ops += `\n[${operands.trimStart()}] TJ`;
      ops += '\n100 Tz';
      operands = '';
      scaling = 100;
    }
    // the pen left at the run's end, where the next word's space is measured from
    if (Math.abs(gap) > 1e-6) operands += ` ${num((-gap * 1000) / unitsPerEm)}`;
    if (operands) ops += `\n[${operands.trimStart()}] TJ`;
    this.texts.set(shaped, ops);
    return ops;
  }

  /**
   * The glyphs that stand in for a glyph in the invisible text: none when it is the face's own
   * glyph of its one character (a letter, a mark), else the face's own glyph of each character,
   * in visual order. A PDF maps a glyph to one text for the whole file, and a contextual form or
   * a ligature may stand for other letters elsewhere: Noto Naskh draws ب ت ث ن ي inside a word as
   * one dotless glyph (the dots are glyphs of their own), and ج ح خ as one, so كتب after عليكم
   * came back كيب, and محمد after نجم as مجمد. A plain word set on the pen may still take such a
   * glyph for its own; the invisible text never does, so it cannot take it from the plain word.
   */
  private standIns(face: FontFace, g: Glyph): Glyph[] | undefined {
    const [cp] = g.codePoints;
    if (g.codePoints.length === 1 && this.nominal(face, cp as number)?.id === g.id) return undefined;
    const own: Glyph[] = [];
    for (const c of g.codePoints) {
      const n = this.nominal(face, c);
      if (!n) return undefined; // (the face has no glyph of its own for it: the shaped one says what it can)
      own.push(n);
    }
    return hasRightToLeft(String.fromCodePoint(...g.codePoints)) ? own.reverse() : own;
  }

  /** The face's own glyph of a character (its cmap's), kept: asked for each glyph of a displaced run. */
  private nominal(face: FontFace, cp: number): Glyph | undefined {
    let byChar = this.nominals.get(face);
    if (!byChar) {
      byChar = new Map();
      this.nominals.set(face, byChar);
    }
    let glyph = byChar.get(cp);
    if (glyph === undefined) {
      glyph = this.fonts.nominalGlyph(face, cp) ?? null;
      byChar.set(cp, glyph);
    }
    return glyph ?? undefined;
  }

  /** The ink of a displaced run: the glyphs on the pen in TJ arrays from their own positions, each off-pen glyph on its own. */
  private inkOps(shaped: Shaped, ink: EmbeddedFont, x0: number, y: number, size: number): string {
    const { glyphs, positions, unitsPerEm } = shaped;
    const scale = size / unitsPerEm; // font units → points
    const code = (g: Glyph): string => this.inkCode(ink, g);
    let ops = ''; // each operator after a newline
    let from = 0; // first glyph of the stretch on the pen
    let start = x0; // where that stretch starts
    const show = (to: number): void => {
      if (to > from)
        ops += `\n1 0 0 1 ${num(start)} ${num(y)} Tm\n[${this.operands(ink, shaped, from, to, code)}] TJ`;
    };
    let x = x0;
    for (let k = 0; k < glyphs.length; k++) {
      const p = positions[k] as GlyphPlacement;
      if (offPen(p)) {
        show(k);
        ops += `\n1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm <${code(glyphs[k] as Glyph)}> Tj`;
        from = k + 1;
        start = x + p.xAdvance * scale;
      }
      x += p.xAdvance * scale;
    }
    show(glyphs.length);
    return ops;
  }

  /**
   * The copy of a face the ink of `displaced` runs is drawn from: its own embedded subset, whose
   * glyphs show no text (`inkCode`). pdfkit keeps one font per PostScript name, so the copy is
   * opened with the original's entry set aside, then filed under its own key.
   */
  private ink(face: FontFace): EmbeddedFont {
    let ink = this.inkFonts.get(face);
    if (!ink) {
      const font = this.embedded(face);
      const doc = this.doc as unknown as { _fontFamilies: Record<string, EmbeddedFont>; _font: EmbeddedFont };
      const key = `${face} (ink)`;
      this.doc.registerFont(key, this.fonts.data.get(face) as Buffer);
      const families = doc._fontFamilies;
      delete families[font.name];
      this.doc.font(key);
      ink = doc._font;
      families[font.name] = font;
      this.inkFonts.set(face, ink);
    }
    return ink;
  }

  /**
   * A glyph's code in an ink font: its width as in the text font, and a zero width space for
   * its text. The Span's empty ActualText already says the ink reads as nothing; a reader that
   * ignores ActualText (PDF.js) takes the glyph's own text instead, and skips a format
   * character, where an empty entry made it print the glyph's code (U+0001, U+0002…).
   */
  private inkCode(font: EmbeddedFont, g: Glyph): string {
    const gid = font.subset.includeGlyph(g.id);
    if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = [0x200b];
    return gid.toString(16).padStart(4, '0');
  }
}

const offPen = (p: GlyphPlacement): boolean => p.xOffset !== 0 || p.yOffset !== 0;
