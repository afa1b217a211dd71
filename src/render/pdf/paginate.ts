import type { PdfBlock } from './blocks.ts';
import { CallReplay } from './call-replay.ts';
import { imageLine } from './figure.ts';
import type { FontSet } from './fonts.ts';
import { LayoutCounter } from './layout-report.ts';
import type { LayoutState, PlacedLine, Setting, Style } from './layout-state.ts';
import { copyState, emptyState, isEmpty, noteHeight } from './layout-state.ts';
import { breakLines, type Line } from './lines.ts';
import { type Page, type Placed, textDepth } from './page.ts';
import { hyphenFree, roomFor, tryPlace, undoAll } from './page-lines.ts';
import { SpreadBalance } from './spread-balance.ts';
import { placeTable } from './table.ts';
import type { PageRefs } from './words.ts';

/**
 * Pages from measured lines. Each body line is placed with the footnotes it refers to at the foot
 * of the same page; a note too long for the room left starts there and continues on the next page.
 * A block leaves no single line at the foot (orphan) or head (widow) of a page: it starts on a
 * page only where two of its lines fit (all of it when it has three or fewer), and its last line
 * never goes overleaf alone. Headings stay with what follows. Documents run on, or start a page or
 * a right-hand page, as the caller asks; the counter records what the layout did (layout-report.ts).
 * Tables are placed by table.ts, on the same state.
 */
/** The most lines a left-hand page may end short and still set the depth of the page facing it. */
const SHORT_VERSO = 8;

export class Paginator {
  /** Every page begun, when kept (tests); the renderer streams pages out through onPage instead. */
  readonly pages: Page[] = [];
  readonly measure: number;
  readonly height: number;
  readonly counter: LayoutCounter;
  private readonly setting: Setting;
  private state: LayoutState = emptyState();

  // Facing pages are balanced spread by spread (spread-balance.ts), the caller's calls since a
  // spread began made again to lay it out again (call-replay.ts) from the state as it was then.
  // Complete pages are held (in the state) until their spread is settled, then handed on.
  private open: number | undefined; // the verso of the spread being laid out
  private readonly balance: SpreadBalance;
  private readonly replay = new CallReplay<LayoutState>({
    snapshot: () => copyState(this.state),
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
    this.setting = { style, fonts, refs, measure: this.measure };
  }

  /** The page being filled (the caller's first call begins one). */
  private get page(): Page {
    return this.state.page as Page;
  }

  /** Moves down the page (title pages, the space between run-on documents). */
  skip(points: number): void {
    this.replay.run(() => {
      this.state.y = Math.min(this.state.limit, this.state.y + points);
    });
  }

  /** Space between two run-on documents: none at the head of a page. */
  spaceBetween(points: number): void {
    this.replay.run(() => {
      if (!this.empty) this.state.y = Math.min(this.state.limit, this.state.y + points);
    });
  }

  /**
   * The state set back to `s` (a copy: it may be set back to again). No spread is open: the calls
   * made again open it again.
   */
  private restore(s: LayoutState): void {
    this.state = copyState(s);
    this.open = undefined;
    // the pages kept are one for each page begun, the last the one being filled
    if (!this.onPage) {
      this.pages.length = this.state.count;
      if (this.state.page) this.pages[this.state.count - 1] = this.state.page;
    }
  }

  /** Hands on every complete page held (their spreads are settled). */
  private release(): void {
    for (const page of this.state.held) this.hand(page);
    this.state.held = [];
  }

  /**
   * A spread opens at `verso`: it will be laid out again, if need be, from the start of the
   * caller's current call. What was complete before that call is settled: handed on now.
   */
  private openSpread(verso: number): void {
    const base = this.replay.rebase();
    if (base) {
      for (const page of base.held) this.hand(page);
      this.state.held = this.state.held.filter((page) => !base.held.includes(page));
      base.held = [];
    }
    this.open = verso;
  }

  /**
   * The recto of the open spread is complete: kept (true), or the spread to be laid out again
   * (spread-balance.ts): the caller's call stops there and is made again.
   */
  private settle(recto: Page): boolean {
    const verso = this.open as number;
    const versoPage = this.state.held.find((p) => p.number === verso);
    this.open = undefined;
    const verdict = this.balance.settle(
      verso,
      versoPage ? textDepth(versoPage, this.height) : null,
      textDepth(recto, this.height),
    );
    if (verdict === 'keep') return true;
    this.replay.again();
    return false;
  }

  get current(): Page {
    return this.page;
  }

  /** A block number no other block has (the structure tree groups lines by it): for lines placed by hand. */
  takeBlock(): number {
    return this.state.blockCounter++;
  }

  /** Whether nothing is placed on this page yet. */
  get empty(): boolean {
    return isEmpty(this.page);
  }

  newPage(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => this.startPage(extra));
  }

