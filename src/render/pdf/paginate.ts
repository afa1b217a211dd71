import type { Item, PdfBlock, TableRow } from './blocks.ts';
import { CallReplay } from './call-replay.ts';
import type { FontSet } from './fonts.ts';
import { LayoutCounter } from './layout-report.ts';
import { breakLines, type Line } from './lines.ts';
import { type Page, type Placed, textDepth } from './page.ts';
import { SpreadBalance } from './spread-balance.ts';
import type { PdfStyle } from './style.ts';
import { layoutTable, repeatedHeader, rowHeight, rowLine } from './table.ts';
import type { PageRefs } from './words.ts';

/**
 * Pages from measured lines. Each body line is placed with the footnotes it refers to at the foot
 * of the same page; a note too long for the room left starts there and continues on the next page.
 * A block leaves no single line at the foot (orphan) or head (widow) of a page: it starts on a
 * page only where two of its lines fit (all of it when it has three or fewer), and its last line
 * never goes overleaf alone. Headings stay with what follows. Documents run on, or start a page or
 * a right-hand page, as the caller asks; the counter records what the layout did (layout-report.ts).
 */
type Style = PdfStyle & { width: number; height: number };

const ROW_GAP = 0.3; // of the leading, between a table's rows

/** The paginator's state between two of the caller's calls: what laying a spread again starts from. */
interface Snapshot {
  page: Page | undefined; // (none before the first page)
  count: number;
  y: number;
  limit: number;
  carried: Placed[];
  blockCounter: number;
  keep: PlacedLine[];
  pages: number;
  held: Page[];
  rectoOpenings: number;
}

const copyPage = (page: Page): Page => ({ ...page, body: [...page.body], notes: [...page.notes] });

/** A line placed on the current page, how many note lines it set here and how many run on overleaf. */
interface PlacedLine {
  line: Placed;
  notes: number;
  carried: number;
}

export class Paginator {
  /** Every page, when kept (tests); the renderer streams pages out through onPage instead. */
  readonly pages: Page[] = [];
  private page!: Page;
  private count = 0;
  private y = 0;
  private carried: Placed[] = [];
  private blockCounter = 0;
  /** The lines placed last on this page that must stay with what follows (headings). */
  private keep: PlacedLine[] = [];
  readonly measure: number;
  readonly height: number;
  private limit = 0; // the depth of this page's text block (its notes end there)
  readonly counter: LayoutCounter;

