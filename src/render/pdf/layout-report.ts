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
  seconds: number; // the PDF's rendering time, layout and drawing (wall clock)
  cpuSeconds: number; // the same in CPU time of the process (what a busy machine changes least)
  perPage: { page: number; body: number; notes: number; hyphenEnds: number; depth: number | null }[];
}

/** A line ends with a hyphen: one the layout added, or a word's own (`well-` / `known`). */
const endsWithHyphen = (p: Placed): boolean => {
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
}