  private startPage(extra: Partial<Page> = {}): Page {
    const s = this.state;
    if (s.page) s.held.push(s.page);
    const page: Page = { number: ++s.count, body: [], notes: [], ...extra };
    s.page = page;
    if (!this.onPage) this.pages.push(page);
    s.y = 0;
    s.limit = page.depth ?? this.height;
    s.keep = [];
    // The rest of a note begun on the previous page comes first in this page's note area.
    let k = 0;
    while (k < s.carried.length && (page.notes.length === 0 || this.noteHeight(1) <= s.limit)) {
      page.notes.push(s.carried[k++] as Placed);
    }
    s.carried = s.carried.slice(k);
    return page;
  }

  /**
   * The next page of the running text. Facing pages are balanced: a left-hand page that ends a
   * line or more short (its last lines went overleaf to keep two together, or a heading with what
   * follows) and holds no notes sets the depth of the right-hand page facing it; a right-hand page
   * that ends short of its verso has the spread laid out again (`settle`, spread-balance.ts): false,
   * and the caller's call stops there.
   */
  private continuePage(): boolean {
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
    // (short by up to eight lines — a document's title, source note, dateline and first lines
    // went overleaf together; a page left further short is an end, and the page facing it runs full)
    const gap = this.height - depth;
    if (short && gap > this.style.body.leading && gap <= SHORT_VERSO * this.style.body.leading)
      extra.depth = depth;
    // the running text flows on: the recto of an open spread is complete, a new spread opens
    if (this.open !== undefined && verso.number === this.open + 1 && !this.settle(verso)) return false;
    const next = verso.number + 1;
    if (next % 2 === 0 && !verso.blank && !verso.fixed) {
      const forced = this.balance.versoDepth(next);
      if (forced !== undefined) extra.depth = forced;
      this.openSpread(next);
    } else if (this.open !== undefined && verso.number !== this.open) this.open = undefined;
    this.startPage(extra);
    return true;
  }

