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
  /** The number as the line prints it, where more than its digits (`1.`, a list's number). */
  printed?: string;
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
  const listed = listedVerse(texts);
  if (listed) return listed;
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

/** A line numbered as a list's item (`1. τοὶ μὲν …`): its number, the stop, the words. */
const LISTED = /^(\d{1,4})\.[ \t]+(?=\S)/;
/** A line ending a sentence (a closing quotation mark or bracket after the stop aside). */
const SENTENCE_END = /[.!?]["'’”)\]]*$/u;
/** The fewest lines numbered so that read as verse (fewer, and a short list may read so by chance). */
const LISTED_MIN = 4;

/**
 * Verse a web page sets as an ordered list, a line an item (`  1. τοὶ μὲν ὑποχθόνιοι …,` /
 * `  2. δεύτεροι, …`): every line numbered so, from 1 one after another, each short (a verse
 * line's length, several words, no figure: a note or a list's entry cites pages and years), and
 * the sentence running over the lines' ends — no more than a third end one, where a list's
 * entries and notes each end their sentence. The numbers (trimmed lines in), or null.
 */
export function listedVerse(texts: string[]): LineNumber[] | null {
  if (texts.length < LISTED_MIN) return null;
  const found: LineNumber[] = [];
  let ends = 0;
  for (const [k, text] of texts.entries()) {
    const t = text.trim();
    const m = LISTED.exec(t);
    const n = m?.[1] ?? '';
    if (!m || Number(n) !== k + 1) return null;
    const words = t.slice(m[0].length);
    if (words.length > 75 || words.split(/\s+/).length < 3 || /\d|:\/\//.test(words)) return null;
    if (SENTENCE_END.test(words)) ends++;
    found.push({ at: 0, n, left: m[0].length, printed: `${n}.` });
  }
  return ends * 3 <= texts.length ? found : null;
}
