import type PDFDocument from 'pdfkit';
import type { Opening } from './blocks.ts';
import type { FontSet, FontStyle } from './fonts.ts';
import { ASCENT, type DrawnLine, layoutLine, type Piece } from './line-layout.ts';
import { Links } from './links.ts';
import type { Page, Placed } from './page.ts';
import { batchPageContent } from './page-content.ts';
import { type LaterNumber, PageNumbers } from './page-numbers.ts';
import type { StreamCache } from './stream-cache.ts';
import type { PdfStyle } from './style.ts';
import { num, type Run, TextOps } from './text-ops.ts';

/**
 * Draws planned pages with pdfkit: every line at measured positions (justified through word
 * spacing), tagged structure for headings, paragraphs and notes, artifacts for running heads,
 * folios, the note rule and the source page numbers in the outer margin.
 */
type Style = PdfStyle & { width: number; height: number };
type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;
type Content = ReturnType<Doc['markStructureContent']>;

export class Drawer {
  private readonly structs = new Map<string, StructElement>();
  private section: StructElement | null = null;
  /** The structure tree's one root (PDF/UA-2, and poppler's reading, want a single `Document`). */
  private readonly root: StructElement;
  private readonly textOps: TextOps;
  private readonly later: PageNumbers;
  private readonly links: Links;
  /** The outline entry of the division the last document opened in (a reader's unit), its documents under it. */
  private outlineGroup: { title: string; item: PDFKit.PDFOutline } | undefined;

  constructor(
    readonly doc: Doc,
    private readonly style: Style,
    private readonly fonts: FontSet,
    /** The page a cross-reference's target fell on (known once the whole book is laid out). */
    private readonly pageOf: (id: string) => number | undefined,
    /** The document each xml:id is in. */
    documentOf: Map<string, string>,
    /** Pages' streams deflated by an earlier build (none: every page deflated now). */
    streams: StreamCache,
  ) {
    batchPageContent(doc, streams);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.textOps = new TextOps(doc, fonts);
    this.later = new PageNumbers(doc, fonts, this.textOps);
    this.links = new Links(doc, documentOf);
  }

