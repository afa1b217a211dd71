import { createRequire } from 'node:module';
import type { Item } from './blocks.ts';
import type { FontFace, FontSet, FontStyle } from './fonts.ts';

/**
 * The line-layout step pdfkit lacks: measure every word with the font's real advance widths, then
 * break greedily into lines of the measure, hyphenating (Liang patterns from the `hyphen` package)
 * a word that would not fit. Lines are justified later from their measured natural width, so
 * nothing is guessed. Each line knows the footnotes referenced in it and the source page breaks
 * that fall in it.
 */
// `hyphen` is CommonJS without typings: load its en-US patterns with require and name what we use.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/en-us') as {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
};

export interface Fragment {
  text: string;
  face: FontFace;
  size: number;
  rise: number; // baseline shift (superscript note references)
  width: number;
  pageref?: { target: string; style: FontStyle }; // a slot for ` (p. N)`, N the page of target, drawn once the pages are known
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
}

export interface Line {
  words: Word[];
  width: number; // natural width, one space between words
  space: number; // natural space width
  justify: boolean;
  indent: number; // first-line indent (points)
  notes: { label: string; items: Item[] }[];
  pages: string[];
  anchors: string[];
}

const SOFT = '\u00AD';

function fragments(text: string, style: FontStyle, size: number, rise: number, fonts: FontSet): Fragment[] {
  return fonts
    .faces(text, style)
    .map((r) => ({ text: r.text, face: r.face, size, rise, width: fonts.width(r.text, r.face, size) }));
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
      // A mention's start: recorded on the word it begins (the next one, after a space).
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
      add(fragments(part, item.style, size * scale, 0, fonts));
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

/**
 * Splits a word longer than the measure (a URL, a file path) after the last `/ . ? & = _ -` that
 * leaves a head fitting `room`, with no hyphen added; null if there is none.
 */
function breakLong(word: Word, room: number, fonts: FontSet): [Word, Word] | null {
  if (word.fragments.length !== 1 || word.notes.length) return null;
  const f = word.fragments[0] as Fragment;
  for (let k = f.text.length - 2; k >= 4; k--) {
    if (!'/.?&=_-'.includes(f.text[k] ?? '')) continue;
    const head = f.text.slice(0, k + 1);
    const width = fonts.width(head, f.face, f.size);
    if (width > room) continue;
    const tail = f.text.slice(k + 1);
    const tw = fonts.width(tail, f.face, f.size);
    return [
      {
        fragments: [{ ...f, text: head, width }],
        width,
        notes: [],
        pages: word.pages,
        anchors: word.anchors,
      },
      { fragments: [{ ...f, text: tail, width: tw }], width: tw, notes: [], pages: [], anchors: [] },
    ];
  }
  return null;
}

/** Splits a word at the best hyphenation point that fits `room`; null if none does. */
function hyphenate(word: Word, room: number, fonts: FontSet): [Word, Word] | null {
  if (word.fragments.length !== 1 || word.notes.length) return null;
  const f = word.fragments[0] as Fragment;
  const m = /^(\W*)([\p{L}’'-]{6,})(\W*)$/u.exec(f.text);
  if (!m) return null;
  const syllables = hyphenateSync(m[2] ?? '', { minWordLength: 6 }).split(SOFT);
  if (syllables.length < 2) return null;
  for (let k = syllables.length - 1; k >= 1; k--) {
    const head = `${m[1]}${syllables.slice(0, k).join('')}`;
    const tail = `${syllables.slice(k).join('')}${m[3]}`;
    if (head.replace(/\W/g, '').length < 3 || tail.replace(/\W/g, '').length < 3) continue;
    const headText = /-$/.test(head) ? head : `${head}-`;
    const width = fonts.width(headText, f.face, f.size);
    if (width <= room) {
      const a: Word = {
        fragments: [{ ...f, text: headText, width }],
        width,
        notes: [],
        pages: word.pages,
        hyphenated: true,
        anchors: word.anchors,
      };
      const tw = fonts.width(tail, f.face, f.size);
      const b: Word = {
        fragments: [{ ...f, text: tail, width: tw }],
        width: tw,
        notes: [],
        pages: [],
        anchors: [],
      };
      return [a, b];
    }
  }
  return null;
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
  let cur: Word[] = [];
  let width = 0;
  const finish = (last: boolean): void => {
    if (cur.length === 0 && last) return;
    lines.push({
      words: cur,
      width,
      space,
      justify: justify && !last,
      indent: lines.length === 0 ? indent : 0,
      notes: cur.flatMap((w) => w.notes),
      pages: cur.flatMap((w) => w.pages),
      anchors: cur.flatMap((w) => w.anchors),
    });
    cur = [];
    width = 0;
  };
  const queue = words(items, size, fonts, refs);
  for (let k = 0; k < queue.length; k++) {
    const w = queue[k];
    if (w === undefined) continue;
    if (w === 'break') {
      finish(true);
      continue;
    }
    const avail = measure - (lines.length === 0 ? indent : 0);
    const room = avail - width - (cur.length ? space : 0);
    if (width + (cur.length ? space : 0) + w.width <= avail) {
      width += (cur.length ? space : 0) + w.width;
      cur.push(w);
      continue;
    }
    // Hyphenate a word that does not fit; break one longer than the measure (a URL) at a slash or dot.
    const split =
      (justify || cur.length === 0 ? hyphenate(w, room, fonts) : null) ??
      (w.width > avail ? breakLong(w, room, fonts) : null);
    if (split) {
      cur.push(split[0]);
      width += (cur.length > 1 ? space : 0) + split[0].width;
      finish(false);
      queue.splice(k + 1, 0, split[1]);
      continue;
    }
    if (cur.length === 0) {
      // nothing breaks it: it stands alone, overfull
      cur.push(w);
      width = w.width;
      continue;
    }
    finish(false);
    k--; // the word again, at the start of a line
  }
  finish(true);
  return lines;
}
