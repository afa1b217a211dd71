import type PDFDocument from 'pdfkit';
import type { FontFace, FontSet, FontStyle, Glyph, GlyphPlacement, Shaped } from './fonts.ts';
import type { Line } from './lines.ts';
import type { Page, Placed } from './paginate.ts';
import type { PdfStyle } from './style.ts';

/**
 * Draws planned pages with pdfkit: every line at measured positions (justified through word
 * spacing), tagged structure for headings, paragraphs and notes, artifacts for running heads,
 * folios, the note rule and the source page numbers in the outer margin.
 */
type Style = PdfStyle & { width: number; height: number };
type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;
type Content = ReturnType<Doc['markStructureContent']>;

const ASCENT = 0.78; // of the type size, from the top of the line box to the baseline

/** Text at a measured position: top-down page coordinates, y on the baseline. */
interface Run {
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
interface DocInternals {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown>; xobjects: Record<string, unknown> };
  addContent(data: string): unknown;
}

type Ref = ReturnType<Doc['ref']>;

/** A page number drawn once the whole book is laid out: at the left of its slot, or right-aligned in it. */
interface Later {
  target: string; // the xml:id (or document) whose page it gives
  style: FontStyle;
  size: number;
  box: number; // the slot's width (points)
  align: 'left' | 'right';
}

/** Numbers in content streams, rounded as pdfkit rounds them. */
const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

export class Drawer {
  private readonly structs = new Map<string, StructElement>();
  private section: StructElement | null = null;
  private readonly embeddedFonts = new Map<FontFace, EmbeddedFont>();
  private readonly encoded = new Map<Shaped, string | null>(); // a shaped run belongs to one face
  private readonly deferred: (Later & { ref: Ref; fonts: Record<string, unknown> })[] = [];

  constructor(
    readonly doc: Doc,
    private readonly style: Style,
    private readonly fonts: FontSet,
    /** The page a cross-reference's target fell on (known once the whole book is laid out). */
    private readonly pageOf: (id: string) => number | undefined,
  ) {
    for (const [face, data] of fonts.data) doc.registerFont(face, data);
  }

  private left(page: Page): number {
    // odd pages are right-hand pages: the inner margin is on their left
    return page.number % 2 === 1 ? this.style.margins.inner : this.style.margins.outer;
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    this.doc.endMarkedContent();
  }

  /** pdfkit's embedded font for a face (set once through the public `font()`, then kept). */
  private embedded(face: FontFace): EmbeddedFont {
    let font = this.embeddedFonts.get(face);
    if (!font) {
      this.doc.font(face);
      font = (this.doc as unknown as DocInternals)._font;
      this.embeddedFonts.set(face, font);
    }
    return font;
  }

  /**
   * Glyph runs at the positions the layout measured, as one text object. pdfkit's `text()` would
   * re-measure, re-wrap and re-transform every word and write each as its own text object, which
   * made drawing most of the PDF's time; the glyphs, kerning and font subsets are pdfkit's own
   * (its font `encode`), so the page shows and extracts exactly as through `text()`.
   */
  private runs(runs: Run[]): void {
    const doc = this.doc as unknown as DocInternals;
    const height = doc.page.height;
    // The page's matrix is flipped for top-down drawing; text is set in the unflipped space.
    const ops = [`q 1 0 0 -1 0 ${num(height)} cm`, ...this.textOps(runs, height, doc.page.fonts), 'Q'];
    doc.addContent(ops.join('\n'));
  }

  /**
   * One text object (BT … ET) showing the runs; the fonts it uses go into `fonts` (a resource
   * dictionary). Runs on one baseline share one TJ array, the space before each given as a
   * displacement (thousandths of the type size), so a line is placed once rather than word by
   * word: a third less content to write and compress.
   */
  private textOps(runs: Run[], height: number, fonts: Record<string, unknown>): string[] {
    const ops: string[] = ['BT'];
    let fontOp = '';
    let shown: string[] | null = null; // operands of the TJ array being written
    let penX = Number.NaN; // where the text position is once `shown` is shown
    let penY = Number.NaN;
    const close = (): void => {
      if (shown?.length) ops.push(`[${shown.join(' ')}] TJ`);
      shown = null;
    };
    for (const run of runs) {
      const font = this.embedded(run.face);
      if (fonts[font.id] == null) fonts[font.id] = font.ref();
      const tf = `/${font.id} ${num(run.size)} Tf`;
      if (tf !== fontOp) {
        close(); // (a font change keeps the text position)
        ops.push(tf);
        fontOp = tf;
      }
      const shaped = this.fonts.shape(run.text, run.face);
      const y = height - run.y;
      // Most runs are words met many times: their TJ operands are encoded once.
      let encoded = this.encoded.get(shaped);
      if (encoded === undefined) {
        encoded = this.encode(shaped, font);
        this.encoded.set(shaped, encoded);
      }
      if (encoded === null) {
        close();
        this.displaced(ops, shaped, font, run.x, y, run.size);
        penX = Number.NaN;
        continue;
      }
      if (y !== penY || Number.isNaN(penX)) {
        close();
        ops.push(`1 0 0 1 ${num(run.x)} ${num(y)} Tm`);
        penX = run.x;
        penY = y;
      }
      const list: string[] = shown ?? [];
      shown = list;
      const gap = run.x - penX;
      if (Math.abs(gap) > 1e-6) list.push(num((-gap * 1000) / run.size));
      if (encoded) list.push(encoded);
      penX = run.x + (shaped.advance / shaped.unitsPerEm) * run.size;
    }
    close();
    ops.push('ET');
    return ops;
  }