  /** A document's outline entry: under its division's (made where the division's first document opens), else at the top. */
  private outlineItem(opening: Opening): void {
    const { outline } = this.doc;
    if (!opening.group) {
      this.outlineGroup = undefined;
      outline.addItem(opening.title);
      return;
    }
    let group = this.outlineGroup;
    if (group?.title !== opening.group) {
      group = { title: opening.group, item: outline.addItem(opening.group, { expanded: true }) };
      this.outlineGroup = group;
    }
    group.item.addItem(opening.title);
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

  /** Glyph runs at the positions the layout measured (top-down page coordinates), as one text object. */
  private runs(runs: Run[]): void {
    const page = (this.doc as unknown as { page: { height: number; fonts: Record<string, unknown> } }).page;
    // The page's matrix is flipped for top-down drawing; text is set in the unflipped space.
    const text = this.textOps.textObject(runs, page.height, page.fonts);
    this.doc.addContent(`q 1 0 0 -1 0 ${num(page.height)} cm\n${text}\nQ`);
  }

  /** Text in a style, each character in the face that has it. */
  private text(s: string, style: FontStyle, size: number, x: number, y: number): void {
    const runs: Run[] = [];
    let pos = x;
    for (const r of this.fonts.faces(s, style)) {
      runs.push({ text: r.text, face: r.face, size, x: pos, y });
      pos += this.fonts.width(r.text, r.face, size);
    }
    this.runs(runs);
  }

  /** A piece's text and page-number slots into the content stream. */
  private emit(piece: Piece): void {
    if (piece.runs.length) this.runs(piece.runs);
    if (piece.ops.length) this.doc.addContent(piece.ops.join('\n'));
  }

  /**
   * A line's pieces as marked content of `el` (tagged `tag`), each link's words in a `Link`
   * element of their own with its annotation (PDF/UA: a link's text and its annotation together).
   */
  private tagged(drawn: DrawnLine, el: StructElement, tag: string): void {
    const elements = new Map<number, StructElement>();
    for (const piece of drawn.pieces) {
      if (!piece.runs.length && !piece.ops.length) continue;
      let parent = el;
      let mcTag = tag;
      if (piece.link !== undefined) {
        let link = elements.get(piece.link);
        if (!link) {
          link = this.doc.struct('Link');
          el.add(link);
          elements.set(piece.link, link);
        }
        parent = link;
        mcTag = 'Link';
      }
      const mc: Content = this.doc.markStructureContent(mcTag);
      this.emit(piece);
      this.doc.endMarkedContent();
      parent.add(mc);
    }
    drawn.links.forEach((box, k) => {
      let link = elements.get(k);
      if (!link) {
        // (a link with no words of its own: its annotation alone)
        link = this.doc.struct('Link');
        el.add(link);
      }
      this.links.annotate(box, link);
      link.end();
    });
  }

  beginSection(title: string): void {
    // Ending the previous section ends its blocks: pdfkit writes them out and we let them go.
    this.section?.end();
    this.structs.clear();
    this.section = this.doc.struct('Sect', { title });
    this.root.add(this.section);
  }

  private structFor(key: string, tag: string, parent?: StructElement): StructElement {
    let el = this.structs.get(key);
    if (!el) {
      el = this.doc.struct(tag);
      if (parent) parent.add(el);
      else (this.section ?? this.root).add(el);
      this.structs.set(key, el);
    }
    return el;
  }

  /** A figure's image, centred in its box, tagged as a Figure with its alternative text. */
  private image(image: NonNullable<Placed['image']>, x: number, y: number, measure: number): void {
    const { doc } = this;
    const left = x + (measure - image.drawnWidth) / 2;
    const figure = doc.struct('Figure', { alt: image.alt || 'Figure' }, () => {
      doc.image(Buffer.from(image.data), left, y + image.gap, {
        width: image.drawnWidth,
        height: image.drawnHeight,
      });
    });
    (this.section ?? this.root).add(figure);
    figure.end();
  }

  /** The structure element a line's content goes in: its block's, or a table's cell (Table › TR › TH/TD). */
  private elementFor(p: Placed): StructElement {
    if (!p.cell) return this.structFor(String(p.block), p.tag);
    const table = this.structFor(`table ${p.cell.table}`, 'Table');
    const row = this.structFor(`table ${p.cell.table} row ${p.cell.row}`, 'TR', table);
    return this.structFor(String(p.block), p.cell.header ? 'TH' : 'TD', row);
  }

  /**
   * Where a source page number stands in the outer margin: `gap` from the text, and never nearer
   * the trim than `edge` (a binder's cut wanders; 18 pt by default): a wide label (`[XXVIII]`)
   * comes closer to the text, down to a third of the gap, and only one wider still is set smaller.
   */
  private marginNumber(label: string, page: Page, x: number, measure: number): { size: number; x: number } {
    const { size, gap, edge } = this.style.pageNumberMargin;
    const outer = this.style.margins.outer;
    let w = this.fonts.styledWidth(label, 'regular', size);
    const room = outer - edge - gap / 3; // the widest label set at its size
    const fitted = w > room ? (size * room) / w : size;
    if (fitted < size) w = room;
    const away = Math.max(gap / 3, Math.min(gap, outer - edge - w));
    return { size: fitted, x: page.number % 2 === 1 ? x + measure + away : x - away - w };
  }

  drawPage(page: Page, chrome: { runningHead?: string; folio: boolean }): void {
    const { doc, style } = this;
    doc.addPage({ size: [style.width, style.height], margin: 0 });
    const x = this.left(page);
    const measure = style.width - style.margins.inner - style.margins.outer;
    const top = style.margins.top;
    if (chrome.runningHead) {
      const size = style.runningHead.size;
      const head = chrome.runningHead; // shortened to fit by the layout (at a word)
      const w = this.fonts.styledWidth(head, 'italic', size);
      const hx = page.number % 2 === 1 ? x + measure - w : x;
      this.artifact(() => this.text(head, 'italic', size, hx, top - style.runningHead.offset + size));
    }
    if (chrome.folio) {
      const label = String(page.number);
      const size = style.folio.size;
      const w = this.fonts.styledWidth(label, 'regular', size);
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
      const lay = () =>
        layoutLine(p.line, x + p.leftIndent, baseline, measure - p.leftIndent, p.align, this.later);
      if (p.repeat || p.panel) {
        // a table's header row set again on this page, a wide table's stub set again beside a later
        // panel: seen, not read twice (no links, no anchors)
        const drawn = lay();
        this.artifact(() => {
          for (const piece of drawn.pieces) this.emit(piece);
        });
        continue;
      }
      if (p.opening) {
        // a document begins: its section of the structure tree, its outline entry, a link target
        this.beginSection(p.opening.title);
        this.outlineItem(p.opening);
        this.links.target(p.opening.id, top + p.y);
      }
      for (const id of p.line.anchors) this.links.target(id, top + p.y);
      if (p.image) {
        this.image(p.image, x + p.leftIndent, top + p.y, measure - p.leftIndent);
        continue;
      }
      const el = this.elementFor(p);
      const drawn = lay();
      if (p.tocFor) {
        const box = this.fonts.width('0000', 'regular', p.size);
        const entry: LaterNumber = { target: p.tocFor, style: 'regular', size: p.size, box, align: 'right' };
        // the whole entry's line is its link (a title of two lines: the line with the number)
        const to = { internal: p.tocFor };
        drawn.links = [{ x: x + p.leftIndent, y: top + p.y, w: measure - p.leftIndent, h: p.leading, to }];
        drawn.pieces = [
          {
            link: 0,
            runs: drawn.pieces.flatMap((piece) => piece.runs),
            ops: [
              ...drawn.pieces.flatMap((piece) => piece.ops),
              this.later.place(entry, x + measure - box, baseline),
            ],
          },
        ];
      }
      this.tagged(drawn, el, p.cell ? (p.cell.header ? 'TH' : 'TD') : p.tag);
      // The source's page numbers beside the line where each page begins; several on one line
      // (blank pages of the print) stand one under another, never beyond the paper's edge.
      p.line.pages.forEach((n, k) => {
        const label = `[${n}]`;
        const { size, x: mx } = this.marginNumber(label, page, x, measure);
        this.artifact(() =>
          this.text(label, 'regular', size, mx, baseline + k * style.pageNumberMargin.size * 1.15),
        );
      });
    }
    if (page.notes.length) {
      const height = page.notes.length * style.note.leading;
      // at the foot of the text block (as deep as the facing page's where that is shorter)
      let y = top + (page.depth ?? style.height - style.margins.top - style.margins.bottom) - height;
      this.artifact(() => {
        doc
          .moveTo(x, y - style.note.gap / 2)
          .lineTo(x + measure * 0.3, y - style.note.gap / 2)
          .lineWidth(0.4)
          .stroke();
      });
      for (const n of page.notes) {
        for (const id of n.line.anchors) this.links.target(id, y);
        const note = this.doc.struct('Note');
        (this.section ?? this.root).add(note);
        this.tagged(layoutLine(n.line, x, y + n.size * ASCENT, measure, n.align, this.later), note, 'Note');
        note.end();
        y += n.leading;
      }
    }
  }

  /**
   * Writes the page numbers placed for later, now that every page is known; ends the structure.
   * Gives how many of them stand apart from the punctuation after them (page-numbers.ts).
   */
  finish(): number {
    const gaps = this.later.write(this.pageOf);
    this.links.finish();
    for (const el of this.structs.values()) el.end();
    this.structs.clear();
    this.section?.end();
    this.root.end();
    return gaps;
  }
}
