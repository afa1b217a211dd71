import type { Item } from './blocks.ts';
import type { FontFace, FontSet, FontStyle, Glyph, GlyphPlacement, Shaped } from './fonts.ts';
import { INFINITE_PENALTY, type KpItem, type KpLine, knuthPlass } from './knuth-plass.ts';
import { HYPHEN_PENALTY, type WordBreak, wordBreaks } from './word-breaks.ts';

/**
 * The line-layout step pdfkit lacks: measure every word with the font's real advance widths, then
 * break justified text into lines paragraph by paragraph with Knuth–Plass (knuth-plass.ts: the
 * fewest demerits over the whole paragraph, hyphenating only where that pays), ragged text
 * (headings, contents, lists) greedily. Lines are justified later from their measured width, so
 * nothing is guessed. Each line knows the footnotes referenced in it and the source page breaks
 * that fall in it.
 */

export interface Fragment {
  text: string;
  face: FontFace;
  size: number;
  rise: number; // baseline shift (superscript note references)
  width: number;
  pageref?: { target: string; style: FontStyle }; // a slot for ` (p. N)`, N the page of target, drawn once the pages are known
  uri?: string; // part of a URL link
  ref?: string; // ` (p. N)` set as text (its target on an earlier page): a link to the target
}

/** Cross-references to pages: which ids can be resolved, and the page of those already laid out. */
export interface PageRefs {
  known(id: string): boolean;
  page(id: string): number | undefined; // known for a target on an earlier page
}

export interface Word {
  fragments: Fragment[];
  width: number;
  notes: { label: string; items: Item[] }[];
  pages: string[]; // source page breaks that fall before this word
  anchors: string[]; // xml:ids of the page breaks and notes in this word (where cross-references point)
  hyphenated?: boolean; // ends with a hyphen the layout added
  broken?: boolean; // its line ends inside the word (a hyphen added, or a URL at a slash)
}

export interface Line {
  words: Word[];
  width: number; // natural width, one space between words
  space: number; // the word space as set before justifying: natural, or shrunk to fit a tight line
  justify: boolean;
  overfull: boolean; // wider than its measure (only a word that nothing can break makes one)
  indent: number; // first-line indent (points)
  notes: { label: string; items: Item[] }[];
  pages: string[];
  anchors: string[];
}

function fragments(
  text: string,
  style: FontStyle,
  size: number,
  rise: number,
  fonts: FontSet,
  uri?: string,
): Fragment[] {
  return fonts.faces(text, style).map((r) => {
    const f: Fragment = { text: r.text, face: r.face, size, rise, width: fonts.width(r.text, r.face, size) };
    if (uri) f.uri = uri;
    return f;
  });
}