  /**
   * A page number the book knows only once it is all laid out (a contents entry's, a cross-
   * reference's): a form XObject placed now, at its slot, and written at the end (`finish`), so
   * the book is laid out and drawn in one pass. Returns the operators that place it.
   */
  private later(number: Later, x: number, baseline: number): string {
    const name = `Pn${this.deferred.length + 1}`;
    const fonts: Record<string, unknown> = {}; // filled when its text is set
    const ref = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -number.size, number.box, number.size * 1.2],
      Resources: { Font: fonts },
    });
    this.deferred.push({ ...number, ref, fonts });
    (this.doc as unknown as DocInternals).page.xobjects[name] = ref;
    // The form's space is unflipped, its origin on the baseline at the start of the slot.
    return `q 1 0 0 -1 ${num(x)} ${num(baseline)} cm /${name} Do Q`;
  }

  /** A glyph's code in the font subset, its width and characters recorded as pdfkit's `encode` does. */
  private code(font: EmbeddedFont, g: Glyph): string {
    const gid = font.subset.includeGlyph(g.id);
    if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
    return gid.toString(16).padStart(4, '0');
  }

  /**
   * The TJ operands showing a shaped run (glyph codes, kerning in thousandths of an em): the same
   * at any size and position. Null when a mark is placed off the pen (see `displaced`).
   */
  private encode(shaped: Shaped, font: EmbeddedFont): string | null {
    const { glyphs, positions, unitsPerEm } = shaped;
    if (positions.some((p) => p.xOffset || p.yOffset)) return null;
    let shown = ''; // glyph codes not yet shown
    let parts = ''; // TJ operands
    // Plain loops: this runs for every distinct word of the book.
    for (let k = 0; k < glyphs.length; k++) {
      const g = glyphs[k] as Glyph;
      shown += this.code(font, g);
      const kern = (positions[k] as GlyphPlacement).xAdvance - g.advanceWidth;
      if (kern !== 0) {
        parts += `<${shown}> ${num((-kern * 1000) / unitsPerEm)} `;
        shown = '';
      }
    }
    if (shown) parts += `<${shown}>`;
    return parts.trimEnd();
  }

  /** A run with marks the font positions off the pen (combining accents): each such mark on its own. */
  private displaced(
    ops: string[],
    shaped: Shaped,
    font: EmbeddedFont,
    x0: number,
    y: number,
    size: number,
  ): void {
    const { glyphs, positions, unitsPerEm } = shaped;
    const scale = size / unitsPerEm; // font units → points
    let x = x0;
    let shown = '';
    let parts = '';
    let displaced = false;
    for (let k = 0; k < glyphs.length; k++) {
      const g = glyphs[k] as Glyph;
      const p = positions[k] as GlyphPlacement;
      const code = this.code(font, g);
      if (p.xOffset || p.yOffset) {
        if (shown) parts += `<${shown}>`;
        if (parts) ops.push(`[${parts}] TJ`);
        shown = '';
        parts = '';
        ops.push(`1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm <${code}> Tj`);
        displaced = true;
      } else {
        if (displaced) ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
        displaced = false;
        shown += code;
        const kern = p.xAdvance - g.advanceWidth;
        if (kern !== 0) {
          parts += `<${shown}> ${num((-kern * 1000) / unitsPerEm)} `;
          shown = '';
        }
      }
      x += p.xAdvance * scale;
    }
    if (shown) parts += `<${shown}>`;
    if (parts) ops.push(`[${parts.trimEnd()}] TJ`);
  }

  private text(s: string, face: FontFace, size: number, x: number, y: number): void {
    this.runs([{ text: s, face, size, x, y }]);
  }

  /** Draws one line: segments of one face and size, justified by word spacing. */
  drawLine(line: Line, x: number, baseline: number, measure: number, align: Placed['align']): void {
    const gaps = line.words.length - 1;
    const slack = measure - line.indent - line.width;
    const extra = line.justify && gaps > 0 && slack > 0 ? slack / gaps : 0;
    let pos = x + line.indent + (align === 'right' ? slack : align === 'center' ? slack / 2 : 0);
    const runs: Run[] = [];
    const numbers: string[] = [];
    for (let k = 0; k < line.words.length; k++) {
      const word = line.words[k] as Line['words'][number];
      if (k > 0) pos += line.space + extra;
      for (const f of word.fragments) {
        if (f.text) runs.push({ text: f.text, face: f.face, size: f.size, x: pos, y: baseline - f.rise });
        else if (f.pageref) {
          const { target, style } = f.pageref;
          numbers.push(
            this.later({ target, style, size: f.size, box: f.width, align: 'left' }, pos, baseline),
          );
        }
        pos += f.width;
      }
    }
    if (runs.length) this.runs(runs);
    if (numbers.length) this.doc.addContent(numbers.join('\n'));
  }

  beginSection(title: string): void {
    // Ending the previous section ends its blocks: pdfkit writes them out and we let them go.
    this.section?.end();
    this.structs.clear();
    this.section = this.doc.struct('Sect', { title });
    this.doc.addStructure(this.section);
  }

  private structFor(key: string, tag: string): StructElement {
    let el = this.structs.get(key);
    if (!el) {
      el = this.doc.struct(tag);
      if (this.section) this.section.add(el);
      else this.doc.addStructure(el);
      this.structs.set(key, el);
    }
    return el;
  }

  drawPage(page: Page, prefix: string, chrome: { runningHead?: string; folio: boolean }): void {
    const { doc, style } = this;
    doc.addPage({ size: [style.width, style.height], margin: 0 });
    const x = this.left(page);
    const measure = style.width - style.margins.inner - style.margins.outer;
    const top = style.margins.top;
    if (chrome.runningHead) {
      const size = style.runningHead.size;
      const head =
        chrome.runningHead.length > 70 ? `${chrome.runningHead.slice(0, 68)}…` : chrome.runningHead;
      const w = this.fonts.width(head, 'italic', size);
      const hx = page.number % 2 === 1 ? x + measure - w : x;
      this.artifact(() => this.text(head, 'italic', size, hx, top - style.runningHead.offset + size));
    }
    if (chrome.folio) {
      const label = String(page.number);
      const size = style.folio.size;
      const w = this.fonts.width(label, 'regular', size);
      this.artifact(() =>
        this.text(
          label,
          'regular',
          size,
          x + (measure - w) / 2,
          style.height - style.margins.bottom + style.folio.offset,
        ),
      );
    }
    for (const p of page.body) {
      const baseline = top + p.y + p.size * ASCENT;
      const el = this.structFor(`${prefix}:${p.block}`, p.tag);
      const mc: Content = doc.markStructureContent(p.tag);
      this.drawLine(p.line, x + p.leftIndent, baseline, measure - p.leftIndent, p.align);
      if (p.tocFor) {
        const box = this.fonts.width('0000', 'regular', p.size);
        const entry: Later = { target: p.tocFor, style: 'regular', size: p.size, box, align: 'right' };
        doc.addContent(this.later(entry, x + measure - box, baseline));
      }
      doc.endMarkedContent();
      el.add(mc);
      if (p.line.pages.length) {
        const label = p.line.pages.map((n) => `[${n}]`).join(' ');
        const size = style.pageNumberMargin.size;
        const w = this.fonts.width(label, 'regular', size);
        const mx =
          page.number % 2 === 1
            ? x + measure + style.pageNumberMargin.gap
            : x - style.pageNumberMargin.gap - w;
        this.artifact(() => this.text(label, 'regular', size, mx, baseline));
      }
    }
    if (page.notes.length) {
      const height = page.notes.length * style.note.leading;
      let y = top + (style.height - style.margins.top - style.margins.bottom) - height;
      this.artifact(() => {
        doc
          .moveTo(x, y - style.note.gap / 2)
          .lineTo(x + measure * 0.3, y - style.note.gap / 2)
          .lineWidth(0.4)
          .stroke();
      });
      for (const n of page.notes) {
        const mc: Content = doc.markStructureContent('Note');
        this.drawLine(n.line, x, y + n.size * ASCENT, measure, n.align);
        doc.endMarkedContent();
        const note = this.doc.struct('Note');
        if (this.section) this.section.add(note);
        else this.doc.addStructure(note);
        note.add(mc);
        note.end();
        y += n.leading;
      }
    }
  }

  /** Writes every page number placed `later`, now that all pages are known; ends the structure. */
  finish(): void {
    for (const n of this.deferred) {
      const page = this.pageOf(n.target);
      const label = page === undefined ? '' : n.align === 'left' ? ` (p. ${page})` : String(page);
      const runs: Run[] = [];
      let pos = 0;
      for (const r of this.fonts.faces(label, n.style)) {
        runs.push({ text: r.text, face: r.face, size: n.size, x: pos, y: 0 });
        pos += this.fonts.width(r.text, r.face, n.size);
      }
      if (n.align === 'right') for (const r of runs) r.x += n.box - pos;
      n.ref.end(this.textOps(runs, 0, n.fonts).join('\n'));
    }
    this.deferred.length = 0;
    for (const el of this.structs.values()) el.end();
    this.structs.clear();
    this.section?.end();
  }
}