  // Facing pages are balanced spread by spread (spread-balance.ts), the caller's calls since a
  // spread began made again to lay it out again (call-replay.ts). Complete pages are held until
  // their spread is settled, then handed on.
  private held: Page[] = [];
  private open: number | undefined; // the verso of the spread being laid out
  private readonly balance: SpreadBalance;
  private readonly replay = new CallReplay<Snapshot>({
    snapshot: () => this.snapshot(),
    restore: (s) => this.restore(s),
    open: () => this.open !== undefined,
    settled: () => this.release(),
  });

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
    this.counter = new LayoutCounter(this.height, style.body.leading);
    this.balance = new SpreadBalance(style.body.leading);
  }

  /** Moves down the page (title pages, the space between run-on documents). */
  skip(points: number): void {
    this.replay.run(() => {
      this.y = Math.min(this.limit, this.y + points);
    });
  }

  /** Space between two run-on documents: none at the head of a page. */
  spaceBetween(points: number): void {
    this.replay.run(() => {
      if (!this.empty) this.y = Math.min(this.limit, this.y + points);
    });
  }

  private snapshot(): Snapshot {
    return {
      page: this.page ? copyPage(this.page) : undefined,
      count: this.count,
      y: this.y,
      limit: this.limit,
      carried: [...this.carried],
      blockCounter: this.blockCounter,
      keep: [...this.keep],
      pages: this.pages.length,
      held: [...this.held],
      rectoOpenings: this.counter.report.rectoOpenings,
    };
  }

  private restore(s: Snapshot): void {
    this.page = (s.page ? copyPage(s.page) : undefined) as Page;
    this.count = s.count;
    this.y = s.y;
    this.limit = s.limit;
    this.carried = [...s.carried];
    this.blockCounter = s.blockCounter;
    this.keep = [...s.keep];
    this.held = [...s.held];
    this.counter.report.rectoOpenings = s.rectoOpenings;
    this.open = undefined;
    if (!this.onPage) {
      this.pages.length = s.pages;
      if (s.pages > 0) this.pages[s.pages - 1] = this.page;
    }
  }

  /** Hands on every complete page held (their spreads are settled). */
  private release(): void {
    for (const page of this.held) this.hand(page);
    this.held = [];
  }

  /**
   * A spread opens at `verso`: it will be laid out again, if need be, from the start of the
   * caller's current call. What was complete before that call is settled: handed on now.
   */
  private openSpread(verso: number): void {
    const base = this.replay.rebase();
    if (base) {
      for (const page of base.held) this.hand(page);
      this.held = this.held.filter((page) => !base.held.includes(page));
      base.held = [];
    }
    this.open = verso;
  }

  /** The recto of the open spread is complete: kept, or the spread laid out again (spread-balance.ts). */
  private settle(recto: Page): void {
    const verso = this.open as number;
    const versoPage = this.held.find((p) => p.number === verso);
    this.open = undefined;
    const verdict = this.balance.settle(
      verso,
      versoPage ? textDepth(versoPage, this.height) : null,
      textDepth(recto, this.height),
    );
    if (verdict !== 'keep') this.replay.again();
  }

  get current(): Page {
    return this.page;
  }

  /** A block number no other block has (the structure tree groups lines by it): for lines placed by hand. */
  takeBlock(): number {
    return this.blockCounter++;
  }

  /** Whether nothing is placed on this page yet. */
  get empty(): boolean {
    return this.page.body.length === 0 && this.page.notes.length === 0;
  }

  newPage(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => this.startPage(extra));
  }

  private startPage(extra: Partial<Page> = {}): Page {
    if (this.page) this.held.push(this.page);
    this.page = { number: ++this.count, body: [], notes: [], ...extra };
    if (!this.onPage) this.pages.push(this.page);
    this.y = 0;
    this.limit = this.page.depth ?? this.height;
    this.keep = [];
    // The rest of a note begun on the previous page comes first in this page's note area.
    const carried = this.carried;
    this.carried = [];
    let k = 0;
    while (k < carried.length && (this.page.notes.length === 0 || this.noteHeight(1) <= this.limit)) {
      this.page.notes.push(carried[k++] as Placed);
    }
    this.carried = carried.slice(k);
    return this.page;
  }

  /**
   * The next page of the running text. Facing pages are balanced: a left-hand page that ends a
   * line or more short (its last lines went overleaf to keep two together, or a heading with what
   * follows) and holds no notes sets the depth of the right-hand page facing it; a right-hand page
   * that ends one to three lines short of its verso has the spread laid out again (`settle`).
   */
  private continuePage(): Page {
    const verso = this.page;
    const last = verso.body.at(-1);
    const depth = last ? last.y + last.leading : this.height;
    const short =
      verso.number % 2 === 0 &&
      !verso.blank &&
      !verso.fixed &&
      verso.notes.length === 0 &&
      last !== undefined;
    const extra = this.inherit();
    // (short by a few lines; a page left well short, before a document that could not start on it,
    // is an end, and the page facing it runs full)
    const gap = this.height - depth;
    if (short && gap > this.style.body.leading && gap <= 4 * this.style.body.leading) extra.depth = depth;
    // the running text flows on: the recto of an open spread is complete, a new spread opens
    if (this.open !== undefined && verso.number === this.open + 1) this.settle(verso);
    const next = verso.number + 1;
    if (next % 2 === 0 && !verso.blank && !verso.fixed) {
      const forced = this.balance.versoDepth(next);
      if (forced !== undefined) extra.depth = forced;
      this.openSpread(next);
    } else if (this.open !== undefined && verso.number !== this.open) this.open = undefined;
    return this.startPage(extra);
  }

  /** Starts on the next odd page, leaving a blank verso if needed. */
  openRecto(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => {
      this.counter.report.rectoOpenings++;
      this.open = undefined; // (a spread ended by a new division is as it is)
      if (this.page && this.empty && this.count % 2 === 1) return this.page;
      if (this.count % 2 === 1) this.startPage({ blank: true });
      return this.startPage(extra);
    });
  }

  /** Starts a new page unless this one is still empty. */
  openPage(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => {
      if (this.page && this.empty) return this.page;
      this.open = undefined;
      return this.startPage(extra);
    });
  }

  /** A complete page: counted, then handed on. */
  private hand(page: Page): void {
    this.counter.page(page, this.measure);
    this.onPage?.(page);
  }

  private noteHeight(extraLines = 0): number {
    const n = this.page.notes.length + extraLines;
    return n ? this.style.note.gap + n * this.style.note.leading : 0;
  }

  /** The lines of a footnote: its label, then its text, in the note size. */
  noteLines(note: { label: string; items: Item[] }, block: number): Placed[] {
    const items: Item[] = [{ kind: 'text', text: `${note.label} `, style: 'regular' }, ...note.items];
    const lines = breakLines(items, this.measure, this.style.note.size, 0, this.fonts, true, this.refs);
    return lines.map((line, index) => ({
      line,
      y: 0,
      size: this.style.note.size,
      leading: this.style.note.leading,
      align: 'justify' as const,
      leftIndent: 0,
      tag: 'P' as const,
      block,
      index,
      of: lines.length,
    }));
  }

  private typeOf(block: PdfBlock): { size: number; leading: number } {
    return this.style[block.type];
  }

  /** Lays out one block and places its lines. */
  place(block: PdfBlock, next?: PdfBlock): void {
    this.replay.run(() => this.placeBlock(block, next));
  }

  private placeBlock(block: PdfBlock, next?: PdfBlock): void {
    if (block.table) {
      this.placeTable(block, block.table);
      return;
    }
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
    const n = lines.length;
    const make = (k: number): Placed => ({
      line: lines[k] as Line,
      y: 0,
      size,
      leading,
      align: block.align,
      leftIndent: block.leftIndent,
      tag: block.tag,
      block: index,
      index: k,
      of: n,
      tocFor: k === n - 1 ? block.tocFor : undefined, // the page number goes on its last line
      opening: k === 0 ? block.opening : undefined,
    });
    const before = (): number => (this.y > 0 ? block.spaceBefore * this.style.body.leading : 0);
    // A block starts on this page only where its first lines fit: all of it up to three lines,
    // else two (no orphan); a heading also with the first lines of what follows.
    const first = n <= 3 ? n : 2;
    const nextLines = block.keepWithNext && next ? Math.min(2, 1 + Math.floor(next.items.length / 12)) : 0;
    if (!this.roomFor(lines.slice(0, first), leading, before() + nextLines * this.style.body.leading))
      this.breakPage(true);
    this.y += before();
    const placed: PlacedLine[] = [];
    for (let k = 0; k < n; k++) {
      const result = this.tryPlace(make(k));
      if (result) {
        placed.push(result);
        continue;
      }
      // The line does not fit: the page breaks here, never leaving one line of the block alone.
      const here = placed.filter((p) => this.page.body.includes(p.line));
      const left = n - k;
      if (here.length === 1 && here[0]?.line.index === 0 && n > 1 && this.undoAll(here)) {
        k -= 1; // an orphan: its line goes overleaf
        placed.pop();
      } else if (left === 1 && here.length >= 3 && this.undoAll(here.slice(-1))) {
        k -= 1; // a widow: the line before it goes overleaf with it
        placed.pop();
      } else if (left === 1 && here.length === 2 && this.undoAll(here)) {
        k -= 2; // two lines and one: the three go overleaf together
        placed.length -= 2;
      }
      this.breakPage(k === 0);
      k--;
    }
    this.keep = block.keepWithNext ? [...this.keep, ...placed] : [];
    if (block.spaceAfter && this.y > 0)
      this.y = Math.min(this.limit, this.y + block.spaceAfter * this.style.body.leading);
  }

  /**
   * A table, row by row: a row goes whole onto the page where it fits (a page breaks between
   * rows); only a row taller than a page is broken, at its lines. Its cells' lines share a height.
   * Its header rows (the first rows, all header cells) are set again at the top of each page it
   * runs on to, as the reader of a long table expects — drawn as artifacts, so the text and the
   * structure tree hold them once.
   */
  private placeTable(block: PdfBlock, table: TableRow[]): void {
    const { size, leading } = this.typeOf(block);
    // page breaks waiting before the table go with its first cell
    const rows = table.map((row, r) =>
      row.map((cell, c) => (r === 0 && c === 0 ? { ...cell, items: [...block.items, ...cell.items] } : cell)),
    );
    const layout = layoutTable(rows, this.measure - block.leftIndent, size, this.fonts, this.refs);
    const tableIndex = this.blockCounter++;
    if (this.y > 0) this.y += block.spaceBefore * this.style.body.leading;
    this.keep = [];
    const line = { size, leading, leftIndent: block.leftIndent, tag: block.tag };
    const heads = repeatedHeader(rows, layout, ROW_GAP * leading, leading, this.limit / 3);
    const nextPage = (r: number): void => {
      this.continuePage();
      if (r < heads.length) return;
      for (const row of heads) {
        for (let k = 0; k < rowHeight(row); k++) {
          for (const p of rowLine(row, k, line, () => -1))
            this.page.body.push({ ...p, y: this.y, repeat: true });
          this.y += leading;
        }
        this.y += ROW_GAP * leading;
      }
    };
    layout.forEach((row, r) => {
      // rows are set apart by a little space, and the table from what follows it
      if (r > 0 && this.y > 0) this.y = Math.min(this.limit, this.y + ROW_GAP * leading);
      const height = rowHeight(row);
      const indices = row.map(() => this.blockCounter++);
      const lines = row.flatMap((c) => c.lines);
      if (!this.empty && !this.rowFits(lines, height * leading)) nextPage(r);
      for (let k = 0; k < height; k++) {
        const slice = rowLine(
          row,
          k,
          line,
          (c) => indices[c] as number,
          (c) => ({
            table: tableIndex,
            row: r,
            header: rows[r]?.[c]?.header ?? false,
          }),
        );
        const notes = slice.flatMap((p) => p.line.notes.flatMap((n) => this.noteLines(n, p.block)));
        if (this.y + leading + this.noteHeight(notes.length) > this.limit && !this.empty) nextPage(r);
        for (const p of slice) this.page.body.push({ ...p, y: this.y });
        // notes that do not fit run on overleaf, as a paragraph's do
        let n = 0;
        while (n < notes.length && (this.y + leading + this.noteHeight(1) <= this.limit || n === 0))
          this.page.notes.push(notes[n++] as Placed);
        this.carried.push(...notes.slice(n));
        this.y += leading;
      }
    });
    if (this.y > 0) this.y = Math.min(this.limit, this.y + block.spaceBefore * this.style.body.leading);
  }

  /** Whether a row of these lines fits below what is on the page, with two lines of each of its notes. */
  private rowFits(lines: Line[], height: number): boolean {
    const notes = lines.reduce((n, l) => n + l.notes.length, 0);
    return this.y + height + this.noteHeight(notes ? notes * 2 : 0) <= this.limit;
  }

  /**
   * Whether these lines (each with the first line of its notes) fit on this page below `extra`
   * points of space; an empty page always has room.
   */
  private roomFor(lines: Line[], leading: number, extra: number): boolean {
    if (this.empty) return true;
    let y = this.y + extra;
    let notes = this.page.notes.length;
    for (const line of lines) {
      y += leading;
      if (line.notes.length) notes += 1;
      if (y + (notes ? this.style.note.gap + notes * this.style.note.leading : 0) > this.limit) return false;
    }
    return true;
  }

  /**
   * A new page; with `keep`, the headings placed last on this one go overleaf too, so that they
   * stay with the block that follows them (unless they are all the page holds).
   */
  private breakPage(keep: boolean): void {
    const moving = keep && this.keep.length ? this.keep : [];
    const again = moving.length && this.undoAll(moving) ? moving.map((p) => p.line) : [];
    this.continuePage();
    for (const line of again) {
      const result = this.tryPlace(line);
      if (result) this.keep.push(result);
    }
  }

  /**
   * Takes these lines, the last ones of the page, off it with their notes (a note's lines that
   * were to run on overleaf too); or none of them.
   */
  private undoAll(list: PlacedLine[]): boolean {
    if (this.page.body.length <= list.length) return false;
    const tail = this.page.body.slice(-list.length);
    if (!tail.every((l, k) => l === list[k]?.line)) return false;
    for (let k = list.length - 1; k >= 0; k--) {
      const p = list[k] as PlacedLine;
      this.page.body.pop();
      this.page.notes.splice(this.page.notes.length - p.notes, p.notes);
      this.carried.splice(this.carried.length - p.carried, p.carried);
      this.y = p.line.y;
    }
    return true;
  }

  private tryPlace(line: Placed): PlacedLine | null {
    const notes = line.line.notes.flatMap((n) => this.noteLines(n, line.block));
    const { leading } = line;
    const placed: Placed = { ...line, y: this.y };
    // On a page with nothing on it a line always goes in (else nothing could ever be placed).
    const emptyPage = this.empty;
    if (this.y + leading + this.noteHeight(notes.length) <= this.limit || (emptyPage && notes.length === 0)) {
      this.commit(placed, leading);
      for (const n of notes) this.page.notes.push(n);
      return { line: placed, notes: notes.length, carried: 0 };
    }
    // Room for the line and at least the first line of its note: the rest of the note continues overleaf.
    if (notes.length && (this.y + leading + this.noteHeight(1) <= this.limit || emptyPage)) {
      this.commit(placed, leading);
      let k = 0;
      while (k < notes.length && (this.y + this.noteHeight(1) <= this.limit || k === 0))
        this.page.notes.push(notes[k++] as Placed);
      this.carried.push(...notes.slice(k));
      return { line: placed, notes: k, carried: notes.length - k };
    }
    return null;
  }

  private commit(placed: Placed, leading: number): void {
    this.page.body.push(placed);
    this.y += leading;
  }

  /** What the next page keeps of this one: the contents' running head. */
  private inherit(): Partial<Page> {
    return this.page.runningHead ? { runningHead: this.page.runningHead } : {};
  }

  /** Places every pending carried note line on following pages, and hands over the last page. */
  flush(): void {
    this.replay.run(() => {
      this.open = undefined;
      while (this.carried.length) this.continuePage();
      this.open = undefined;
    });
    if (this.page) this.hand(this.page);
  }
}