/** Items → words (runs between spaces), with notes and page breaks attached where they fall. */
export function words(items: Item[], size: number, fonts: FontSet, refs?: PageRefs): (Word | 'break')[] {
  const out: (Word | 'break')[] = [];
  let cur: Word | null = null;
  let pendingPages: string[] = [];
  let pendingAnchors: string[] = [];
  const current = (): Word => {
    if (!cur) {
      cur = { fragments: [], width: 0, notes: [], pages: pendingPages, anchors: pendingAnchors };
      pendingPages = [];
      pendingAnchors = [];
      out.push(cur);
    }
    return cur;
  };
  const add = (f: Fragment[]): void => {
    const w = current();
    w.fragments.push(...f);
    w.width += f.reduce((n, x) => n + x.width, 0);
  };
  for (const item of items) {
    if (item.kind === 'break') {
      cur = null;
      out.push('break');
      continue;
    }
    if (item.kind === 'pb') {
      // White space in the text separates words, not the page break: inside a word (`co<pb/>herent`)
      // it stays one word, and the page is noted on it.
      const open = cur as Word | null; // (set inside closures, which TypeScript does not follow)
      if (open) {
        open.pages.push(item.n);
        if (item.id) open.anchors.push(item.id);
      } else {
        pendingPages.push(item.n);
        if (item.id) pendingAnchors.push(item.id);
      }
      continue;
    }
    if (item.kind === 'anchor') {
      // A mention's end: recorded on its last word (or, after a space, on the next one).
      const open = cur as Word | null;
      if (open) open.anchors.push(item.id);
      else pendingAnchors.push(item.id);
      continue;
    }
    if (item.kind === 'pageref') {
      if (!refs?.known(item.target)) continue;
      const w = cur ?? current();
      const page = refs.page(item.target);
      if (page !== undefined) {
        // A target on an earlier page ("see footnote 1 above"): its number is set like any text.
        for (const f of fragments(` (p. ${page})`, item.style, size, 0, fonts)) {
          f.ref = item.target; // a link to it all the same
          w.fragments.push(f);
          w.width += f.width;
        }
        continue;
      }
      // A target further on: a slot as wide as `(p. 0000)`, filled in once the book is laid out.
      const width = fonts.width(' (p. 0000)', item.style, size);
      w.fragments.push({
        text: '',
        face: item.style,
        size,
        rise: 0,
        width,
        pageref: { target: item.target, style: item.style },
      });
      w.width += width;
      continue;
    }
    if (item.kind === 'note') {
      const w = current(); // a reference belongs to the word it is glued to
      // a note the source gives no reference for is set at the foot with no mark in the text
      if (!item.unmarked)
        w.fragments.push(...fragments(item.label, 'regular', size * 0.62, size * 0.36, fonts));
      w.width = w.fragments.reduce((n, x) => n + x.width, 0);
      w.notes.push({ label: item.label, items: item.items });
      if (item.id) w.anchors.push(item.id);
      continue;
    }
    const scale = item.scale ?? 1;
    const parts = item.text.split(/(\s+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        cur = null;
        continue;
      }
      add(fragments(part, item.style, size * scale, 0, fonts, item.uri));
    }
  }
  if (pendingPages.length) {
    const last = [...out].reverse().find((w): w is Word => w !== 'break');
    if (last) {
      last.pages.push(...pendingPages);
      last.anchors.push(...pendingAnchors);
    } else out.push({ fragments: [], width: 0, notes: [], pages: pendingPages, anchors: pendingAnchors });
  }
  return out;
}

/** The one text fragment of a word that may break inside (no note mark, no change of face), or null. */
function soleFragment(word: Word): Fragment | null {
  if (word.fragments.length !== 1 || word.notes.length) return null;
  const f = word.fragments[0] as Fragment;
  return f.pageref ? null : f;
}

/** The part of a word between two offsets of its text, a hyphen added when broken there. */
function piece(word: Word, from: number, to: number, hyphen: boolean, fonts: FontSet): Word {
  const f = word.fragments[0] as Fragment;
  const text = f.text.slice(from, to) + (hyphen ? '-' : '');
  const width = fonts.width(text, f.face, f.size);
  const first = from === 0;
  const last = to === f.text.length;
  return {
    fragments: [{ ...f, text, width }],
    width,
    notes: [],
    pages: first ? word.pages : [],
    anchors: first ? word.anchors : [],
    ...(hyphen ? { hyphenated: true } : {}),
    ...(last ? {} : { broken: true }),
  };
}

/** What a box or a penalty of the Knuth–Plass list stands for: which word, and which part of it. */
interface Source {
  word: number;
  from: number; // offsets in the word's text (a box), or the break at `from` (a penalty)
  to: number;
  hyphen: boolean;
}

const FILL = 1e6; // the last line's stretch (TeX's \parfillskip: 0pt plus 1fil)
const STRETCH = 0.6; // of a word space
const SHRINK = 1 / 3;
const PASSES: { hyphenate: boolean; tolerance: number; emergency: number; overfull?: boolean }[] = [
  { hyphenate: false, tolerance: 100, emergency: 0 }, // TeX's \pretolerance: no hyphens when none are needed
  { hyphenate: true, tolerance: 200, emergency: 0 }, // \tolerance
  // then TeX's \emergencystretch (in ems), which judges loose lines more leniently; an overfull
  // line only where nothing else can be set (a word wider than the measure)
  { hyphenate: true, tolerance: 200, emergency: 3 },
  { hyphenate: true, tolerance: INFINITE_PENALTY, emergency: 3, overfull: true },
];

const isDots = (word: Word): boolean =>
  word.fragments.length === 1 && /^\.+$/.test(word.fragments[0]?.text ?? '');

/** A break point with the widths of the head before it and of a hyphen, at a type size of 1. */
type MeasuredBreak = WordBreak & { prefix: number; hyphenWidth: number };
const NO_BREAKS: MeasuredBreak[] = [];
const measured = new Map<FontFace, Map<string, MeasuredBreak[]>>();

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
 * A word's break points, measured once per face (words recur: a volume has far fewer distinct
 * words than words). Each part's width is the difference of its prefixes' widths, so the parts
 * add up to the word as drawn whole (kerning and ligatures across a break point included).
 */
