import type { Item, PdfBlock } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { breakLines, type Line, type PageRefs } from './lines.ts';
import type { PdfStyle } from './style.ts';

/**
 * Pages from measured lines. Each body line is placed with the footnotes it refers to at the foot
 * of the same page; a note too long for the room left starts there and continues on the next page.
 * Paragraphs leave no single line at the foot (orphan) or head (widow) of a page, headings stay
 * with what follows, and each document starts on a right-hand (odd) page.
 */
export interface Placed {
  line: Line;
  y: number; // top of the line box, from the top of the text block
  size: number;
  leading: number;
  align: PdfBlock['align'];
  leftIndent: number;
  tag: PdfBlock['tag'];
  block: number; // index of the block (for the structure tree)
  tocFor?: string; // a contents entry: the document whose first page it gives (drawn at the end)
}

export interface Page {
  number: number;
  body: Placed[];
  notes: Placed[];
  runningHead?: string; // none on opening pages
  document?: string; // the document this page belongs to
  opening?: { title: string; id: string }; // a document starts here
  blank?: boolean;
  fixed?: 'half-title' | 'title' | 'imprint' | 'toc';
}

type Style = PdfStyle & { width: number; height: number };

export class Paginator {
  /** Every page, when kept (tests); the renderer streams pages out through onPage instead. */
  readonly pages: Page[] = [];
  private page!: Page;
  private count = 0;
  private y = 0;
  private carried: Placed[] = [];
  private blockCounter = 0;
  readonly measure: number;
  readonly height: number;

  constructor(
    private readonly style: Style,
    private readonly fonts: FontSet,
    /** Called with each page once it is complete; when given, pages are not kept (memory stays flat). */
    private readonly onPage?: (page: Page) => void,
    /** Cross-references whose targets' pages are set after them. */
    private readonly refs?: PageRefs,
  ) {
    this.measure = style.width - style.margins.inner - style.margins.outer;
    this.height = style.height - style.margins.top - style.margins.bottom;
  }

  /** Moves down the page (title pages). */
  skip(points: number): void {
    this.y = Math.min(this.height, this.y + points);
  }

  get current(): Page {
    return this.page;
  }

  newPage(extra: Partial<Page> = {}): Page {
    if (this.page) this.onPage?.(this.page);
    this.page = { number: ++this.count, body: [], notes: [], ...extra };
    if (!this.onPage) this.pages.push(this.page);
    this.y = 0;
    // The rest of a note begun on the previous page comes first in this page's note area.
    const carried = this.carried;
    this.carried = [];
    let k = 0;
    while (k < carried.length && (this.page.notes.length === 0 || this.noteHeight(1) <= this.height)) {
      this.page.notes.push(carried[k++] as Placed);
    }
    this.carried = carried.slice(k);
    return this.page;
  }

  /** Starts on the next odd page, leaving a blank verso if needed. */
  openRecto(extra: Partial<Page>): Page {
    if (this.count % 2 === 1) this.newPage({ blank: true });
    return this.newPage(extra);
  }

  private noteHeight(extraLines = 0): number {
    const n = this.page.notes.length + extraLines;
    return n ? this.style.note.gap + n * this.style.note.leading : 0;
  }

  /** The lines of a footnote: its label, then its text, in the note size. */
  noteLines(note: { label: string; items: Item[] }, block: number): Placed[] {
    const items: Item[] = [{ kind: 'text', text: `${note.label} `, style: 'regular' }, ...note.items];
    return breakLines(items, this.measure, this.style.note.size, 0, this.fonts, true, this.refs).map(
      (line) => ({
        line,
        y: 0,
        size: this.style.note.size,
        leading: this.style.note.leading,
        align: 'justify' as const,
        leftIndent: 0,
        tag: 'P' as const,
        block,
      }),
    );
  }

  private typeOf(block: PdfBlock): { size: number; leading: number } {
    return this.style[block.type];
  }

  private lastLine: Line | undefined; // of the block being placed

