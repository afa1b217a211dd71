import type { Item } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { breakLines } from './lines.ts';
import type { Page, Placed } from './page.ts';
import type { PdfStyle } from './style.ts';
import type { PageRefs } from './words.ts';

/**
 * The paginator's state: all that its calls change, in one record, so that a spread laid out again
 * (call-replay.ts) starts from the state as it was, set back whole. Placing a table (table.ts)
 * changes it as placing a paragraph does (paginate.ts).
 */
export interface LayoutState {
  page: Page | undefined; // the page being filled (none before the first)
  count: number; // pages begun
  y: number; // how far down the page the text has come
  limit: number; // the depth of this page's text block (its notes end there)
  carried: Placed[]; // note lines run on to the next page
  blockCounter: number;
  keep: PlacedLine[]; // the lines placed last on this page that must stay with what follows (headings, and the text after them)
  after: number; // lines of text placed after the headings in `keep` (they are kept with two)
  held: Page[]; // complete pages whose spread is not settled yet
  // (counted here and given to the report at the end: the calls made again count theirs again)
  rectoOpenings: number;
}

/** A line placed on the current page, how many note lines it set here and how many run on overleaf. */
export interface PlacedLine {
  line: Placed;
  notes: number;
  carried: number;
}

export const emptyState = (): LayoutState => ({
  page: undefined,
  count: 0,
  y: 0,
  limit: 0,
  carried: [],
  blockCounter: 0,
  keep: [],
  after: 0,
  held: [],
  rectoOpenings: 0,
});

// How each field is copied: the compiler holds this to the record, so a field added to the state
// cannot be left out of a copy; it has to say how it is copied (a list afresh, never shared).
const same = <T>(value: T): T => value;
const list = <T>(value: T[]): T[] => [...value];
const copies: { [K in keyof LayoutState]: (value: LayoutState[K]) => LayoutState[K] } = {
  // (the page is still being filled: its lists are copied; the lines in them are never changed once
  // placed, and the layout finds its own lines among them by identity)
  page: (page) => page && { ...page, body: [...page.body], notes: [...page.notes] },
  count: same,
  y: same,
  limit: same,
  carried: list,
  blockCounter: same,
  keep: list,
  after: same,
  held: list, // (complete pages: no longer changed)
  rectoOpenings: same,
};
const fields = Object.keys(copies) as (keyof LayoutState)[];

/** A copy of the state that shares nothing the layout changes with it. */
export function copyState(state: LayoutState): LayoutState {
  const copy = { ...state };
  const field = <K extends keyof LayoutState>(key: K): void => {
    copy[key] = copies[key](state[key]);
  };
  for (const key of fields) field(key);
  return copy;
}

export type Style = PdfStyle & { width: number; height: number };

/** What every line of the book is set with. */
export interface Setting {
  style: Style;
  fonts: FontSet;
  refs?: PageRefs; // cross-references whose targets' pages are set after them
  measure: number; // the text block's width
}

/** Whether nothing is placed on this page yet. */
export const isEmpty = (page: Page): boolean => page.body.length === 0 && page.notes.length === 0;

/** The depth of a page's note area with `extraLines` more lines in it. */
export function noteHeight(page: Page, note: Style['note'], extraLines = 0): number {
  const n = page.notes.length + extraLines;
  return n ? note.gap + n * note.leading : 0;
}

/** The lines of a footnote: its label, then its text, in the note size. */
export function noteLines(setting: Setting, note: { label: string; items: Item[] }, block: number): Placed[] {
  const { style, fonts, refs, measure } = setting;
  const items: Item[] = [{ kind: 'text', text: `${note.label} `, style: 'regular' }, ...note.items];
  const lines = breakLines(items, measure, style.note.size, 0, fonts, true, refs);
  return lines.map((line, index) => ({
    line,
    y: 0,
    size: style.note.size,
    leading: style.note.leading,
    align: 'justify' as const,
    leftIndent: 0,
    tag: 'P' as const,
    block,
    index,
    of: lines.length,
  }));
}
