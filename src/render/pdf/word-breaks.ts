import { createRequire } from 'node:module';

/**
 * Where a word may be broken at a line end, and at what cost: Liang's patterns (the `hyphen`
 * package, en-US) for lower-case words, after an explicit hyphen or an em dash, and inside a URL
 * after `/` `.` and the like with no hyphen added. Capitalised words (names: "Germany") and the
 * parts of URLs are never hyphenated.
 */
// `hyphen` is CommonJS without typings: load its en-US patterns with require and name what we use.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/en-us') as {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
};

export interface WordBreak {
  at: number; // offset in the word's text: the head is text.slice(0, at)
  hyphen: boolean; // a hyphen is added to the head
  flagged: boolean; // counts as a hyphenated line (consecutive ones are penalised and limited)
  penalty: number;
}

/** A break point with the widths of the head before it and of a hyphen, at a type size of 1 (optimal-breaks.ts). */
export type MeasuredBreak = WordBreak & { prefix: number; hyphenWidth: number };

export const HYPHEN_PENALTY = 50; // TeX's \hyphenpenalty
export const EXPLICIT_PENALTY = 50; // \exhyphenpenalty
const URL_PENALTY = 20;
const LONG_PENALTY = 500; // a non-URL word broken at a slash or dot: only when nothing else fits

const MIN_HEAD = 3; // letters before a hyphen (more than TeX's 2: no "re-" or "un-" at line ends)
const MIN_TAIL = 3;

const SOFT = '\u00AD';
const syllablesCache = new Map<string, string[]>();

/** Liang's syllables of a lower-case word (cached: the same words recur across a volume). */
function syllables(core: string): string[] {
  let s = syllablesCache.get(core);
  if (!s) {
    s = hyphenateSync(core, { minWordLength: MIN_HEAD + MIN_TAIL }).split(SOFT);
    syllablesCache.set(core, s);
  }
  return s;
}

const isUrl = (text: string): boolean => /^\W?(https?:\/\/|www\.)/i.test(text) || text.includes('://');
const letters = (s: string): number => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;

/** Breaks after `/ . ? & = _ -` that leave a few characters on either side (URLs, long file paths). */
function punctuationBreaks(text: string, penalty: number): WordBreak[] {
  const out: WordBreak[] = [];
  for (let k = 3; k < text.length - 3; k++) {
    const c = text[k] as string;
    if (!'/.?&=_-'.includes(c)) continue;
    if ('/.'.includes(text[k + 1] ?? '')) continue; // not between the slashes of `//` or in `..`
    out.push({ at: k + 1, hyphen: false, flagged: false, penalty });
  }
  return out;
}

/**
 * The places a word may break. `hyphenate` false gives only the breaks that add no hyphen
 * (explicit hyphens, dashes, URLs): a paragraph is first tried without hyphenating, as TeX does.
 * `long` marks a word wider than the measure: any punctuation may break it then.
 */
export function wordBreaks(text: string, hyphenate: boolean, long: boolean): WordBreak[] {
  if (isUrl(text)) return punctuationBreaks(text, URL_PENALTY);
  const out: WordBreak[] = [];
  // after an explicit hyphen or an em dash between letters
  if (text.includes('-') || text.includes('—'))
    for (const m of text.matchAll(/[\p{L}\p{N}](-|—)(?=[\p{L}\p{N}])/gu)) {
      const at = (m.index ?? 0) + 2;
      if (letters(text.slice(0, at)) >= 2 && letters(text.slice(at)) >= 2)
        out.push({ at, hyphen: false, flagged: m[1] === '-', penalty: EXPLICIT_PENALTY });
    }
  if (out.length === 0 && long) return punctuationBreaks(text, LONG_PENALTY);
  if (!hyphenate || out.length) return out;
  const m = /^(\P{L}*)(\p{Ll}[\p{Ll}’']{5,})(\P{L}*)$/u.exec(text);
  if (!m) return out; // capitalised, mixed with digits, or short
  const lead = (m[1] ?? '').length;
  const parts = syllables(m[2] ?? '');
  let at = lead;
  for (let k = 0; k < parts.length - 1; k++) {
    at += (parts[k] as string).length;
    const head = text.slice(lead, at);
    const tail = (m[2] ?? '').slice(at - lead);
    if (letters(head) >= MIN_HEAD && letters(tail) >= MIN_TAIL)
      out.push({ at, hyphen: true, flagged: true, penalty: HYPHEN_PENALTY });
  }
  return out;
}