  /** Lays out one block and places its lines. */
  place(block: PdfBlock, next?: PdfBlock): void {
    const { size, leading } = this.typeOf(block);
    const index = this.blockCounter++;
    const lines = breakLines(
      block.items,
      this.measure - block.leftIndent - (block.rightIndent ?? 0),
      size,
      block.indent * size,
      this.fonts,
      block.align === 'justify',
      this.refs,
      block.spaceScale,
    );
    if (lines.length === 0) return;
    this.lastLine = lines.at(-1);
    const before = this.y > 0 ? block.spaceBefore * this.style.body.leading : 0;
    if (block.keepWithNext) {
      const nextLines = next ? Math.min(2, 1 + Math.floor(next.items.length / 12)) : 0;
      const need = before + lines.length * leading + nextLines * this.style.body.leading;
      if (this.y > 0 && this.y + need + this.noteHeight() > this.height) this.newPage(this.inherit());
    }
    if (this.y > 0) this.y += before;
    const placed: { line: Placed; notes: number; carried: boolean }[] = [];
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k] as Line;
      const result = this.tryPlace(line, size, leading, block, index);
      if (result) {
        placed.push(result);
        continue;
      }
      // The line does not fit: break the page, keeping two lines together on each side.
      const onThisPage = placed.filter((p) => this.page.body.includes(p.line)).length;
      const left = lines.length - k;
      // (never empty a page by undoing: a line alone on a page stays there rather than loop)
      const others = this.page.body.length > 1;
      const orphan = onThisPage === 1 && lines.length > 1 && others; // one line alone at the foot
      const widow = left === 1 && onThisPage >= 3; // one line alone at the head of the next page
      // (a line whose note runs on overleaf stays: its note has begun on this page)
      if ((orphan || widow) && this.undo(placed.at(-1))) {
        placed.pop();
        k--;
      }
      this.newPage(this.inherit());
      k--;
    }
  }

  /** Takes the last placed line (and its notes) off the page; false when it cannot be. */
  private undo(p: { line: Placed; notes: number; carried: boolean } | undefined): boolean {
    if (!p || p.carried) return false;
    this.page.body.pop();
    this.page.notes.splice(this.page.notes.length - p.notes, p.notes);
    this.y -= p.line.leading;
    return true;
  }

  private tryPlace(
    line: Line,
    size: number,
    leading: number,
    block: PdfBlock,
    index: number,
  ): { line: Placed; notes: number; carried: boolean } | null {
    const notes = line.notes.flatMap((n) => this.noteLines(n, index));
    const placed: Placed = {
      line,
      y: this.y,
      size,
      leading,
      align: block.align,
      leftIndent: block.leftIndent,
      tag: block.tag,
      block: index,
      tocFor: line === this.lastLine ? block.tocFor : undefined, // the page number goes on its last line
    };
    // On a page with nothing on it a line always goes in (else nothing could ever be placed).
    const emptyPage = this.page.body.length === 0 && this.page.notes.length === 0;
    if (
      this.y + leading + this.noteHeight(notes.length) <= this.height ||
      (emptyPage && notes.length === 0)
    ) {
      this.commit(placed, leading);
      for (const n of notes) this.page.notes.push(n);
      return { line: placed, notes: notes.length, carried: false };
    }
    // Room for the line and at least the first line of its note: the rest of the note continues overleaf.
    if (notes.length && (this.y + leading + this.noteHeight(1) <= this.height || emptyPage)) {
      this.commit(placed, leading);
      let k = 0;
      while (k < notes.length && (this.y + this.noteHeight(1) <= this.height || k === 0))
        this.page.notes.push(notes[k++] as Placed);
      this.carried.push(...notes.slice(k));
      return { line: placed, notes: k, carried: k < notes.length };
    }
    return null;
  }

  private commit(placed: Placed, leading: number): void {
    this.page.body.push(placed);
    this.y += leading;
  }

  private inherit(): Partial<Page> {
    return { runningHead: this.page.document ?? this.page.runningHead, document: this.page.document };
  }

  /** Places every pending carried note line on following pages, and hands over the last page. */
  flush(): void {
    while (this.carried.length) this.newPage(this.inherit());
    if (this.page) this.onPage?.(this.page);
  }
}
