import { marginNumber } from './verse-runs.ts';

/** Rule `verse`: the numbers an edition prints beside its verse lines (every fifth line's, at the right or the left). */

/** A line number set at a line's end, two spaces or more after its words (`… the wrath   5`). */
const LINE_NUMBER = /(?<=\S)[ \t]{2,}(\d{1,4})$/;

/**
 * A line number a web copy set after one space (its spaces run together: `… knight-at-arms 5`):
 * read so only when it is a fifth line's (a multiple of five), after a word or a stop.
 */
const ONE_SPACE = /(?<=[\p{L}\p{P}]) (\d{1,4})$/u;
const fifth = (m: RegExpExecArray | null): RegExpExecArray | null =>
  m && Number(m[1]) > 0 && Number(m[1]) % 5 === 0 ? m : null;

/**
 * Where a line's number begins (its words end) and the number as printed; for a number before the
 * words (`left`), where its words begin.
 */
export interface LineNumber {
  at: number;
  n: string;
  left?: number;
}

/** A line's words without its number (a trimmed line in). */
export const wordsOf = (line: string, number: LineNumber | undefined): string =>
  number?.left !== undefined ? line.slice(number.left) : line.slice(0, number?.at);

/**
 * The line numbers a stanza's lines print at their ends (trimmed lines in), as an edition of a
 * poem numbers its lines: every fifth or tenth line, or each. They are line numbers only if they
 * count the stanza's lines — each number less its line's place the same for all — and, where one
 * line alone has one, it is a multiple of five past its place; otherwise none is (a figure at a
 * line's end is the line's own).
 */
export function lineNumbers(texts: string[]): (LineNumber | undefined)[] {
  const found = texts.map((t): LineNumber | undefined => {
    // (only a line ending with a figure can: the quick test first)
    const m = /\d$/.test(t) ? (LINE_NUMBER.exec(t) ?? fifth(ONE_SPACE.exec(t))) : null;
    if (m) return { at: m.index, n: m[1] ?? '' };
    const left = marginNumber(t);
    return left ? { at: 0, n: left.n, left: left.words } : undefined;
  });
  const offsets = new Set(found.flatMap((f, k) => (f ? [Number(f.n) - k] : [])));
  const count = found.filter(Boolean).length;
  const one = found.find(Boolean);
  const offset = [...offsets][0] ?? 0;
  const counts = offsets.size === 1 && (count >= 2 || (Number(one?.n) % 5 === 0 && offset > 0));
  return counts ? found : texts.map(() => undefined);
}