  /** Starts on the next odd page, leaving a blank verso if needed. */
  openRecto(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => {
      this.state.rectoOpenings++;
      this.open = undefined; // (a spread ended by a new division is as it is)
      if (this.state.page && this.empty && this.state.count % 2 === 1) return this.page;
      if (this.state.count % 2 === 1) this.startPage({ blank: true });
      return this.startPage(extra);
    });
  }

  /** Starts a new page unless this one is still empty. */
  openPage(extra: Partial<Page> = {}): Page {
    return this.replay.run(() => {
      if (this.state.page && this.empty) return this.page;
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
    return noteHeight(this.page, this.style.note, extraLines);
  }

  /** Lays out one block and places its lines. */
  place(block: PdfBlock, next?: PdfBlock): void {
    this.replay.run(() => this.placeBlock(block, next));
  }

  private placeBlock(block: PdfBlock, next?: PdfBlock): void {
    const s = this.state;
    if (block.table) {
      placeTable(block, block.table, s, this.setting, (keep) => this.breakPage(keep));
      return;
    }
    if (block.image) {
      this.placeImage(block);
      return;
    }
    const { size, leading } = this.style[block.type];
    const index = s.blockCounter++;
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
      ...(block.keepWithNext ? { head: true as const } : {}),
    });
    const before = (): number => (s.y > 0 ? block.spaceBefore * this.style.body.leading : 0);
    // A block starts on this page only where its first lines fit: all of it up to three lines,
    // else two (no orphan); a heading (a long source note too) all of it, with the first lines of
    // what follows.
    const first = n <= 3 || block.keepWithNext ? n : 2;
    const nextLines = block.keepWithNext && next ? Math.min(2, 1 + Math.floor(next.items.length / 12)) : 0;
    const room = before() + nextLines * this.style.body.leading;
    if (!roomFor(this.state, this.setting, lines.slice(0, first), leading, room) && !this.breakPage(true))
      return;
    s.y += before();
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
      // A page never ends with a word hyphenated across the turn (TeX's \brokenpenalty, made
      // absolute): its line goes overleaf, the line before it too while that one ends with a
      // hyphen, never leaving one line of the block alone at the foot — else the whole block goes
      // (with the headings before it), where the page holds something else.
      const moved = hyphenFree(
        this.state,
        placed.filter((p) => this.page.body.includes(p.line)),
      );
      k -= moved;
      placed.length -= moved;
      if (!this.breakPage(k === 0)) return;
      k--;
    }
    // Headings stay with two lines of what follows: a block of one line after them is kept with
    // them, and the next block's first lines go on their page or all go overleaf together.
    const whole = placed.every((p) => this.page.body.includes(p.line));
    if (block.keepWithNext) {
      s.keep = [...s.keep, ...placed];
      s.after = 0;
    } else if (s.keep.length && whole && s.after + placed.length < 2) {
      s.keep = [...s.keep, ...placed];
      s.after += placed.length;
    } else s.keep = [];
    if (block.spaceAfter && s.y > 0)
      s.y = Math.min(s.limit, s.y + block.spaceAfter * this.style.body.leading);
  }

  /** A figure's image: on this page where it fits, else overleaf (with the headings kept with it). */
  private placeImage(block: PdfBlock): void {
    const s = this.state;
    const line = imageLine(block, s, this.setting, this.height);
    if (s.y > 0) s.y = Math.min(s.limit, s.y + block.spaceBefore * this.style.body.leading);
    let placed = this.tryPlace(line);
    if (!placed) {
      if (!this.breakPage(true)) return;
      placed = this.tryPlace(line);
    }
    s.keep = placed && block.keepWithNext ? [...s.keep, placed] : [];
  }

  /**
   * A new page; with `keep`, the headings placed last on this one go overleaf too, so that they
   * stay with the block that follows them (unless they are all the page holds). False: the spread
   * is to be laid out again (continuePage).
   */
  private breakPage(keep: boolean): boolean {
    const moving = keep && this.state.keep.length ? this.state.keep : [];
    const again = moving.length && this.undoAll(moving) ? moving.map((p) => p.line) : [];
    if (!this.continuePage()) return false;
    for (const line of again) {
      const result = this.tryPlace(line);
      if (result) this.state.keep.push(result);
    }
    return true;
  }

  // (the moves on the page's lines, page-lines.ts, on this paginator's state)
  private tryPlace(line: Placed): PlacedLine | null {
    return tryPlace(this.state, this.setting, line);
  }

  private undoAll(list: PlacedLine[]): boolean {
    return undoAll(this.state, list);
  }

  /** What the next page keeps of this one: the contents' running head. */
  private inherit(): Partial<Page> {
    return this.page.runningHead ? { runningHead: this.page.runningHead } : {};
  }

  /** Places every pending carried note line on following pages, and hands over the last page. */
  flush(): void {
    this.replay.run(() => {
      this.open = undefined;
      while (this.state.carried.length) if (!this.continuePage()) return;
      this.open = undefined;
    });
    this.counter.report.rectoOpenings = this.state.rectoOpenings;
    if (this.state.page) this.hand(this.state.page);
  }
}
