import { type Page, type Placed, textDepth } from './page.ts';

/**
 * What the layout did, counted page by page as pages are completed: the figures a book designer
 * checks (overfull lines, widows, orphans, ladders of hyphens, blank pages), and per page the
 * lines and the line ends with a hyphen, so a test can hold the report against the PDF as poppler
 * reads it.
 */
export interface LayoutReport {
  pages: number;
  blankPages: number;
  rectoOpenings: number; // divisions (contents, introduction, a volume's chapters) opened on a right-hand page
  lines: number; // body and note lines
  overfull: number; // lines wider than their measure
  widows: number; // a block's last line alone at the head of a page
  orphans: number; // a block's first line alone at the foot of a page
  hyphenRuns: number; // runs of three or more consecutive lines ending with a hyphen (a block's, a note's)
  hyphenatedEnds: number; // lines ending in a hyphen the layout added
  spreads: number; // facing pages of running text (neither blank nor a fixed page)
  unbalancedSpreads: number; // of them, those whose pages' text ends more than a line apart
  repeatedHeaders: number[]; // pages a table runs on to, its header rows set again at their top
  headsAlone: number; // pages whose last heading has fewer than two lines of what follows it below it
  loneRows: number; // a table's one row alone on a page, at its foot or head, the table going on across the break
  generatedSpaces: number; // a page number set by the layout (`(p. 118)`) apart from the punctuation after it
  hyphenatedPageEnds: number; // pages whose running text ends with a word hyphenated across the turn
  namesAcrossPages: number; // pages whose running text ends inside a name of the register
  seconds: number; // the PDF's rendering time, layout and drawing (wall clock)
  cpuSeconds: number; // the same in CPU time of the process (what a busy machine changes least)
  perPage: { page: number; body: number; notes: number; hyphenEnds: number; depth: number | null }[];
}

/** A line leaves a name of the register unfinished: a mention begins on it and ends on a line after. */
export const leavesNameOpen = (p: Placed): boolean =>
  p.line.opens?.some((id) => !p.line.anchors.includes(id)) ?? false;

/** A line ends with a hyphen: one the layout added, or a word's own (`well-` / `known`). */
export const endsWithHyphen = (p: Placed): boolean => {
  const last = p.line.words.at(-1);
  if (!last?.broken) return false;
  return last.fragments.at(-1)?.text.endsWith('-') ?? false;
};

export class LayoutCounter {
  readonly report: LayoutReport = {
    pages: 0,
    blankPages: 0,
    rectoOpenings: 0,
    lines: 0,
    overfull: 0,
    widows: 0,
    orphans: 0,
    hyphenRuns: 0,
    hyphenatedEnds: 0,
    spreads: 0,
    unbalancedSpreads: 0,
    repeatedHeaders: [],
    headsAlone: 0,
    loneRows: 0,
    generatedSpaces: 0,
    hyphenatedPageEnds: 0,
    namesAcrossPages: 0,
    seconds: 0,
    cpuSeconds: 0,
    perPage: [],
  };
  // the run of hyphenated line ends going on, in the running text and in the notes
  private readonly runs = {
    body: { last: undefined as Placed | undefined, length: 0 },
    notes: { last: undefined as Placed | undefined, length: 0 },
  };

  private verso: number | null = null; // the depth of the left-hand page before this one
  private tableRows = new Map<string, number>(); // rows of each table (each panel of a wide one) on the page before this one
  private pendingHead: number | null = null; // the lines after the heading that ended the page before, if less than two

  constructor(
    private readonly height: number, // of the text block
    private readonly leading: number,
  ) {}

  page(page: Page, _measure: number): void {
    const r = this.report;
    r.pages++;
    const depth = textDepth(page, this.height);
    if (page.number % 2 === 1 && depth !== null && this.verso !== null) {
      r.spreads++;
      if (Math.abs(depth - this.verso) > this.leading) r.unbalancedSpreads++;
    }
    this.verso = page.number % 2 === 0 ? depth : null;
    if (page.blank) r.blankPages++;
    if (page.body.some((p) => p.repeat)) r.repeatedHeaders.push(page.number);
    // (a table's header set again at the top of the page is not the start of a paragraph)
    const first = page.body.find((p) => !p.repeat);
    const last = page.body.at(-1);
    if (first && first.of > 1 && first.index === first.of - 1) r.widows++;
    if (last && last.of > 1 && last.index === 0) r.orphans++;
    this.pageDetails(page);
    let hyphenEnds = 0;
    for (const [stream, lines] of [
      ['body', page.body],
      ['notes', page.notes],
    ] as const) {
      for (const p of lines) {
        r.lines++;
        if (p.line.overfull) r.overfull++;
        if (p.line.words.at(-1)?.hyphenated) r.hyphenatedEnds++;
        const hyphen = endsWithHyphen(p);
        if (hyphen) hyphenEnds++;
        const run = this.runs[stream];
        const follows = run.last && run.last.block === p.block && run.last.index + 1 === p.index;
        run.length = hyphen ? (follows ? run.length + 1 : 1) : 0;
        if (run.length === 3) r.hyphenRuns++;
        run.last = p;
      }
    }
    r.perPage.push({
      page: page.number,
      body: page.body.length,
      notes: page.notes.length,
      hyphenEnds,
      depth,
    });
  }

  /**
   * The page details (issue #32): its last heading with fewer than two lines (of text or of a
   * table's rows) after it on the page, when what follows goes on overleaf; a table's one row alone
   * at the foot or the head of a page, the table going on across the break; a word hyphenated
   * across the page turn (the page's last line of running text ends in a hyphen).
   */
  private pageDetails(page: Page): void {
    const r = this.report;
    // lines, as depths: a table row's cells side by side are one line
    const body = page.body.filter((p) => !p.repeat);
    // (counted when what follows the heading goes on overleaf: the page after has text, and not
    // a heading of its own after a line, as a document of one line before the next one's title)
    const pending = this.pendingHead;
    if (pending !== null && body[0] && (pending === 0 || !body[0].head)) r.headsAlone++;
    this.pendingHead = null;
    const lastHead = body.findLastIndex((p) => p.head);
    if (lastHead >= 0) {
      const after = new Set(body.slice(lastHead + 1).map((p) => p.y)).size;
      if (after < 2) this.pendingHead = after;
    }
    const rows = new Map<string, Set<number>>();
    for (const p of body) {
      if (!p.cell || p.panel) continue; // (a wide table's caption and stub set again are not rows)
      const table = `${p.cell.table} ${p.cell.panel ?? ''}`;
      const set = rows.get(table) ?? new Set<number>();
      rows.set(table, set.add(p.cell.row));
    }
    for (const [table, set] of rows) {
      const before = this.tableRows.get(table);
      if (before === undefined) continue;
      if (before === 1) r.loneRows++;
      if (set.size === 1) r.loneRows++;
    }
    this.tableRows = new Map([...rows].map(([table, set]) => [table, set.size]));
    const lastY = body.at(-1)?.y;
    if (body.some((p) => p.y === lastY && endsWithHyphen(p))) r.hyphenatedPageEnds++;
    if (body.some((p) => p.y === lastY && leavesNameOpen(p))) r.namesAcrossPages++;
  }
}
