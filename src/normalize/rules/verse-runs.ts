import type { Line } from '../lines.ts';

/**
 * Verse a web copy sets among other lines with no blank line around it, and stanzas it sets with
 * no blank line between them (a poetry site's page: `Written by` / `A E Housman |` / sixteen lines
 * of the poem / `|` / `Written by` …). The shape still shows: a stretch of lines that each read as a
 * verse line, between lines that do not; quatrains whose every fourth line ends a sentence.
 */

/**
 * A line number set before a line's words, at the margin (`5   And vultures, …`, as an edition of
 * Homer numbers every fifth line at the left): read so only when it is a fifth line's, before a
 * capital or an opening quotation mark (a list's `1 The first…` counts by ones). The number, and
 * where the words begin (in the trimmed line).
 */
const LEFT_NUMBER = /^(\d{1,4})[ \t]+(?=[\p{Lu}"'‘“(])/u;
export function marginNumber(text: string): { n: string; words: number } | null {
  const t = text.trim();
  const m = /^\d/.test(t) ? LEFT_NUMBER.exec(t) : null;
  const n = m?.[1] ?? '';
  return m && Number(n) > 0 && Number(n) % 5 === 0 ? { n, words: m[0].length } : null;
}

/** One line as a verse line may read: short, a capital (or an opening quotation mark) first, no table's bar. */
export const verseLike = (text: string): boolean => {
  const t = text.trim().slice(marginNumber(text)?.words ?? 0);
  return t.length >= 2 && t.length <= 75 && /^[“"‘'(]?\p{Lu}/u.test(t) && !/[|]/.test(t);
};

/** The fewest lines a stretch of verse among other lines must have to be read as one. */
export const MIN_STRETCH = 4;

/**
 * How many lines from the run's start read as verse lines, when the run goes on after them with a
 * line that does not (`|`, a long line of prose): a stanza shown by its lines alone. Zero when the
 * whole run reads so (the run is the stanza, or not one) or the stretch is shorter than four lines.
 */
export function verseStretch(run: Line[]): number {
  const k = verseLines(run, 0);
  return k >= MIN_STRETCH && k < run.length ? k : 0;
}

/**
 * How many lines from line `from` on read as verse lines; none when the line after them goes on
 * in lower case (a paragraph wrapped at the measure whose first lines happen to begin with
 * capitals: `Captains, six Lieutenants, …` / `Surgeon, one Surgeon's Mate, …` / `eighteen Serjeants, …`).
 */
export function verseLines(run: Line[], from: number): number {
  let k = from;
  while (k < run.length && verseLike((run[k] as Line).text)) k++;
  return /^\p{Ll}/u.test(run[k]?.text.trim() ?? '') ? 0 : k - from;
}

/** A line that ends a sentence (a line number after it aside: `And made sweet moan. 20`). */
const ENDS_SENTENCE = /[.!?]["'’”)]*(?:\s+\d{1,4})?$/u;

/** Quatrains this many or more: fewer, and every fourth line ending a sentence may be chance. */
const MIN_QUATRAINS = 3;

/**
 * A run of verse lines set with no blank line between its stanzas, cut into quatrains: every
 * fourth line ends a sentence (`… for they were long.`, `… And no birds sing.`) while most other
 * lines go on (a comma, no stop), three quatrains or more; a last group cut short by the copy's end
 * (after six quatrains or more) is a quatrain begun. The sizes of the groups, or null when the run does not fall so.
 */
export function quatrains(texts: string[]): number[] | null {
  const whole = Math.floor(texts.length / 4);
  // (a sonnet's fourteen lines are three quatrains and a couplet, one stanza: a group cut short
  // is the copy's end only after a long ballad's six quatrains or more)
  if (whole < MIN_QUATRAINS || (texts.length % 4 !== 0 && whole < 6)) return null;
  const ends = texts.map((t) => ENDS_SENTENCE.test(t.trim()));
  for (let k = 3; k < whole * 4; k += 4) if (!ends[k]) return null;
  const inside = ends.filter((_e, k) => k % 4 !== 3 && k < whole * 4);
  if (inside.filter(Boolean).length * 3 > inside.length) return null;
  const sizes = Array.from({ length: whole }, () => 4);
  if (texts.length % 4) sizes.push(texts.length % 4);
  return sizes;
}

/**
 * Prose wrapped at a measure, whatever its last line: the lines but the last alike in width (each
 * three quarters of the widest or more) and the sentence running over their ends — three in four
 * end on a word, not a stop or a comma (`… to Order a Regiment of Light` / `Dragoons to be …`). A
 * stanza's lines end a phrase far more often, however even (Pope's couplets; Housman's long lines).
 */
export function evenlyWrapped(lines: string[]): boolean {
  const body = lines.slice(0, -1);
  if (body.length < 3) return false;
  const widest = Math.max(...body.map((l) => l.length));
  const ended = body.filter((l) => /[\p{P}]["'’”)]*$/u.test(l)).length;
  return body.every((l) => l.length >= widest * 0.75) && ended * 4 <= body.length;
}

/** A letter's complimentary close (`I have the honor to be, Sir,`, `Your obedient servant,`, `Yours truly,`). */
const COMPLIMENTARY_CLOSE =
  /\b(?:have the hono(?:u)?r to (?:be|remain)|(?:obedient|humble|faithful) (?:servant|friend)|(?:respectfully|sincerely|truly|faithfully|affectionately),? yours|yours,? (?:respectfully|sincerely|truly|faithfully|affectionately))\b/i;

/**
 * A letter's end, not a stanza: a complimentary close among the lines, or a signature — the last
 * line a name or an office (`John Hay.`, `Secretary of State.`) set deeper than the first line, as
 * a closing steps across the page (`I have the honor to be, Sir,` / `    Your obedient servant,` /
 * `            John Hay.`; a treaty's `Done at Washington, …` over its signer).
 */
export function signedOff(texts: string[], isName: (line: string) => boolean): boolean {
  if (texts.some((t) => COMPLIMENTARY_CLOSE.test(t))) return true;
  const indent = (t: string): number => t.length - t.trimStart().length;
  const first = texts[0] ?? '';
  const last = texts.at(-1) ?? '';
  return indent(last) > indent(first) + 1 && isName(last.trim());
}

/**
 * A poem's attribution on the line after its last (`William Wordsworth, 1770-1850`, `By John
 * Keats.`, `— Horace`): the poet's name, with the years of a life at most, set under the poem as a
 * web page prints it; it is no line of the poem. `isName`: whether a line names someone.
 */
export function attribution(text: string, isName: (line: string) => boolean): boolean {
  const t = text.trim().replace(/^(?:[—–-]+\s*|by\s+)/i, '');
  const name = t.replace(/,?\s*\(?\d{3,4}\s*[-–—]\s*\d{2,4}\)?\.?$/u, '');
  return t.length <= 60 && /^\p{Lu}/u.test(name) && name.split(/\s+/).length <= 5 && isName(name);
}
