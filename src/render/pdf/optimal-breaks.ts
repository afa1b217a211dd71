import { type BreakPlan, breakCache, runKey } from './break-cache.ts';
import type { FontSet, Glyph, GlyphPlacement, Shaped } from './fonts.ts';
import { INFINITE_PENALTY, type KpLine, KpList, knuthPlass } from './knuth-plass.ts';
import { HYPHEN_PENALTY, type MeasuredBreak, type WordBreak, wordBreaks } from './word-breaks.ts';
import { type Fragment, piece, soleFragment, type Word } from './words.ts';

/**
 * Justified text broken into lines paragraph by paragraph with Knuth–Plass (knuth-plass.ts: the
 * fewest demerits over the whole paragraph, hyphenating only where that pays): the words become
 * boxes, glue and penalties, the passes loosen until the paragraph can be set, and each line gets
 * back its words, or the parts of those a break cut.
 */

/**
 * What each item of the Knuth–Plass list stands for, in columns beside it: which word (-1: glue, or a
 * penalty of no word), and which part of it — offsets in the word's text for a box (`to` -1: the
 * whole word, which has no break points), the break at `from` = `to` for a penalty, and whether that
 * break adds a hyphen. Reused from one paragraph to the next, as the list is.
 */
class Sources {
  word = new Int32Array(256);
  from = new Int32Array(256);
  to = new Int32Array(256);
  hyphen = new Uint8Array(256);

  /** Records item `k`'s source (the columns grow with the list). */
  set(k: number, word: number, from: number, to: number, hyphen: boolean): void {
    if (k >= this.word.length) this.grow(k + 1);
    this.word[k] = word;
    this.from[k] = from;
    this.to[k] = to;
    this.hyphen[k] = hyphen ? 1 : 0;
  }

  none(k: number): void {
    this.set(k, -1, 0, 0, false);
  }

  private grow(least: number): void {
    let size = this.word.length * 2;
    while (size < least) size *= 2;
    const wider = <T extends Int32Array | Uint8Array>(a: T, made: T): T => {
      made.set(a);
      return made;
    };
    this.word = wider(this.word, new Int32Array(size));
    this.from = wider(this.from, new Int32Array(size));
    this.to = wider(this.to, new Int32Array(size));
    this.hyphen = wider(this.hyphen, new Uint8Array(size));
  }
}

const FILL = 1e6; // the last line's stretch (TeX's \parfillskip: 0pt plus 1fil)
const STRETCH = 0.6; // of a word space
export const SHRINK = 1 / 3; // of a word space: a tight line shrinks its spaces by at most this
const PASSES: { hyphenate: boolean; tolerance: number; emergency: number; overfull?: boolean }[] = [
  { hyphenate: false, tolerance: 100, emergency: 0 }, // TeX's \pretolerance: no hyphens when none are needed
  { hyphenate: true, tolerance: 200, emergency: 0 }, // \tolerance
  // then TeX's \emergencystretch (in ems), which judges loose lines more leniently; an overfull
  // line only where nothing else can be set (a word wider than the measure)
  { hyphenate: true, tolerance: 200, emergency: 3 },
  { hyphenate: true, tolerance: INFINITE_PENALTY, emergency: 3, overfull: true },
];

/** A word of dots only (`.`, `...`): the char test first, most words failing it. */
const isDots = (word: Word): boolean => {
  const text = word.fragments.length === 1 ? (word.fragments[0] as Fragment).text : '';
  return text.charCodeAt(0) === 46 && /^\.+$/.test(text);
};

const NO_BREAKS: MeasuredBreak[] = [];

/**
 * The width (at a type size of 1) of a word's first `at` characters, read off the word as shaped
 * whole rather than shaped again: a ligature the break falls in is shared in proportion.
 */
function prefixWidth(shaped: Shaped, at: number): number {
  let chars = 0;
  let units = 0;
  for (let k = 0; k < shaped.glyphs.length && chars < at; k++) {
    const shown = (shaped.glyphs[k] as Glyph).codePoints.reduce((n, c) => n + (c > 0xffff ? 2 : 1), 0);
    const advance = (shaped.positions[k] as GlyphPlacement).xAdvance;
    units += shown > 0 && chars + shown > at ? (advance * (at - chars)) / shown : advance;
    chars += shown;
  }
  return units / shaped.unitsPerEm;
}

const measure1 = (f: Fragment, breaks: WordBreak[], fonts: FontSet): MeasuredBreak[] => {
  if (breaks.length === 0) return NO_BREAKS;
  const shaped = fonts.shape(f.text, f.face);
  const hyphenWidth = fonts.width('-', f.face, 1);
  return breaks.map((b) => ({ ...b, prefix: prefixWidth(shaped, b.at), hyphenWidth }));
};

/**
 * A word's break points, measured once per face and text (words recur: a volume has far fewer
 * distinct words than words) and kept on the run the word was measured as (FontSet.measuredFaces):
 * no lookup of their own. Each part's width is the difference of its prefixes' widths, so the parts
 * add up to the word as drawn whole (kerning and ligatures across a break point included).
 */
function measuredBreaks(f: Fragment, long: boolean, fonts: FontSet): MeasuredBreak[] {
  if (long) return measure1(f, wordBreaks(f.text, true, true), fonts); // rare: not kept
  const run = f.measured;
  // (a fragment made otherwise, or a part of a word, which carries its whole word's run: measured anew)
  if (!run || run.text !== f.text || run.face !== f.face)
    return measure1(f, wordBreaks(f.text, true, false), fonts);
  run.breaks ??= measure1(f, wordBreaks(f.text, true, false), fonts);
  return run.breaks;
}