function measuredBreaks(f: Fragment, long: boolean, fonts: FontSet): MeasuredBreak[] {
  if (long) return measure1(f, wordBreaks(f.text, true, true), fonts); // rare: not kept
  let byText = measured.get(f.face);
  if (!byText) {
    byText = new Map();
    measured.set(f.face, byText);
  }
  let list = byText.get(f.text);
  if (!list) {
    list = measure1(f, wordBreaks(f.text, true, false), fonts);
    byText.set(f.text, list);
  }
  return list;
}

/** A run of words between forced breaks, as boxes, glue and penalties; each box and penalty knows its source. */
function kpItems(
  list: Word[],
  space: number,
  measure: number,
  fonts: FontSet,
): { items: KpItem[]; sources: (Source | null)[]; hyphens: { penalty: number }[] } {
  const items: KpItem[] = [];
  const hyphens: { penalty: number }[] = []; // the penalties of the breaks that add a hyphen
  const sources: (Source | null)[] = [];
  const push = (item: KpItem, source: Source | null): void => {
    items.push(item);
    sources.push(source);
  };
  list.forEach((word, k) => {
    // The dots of an ellipsis spaced out (`etc. . . .`) stay on the line of the word before them.
    if (k > 0 && isDots(word))
      push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false }, null);
    if (k > 0) push({ type: 'glue', width: space, stretch: space * STRETCH, shrink: space * SHRINK }, null);
    const f = soleFragment(word);
    const breaks = f ? measuredBreaks(f, word.width > measure, fonts) : NO_BREAKS;
    if (!f || breaks.length === 0) {
      push({ type: 'box', width: word.width }, { word: k, from: 0, to: -1, hyphen: false });
      return;
    }
    let from = 0;
    let before = 0;
    for (const b of breaks) {
      const upto = b.prefix * f.size;
      push({ type: 'box', width: upto - before }, { word: k, from, to: b.at, hyphen: false });
      const hyphenWidth = b.hyphen ? b.hyphenWidth * f.size : 0;
      const penalty: KpItem = { type: 'penalty', width: hyphenWidth, penalty: b.penalty, flagged: b.flagged };
      push(penalty, { word: k, from: b.at, to: b.at, hyphen: b.hyphen });
      if (b.hyphen) hyphens.push(penalty);
      from = b.at;
      before = upto;
    }
    push({ type: 'box', width: word.width - before }, { word: k, from, to: f.text.length, hyphen: false });
  });
  push({ type: 'glue', width: 0, stretch: FILL, shrink: 0 }, null);
  push({ type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false }, null);
  return { items, sources, hyphens };
}

/** The words of each line of a Knuth–Plass result: whole words, or the parts a break cut. */
function lineWords(list: Word[], line: KpLine, sources: (Source | null)[], fonts: FontSet): Word[] {
  const out: Word[] = [];
  let open: { word: number; from: number; to: number } | null = null;
  const close = (hyphen: boolean): void => {
    if (!open) return;
    const word = list[open.word] as Word;
    const whole = open.from === 0 && (open.to === -1 || open.to === soleFragment(word)?.text.length);
    out.push(whole && !hyphen ? word : piece(word, open.from, open.to, hyphen, fonts));
    open = null;
  };
  for (let k = line.start; k < line.end; k++) {
    const s = sources[k];
    if (!s || s.from === s.to) continue; // glue, or a break not taken
    const current = open as { word: number; from: number; to: number } | null;
    if (current && current.word === s.word) current.to = s.to;
    else {
      close(false);
      open = { word: s.word, from: s.from, to: s.to };
    }
  }
  const end = sources[line.end];
  close(end !== null && end !== undefined && end.from === end.to && end.hyphen);
  return out;
}

/** Knuth–Plass over one run of words; the passes loosen until the paragraph can be set. */
function optimalBreaks(
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
  const { items, sources, hyphens } = kpItems(list, space, measure, fonts);
  for (const pass of PASSES) {
    // a pass without hyphenation makes the hyphen breaks no breaks (a penalty of 10000)
    for (const h of hyphens) h.penalty = pass.hyphenate ? HYPHEN_PENALTY : INFINITE_PENALTY;
    const lines = knuthPlass(items, {
      lineWidth: width,
      tolerance: pass.tolerance,
      emergencyStretch: pass.emergency * size,
      allowOverfull: pass.overfull,
    });
    if (lines) return lines.map((l) => lineWords(list, l, sources, fonts));
  }
  return [list]; // (not reached: the last pass always sets the paragraph)
}

