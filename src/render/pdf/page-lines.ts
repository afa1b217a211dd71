import { endsWithHyphen, leavesNameOpen } from './layout-report.ts';
import type { LayoutState, PlacedLine, Setting } from './layout-state.ts';
import { isEmpty, noteHeight, noteLines } from './layout-state.ts';
import type { Line } from './lines.ts';
import type { Page, Placed } from './page.ts';

/**
 * Lines put on the page being filled and taken off it again, with the notes they refer to: the
 * moves the paginator (paginate.ts) decides with. Each works on the layout state only, so a spread
 * laid out again replays them from a copy of it.
 */

const pageOf = (state: LayoutState): Page => state.page as Page;

/**
 * Places a line with its notes at the foot of the page: all of them where they fit; else the line
 * and at least its notes' first line (the rest run on overleaf, carried); else nothing (null). On
 * a page with nothing on it a line always goes in (else nothing could ever be placed).
 */
export function tryPlace(state: LayoutState, setting: Setting, line: Placed): PlacedLine | null {
  const page = pageOf(state);
  const notes = line.line.notes.flatMap((n) => noteLines(setting, n, line.block));
  const { leading } = line;
  const placed: Placed = { ...line, y: state.y };
  const footFor = (extra: number): number => noteHeight(page, setting.style.note, extra);
  const emptyPage = isEmpty(page);
  const commit = (): void => {
    page.body.push(placed);
    state.y += leading;
  };
  if (state.y + leading + footFor(notes.length) <= state.limit || (emptyPage && notes.length === 0)) {
    commit();
    for (const n of notes) page.notes.push(n);
    return { line: placed, notes: notes.length, carried: 0 };
  }
  if (notes.length && (state.y + leading + footFor(1) <= state.limit || emptyPage)) {
    commit();
    let k = 0;
    while (k < notes.length && (state.y + footFor(1) <= state.limit || k === 0))
      page.notes.push(notes[k++] as Placed);
    state.carried.push(...notes.slice(k));
    return { line: placed, notes: k, carried: notes.length - k };
  }
  return null;
}

/**
 * Takes these lines, the last ones of the page, off it with their notes (a note's lines that
 * were to run on overleaf too); or none of them.
 */
export function undoAll(state: LayoutState, list: PlacedLine[]): boolean {
  const page = pageOf(state);
  if (page.body.length <= list.length) return false;
  const tail = page.body.slice(-list.length);
  if (!tail.every((l, k) => l === list[k]?.line)) return false;
  for (let k = list.length - 1; k >= 0; k--) {
    const p = list[k] as PlacedLine;
    page.body.pop();
    page.notes.splice(page.notes.length - p.notes, p.notes);
    state.carried.splice(state.carried.length - p.carried, p.carried);
    state.y = p.line.y;
  }
  return true;
}

/**
 * Takes lines of a block off the foot of this page until the page no longer ends with a
 * hyphenated word: as few as will do, leaving two at least; or all of them (the block then
 * starts overleaf) where fewer will not do. Gives how many it took off.
 */
export function hyphenFree(state: LayoutState, here: PlacedLine[]): number {
  const lastLine = here.at(-1);
  // (nor inside a name of the register: `… Party, Kim` / `Tae-chung …`, which the index could
  // give neither page for)
  const turnsInside = (p: Placed): boolean => endsWithHyphen(p) || leavesNameOpen(p);
  if (!lastLine || pageOf(state).body.at(-1) !== lastLine.line || !turnsInside(lastLine.line)) return 0;
  let m = 1;
  while (m < here.length && turnsInside((here[here.length - 1 - m] as PlacedLine).line)) m++;
  // (a block that began on an earlier page keeps at least two lines here too, as no widow is left)
  if (here.length - m < 2) m = (here[0] as PlacedLine).line.index === 0 ? here.length : 0;
  return m > 0 && undoAll(state, here.slice(-m)) ? m : 0;
}

/**
 * Whether these lines (each with the first line of its notes) fit on this page below `extra`
 * points of space; an empty page always has room.
 */
export function roomFor(
  state: LayoutState,
  setting: Setting,
  lines: Line[],
  leading: number,
  extra: number,
): boolean {
  const page = pageOf(state);
  if (isEmpty(page)) return true;
  const { note } = setting.style;
  let y = state.y + extra;
  let notes = page.notes.length;
  for (const line of lines) {
    y += leading;
    if (line.notes.length) notes += 1;
    if (y + (notes ? note.gap + notes * note.leading : 0) > state.limit) return false;
  }
  return true;
}