// The list and its sources, refilled for each paragraph (a thread breaks one paragraph at a time).
const ITEMS = new KpList();
const SOURCES = new Sources();
const HYPHENS: number[] = []; // the penalties of the breaks that add a hyphen

/** A run of words between forced breaks, as boxes, glue and penalties (in ITEMS); each box and penalty knows its source. */
function kpItems(list: Word[], space: number, measure: number, fonts: FontSet): void {
  ITEMS.clear();
  HYPHENS.length = 0;
  for (let k = 0; k < list.length; k++) {
    const word = list[k] as Word;
    // The dots of an ellipsis spaced out (`etc. . . .`) stay on the line of the word before them.
    if (k > 0 && isDots(word)) SOURCES.none(ITEMS.penaltyItem(0, INFINITE_PENALTY, false));
    if (k > 0) SOURCES.none(ITEMS.glue(space, space * STRETCH, space * SHRINK));
    const f = soleFragment(word);
    const breaks = f ? measuredBreaks(f, word.width > measure, fonts) : NO_BREAKS;
    if (!f || breaks.length === 0) {
      SOURCES.set(ITEMS.box(word.width), k, 0, -1, false);
      continue;
    }
    let from = 0;
    let before = 0;
    for (const b of breaks) {
      const upto = b.prefix * f.size;
      SOURCES.set(ITEMS.box(upto - before), k, from, b.at, false);
      const hyphenWidth = b.hyphen ? b.hyphenWidth * f.size : 0;
      const at = ITEMS.penaltyItem(hyphenWidth, b.penalty, b.flagged);
      SOURCES.set(at, k, b.at, b.at, b.hyphen);
      if (b.hyphen) HYPHENS.push(at);
      from = b.at;
      before = upto;
    }
    SOURCES.set(ITEMS.box(word.width - before), k, from, f.text.length, false);
  }
  SOURCES.none(ITEMS.glue(0, FILL, 0));
  SOURCES.none(ITEMS.penaltyItem(0, -INFINITE_PENALTY, false));
}

/**
 * Where a Knuth–Plass line begins and ends in the run (break-cache.ts's five numbers): a line's
 * middle words are always whole, only its first and last can be parts of words.
 */
function linePlan(line: KpLine, sources: Sources): BreakPlan {
  const { word, from, to, hyphen } = sources;
  let first = -1; // the first and last items of the line that hold text
  let last = -1;
  for (let k = line.start; k < line.end; k++) {
    if ((word[k] as number) < 0 || from[k] === to[k]) continue; // glue, or a break not taken
    if (first < 0) first = k;
    last = k;
  }
  const e = line.end;
  const hyphenAtEnd = (word[e] as number) >= 0 && from[e] === to[e] && hyphen[e] === 1;
  if (first < 0) return [-1, 0, -1, -1, 0]; // (a line of nothing: kept as such)
  return [
    word[first] as number,
    from[first] as number,
    word[last] as number,
    to[last] as number,
    hyphenAtEnd ? 1 : 0,
  ];
}

/** A line's words from its plan: whole words, or the parts a break cut. */
function planWords(list: Word[], plan: BreakPlan, at: number, fonts: FontSet): Word[] {
  const [first = -1, from = 0, last = -1, to = -1, hyphen = 0] = plan.slice(at, at + 5);
  const out: Word[] = [];
  const part = (k: number, start: number, end: number, withHyphen: boolean): void => {
    const word = list[k] as Word;
    const whole = start === 0 && (end === -1 || end === soleFragment(word)?.text.length);
    out.push(whole && !withHyphen ? word : piece(word, start, end, withHyphen, fonts));
  };
  if (first < 0) return out;
  if (first === last) {
    part(first, from, to, hyphen === 1);
    return out;
  }
  // (a first word cut at its start runs to its end: it had break points, so one plain fragment)
  part(first, from, from === 0 ? -1 : (soleFragment(list[first] as Word)?.text.length ?? -1), false);
  for (let k = first + 1; k < last; k++) out.push(list[k] as Word);
  part(last, 0, to, hyphen === 1);
  return out;
}

/** The lines of a run from its plan. */
function planLines(list: Word[], plan: BreakPlan, fonts: FontSet): Word[][] {
  const lines: Word[][] = [];
  for (let at = 0; at < plan.length; at += 5) lines.push(planWords(list, plan, at, fonts));
  return lines;
}

/** Knuth–Plass over one run of words; the passes loosen until the paragraph can be set. */
export function optimalBreaks(
  list: Word[],
  space: number,
  size: number,
  width: (line: number) => number,
  measure: number,
  fonts: FontSet,
): Word[][] {
  // A paragraph that fits on its first line is that line (most notes, short paragraphs).
  const natural = list.reduce((n, w) => n + w.width, 0) + (list.length - 1) * space;
  if (natural <= width(0)) return [list];
  const cache = breakCache();
  const key = cache ? runKey(list, space, size, width, measure) : '';
  const kept = cache?.get(key);
  if (kept) return planLines(list, kept, fonts);
  kpItems(list, space, measure, fonts);
  for (const pass of PASSES) {
    // a pass without hyphenation makes the hyphen breaks no breaks (a penalty of 10000)
    for (const h of HYPHENS) ITEMS.penalty[h] = pass.hyphenate ? HYPHEN_PENALTY : INFINITE_PENALTY;
    const lines = knuthPlass(ITEMS, {
      lineWidth: width,
      tolerance: pass.tolerance,
      emergencyStretch: pass.emergency * size,
      allowOverfull: pass.overfull,
    });
    if (lines) {
      const plan = lines.flatMap((l) => linePlan(l, SOURCES));
      cache?.set(key, plan);
      return planLines(list, plan, fonts);
    }
  }
  return [list]; // (not reached: the last pass always sets the paragraph)
}