/** Greedy lines for ragged text: a word that fits goes on; one wider than the line is broken where it may. */
function greedyBreaks(
  list: Word[],
  space: number,
  width: (line: number) => number,
  fonts: FontSet,
): Word[][] {
  const lines: Word[][] = [];
  let cur: Word[] = [];
  let used = 0;
  const queue = [...list];
  for (let k = 0; k < queue.length; k++) {
    const w = queue[k] as Word;
    const avail = width(lines.length);
    const gap = cur.length ? space : 0;
    if (used + gap + w.width <= avail) {
      cur.push(w);
      used += gap + w.width;
      continue;
    }
    // A word that does not fit is broken (at the last place whose head fits) only where it would
    // start the line, or is wider than the line: ragged text is not hyphenated otherwise.
    const f = soleFragment(w);
    if (f && w.width > avail - used - gap) {
      const room = avail - used - gap;
      const breaks = wordBreaks(f.text, cur.length === 0, w.width > avail).reverse();
      const b = breaks.find(
        (x) => fonts.width(f.text.slice(0, x.at) + (x.hyphen ? '-' : ''), f.face, f.size) <= room,
      );
      if (b && (cur.length === 0 || w.width > avail)) {
        cur.push(piece(w, 0, b.at, b.hyphen, fonts));
        lines.push(cur);
        cur = [];
        used = 0;
        queue.splice(k + 1, 0, piece(w, b.at, f.text.length, false, fonts));
        continue;
      }
    }
    if (cur.length === 0) {
      cur.push(w); // nothing breaks it: it stands alone, overfull
      used = w.width;
      continue;
    }
    lines.push(cur);
    cur = [];
    used = 0;
    k--; // the word again, at the start of a line
  }
  if (cur.length) lines.push(cur);
  return lines;
}

export function breakLines(
  items: Item[],
  measure: number,
  size: number,
  indent: number,
  fonts: FontSet,
  justify: boolean,
  refs?: PageRefs,
  spaceScale = 1, // wider word spaces (a row of omission dots)
): Line[] {
  const space = fonts.width(' ', 'regular', size) * spaceScale;
  const lines: Line[] = [];
  // Runs of words between forced breaks (a line break in a note, a verse line).
  const runs: Word[][] = [[]];
  for (const w of words(items, size, fonts, refs)) {
    if (w === 'break') runs.push([]);
    else (runs.at(-1) as Word[]).push(w);
  }
  for (const run of runs) {
    if (run.length === 0) continue;
    const first = lines.length === 0;
    const width = (n: number): number => measure - (first && n === 0 ? indent : 0);
    const set = justify
      ? optimalBreaks(run, space, size, width, measure, fonts)
      : greedyBreaks(run, space, width, fonts);
    set.forEach((list, k) => {
      const last = k === set.length - 1;
      const natural = list.reduce((n, w) => n + w.width, 0);
      const gaps = list.length - 1;
      const avail = width(k);
      // A tight line is set with its spaces shrunk (by at most a third): its width then fits.
      // (A line the breaker measured as just fitting can be a hair wider as drawn, kerning across
      // a hyphenated word's break being lost: up to half a point more is taken from its spaces.)
      let lineSpace = space;
      if (justify && gaps > 0 && natural + gaps * space > avail) {
        const fit = (avail - natural) / gaps;
        lineSpace = Math.max(space * (1 - SHRINK), fit);
        if (natural + gaps * lineSpace > avail && natural + gaps * lineSpace - avail < 0.5) lineSpace = fit;
      }
      lines.push({
        words: list,
        width: natural + gaps * lineSpace,
        space: lineSpace,
        justify: justify && !last,
        overfull: natural + gaps * lineSpace > avail + 0.01,
        indent: lines.length === 0 ? indent : 0,
        notes: list.flatMap((w) => w.notes),
        pages: list.flatMap((w) => w.pages),
        anchors: list.flatMap((w) => w.anchors),
      });
    });
  }
  return lines;
}
