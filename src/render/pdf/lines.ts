import { timeSync } from '../../profile.ts';
import type { Item } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { optimalBreaks, SHRINK } from './optimal-breaks.ts';
import { wordBreaks } from './word-breaks.ts';
import { type PageRefs, piece, soleFragment, type Word, words } from './words.ts';

/**
 * The line-layout step pdfkit lacks: measure every word with the font's real advance widths, then
 * break justified text into lines paragraph by paragraph with Knuth–Plass (knuth-plass.ts: the
 * fewest demerits over the whole paragraph, hyphenating only where that pays), ragged text
 * (headings, contents, lists) greedily. Lines are justified later from their measured width, so
 * nothing is guessed. Each line knows the footnotes referenced in it and the source page breaks
 * that fall in it.
 */

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
  opens?: string[]; // the mentions that begin on this line
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

/** A paragraph's lines (timed as 'pdf line breaking' for `recto build --profile`). */
export function breakLines(...args: Parameters<typeof breakParagraph>): Line[] {
  return timeSync('pdf line breaking', () => breakParagraph(...args));
}

function breakParagraph(
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
        ...(list.some((w) => w.opens) ? { opens: list.flatMap((w) => w.opens ?? []) } : {}),
      });
    });
  }
  return lines;
}
