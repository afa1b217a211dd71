import type { Item } from './blocks.ts';
import type { FontFace, FontSet, FontStyle, MeasuredRun } from './fonts.ts';

/**
 * Words as the line layout measures them: each a run of text between spaces, in fragments of one
 * face and size with their real advance widths, carrying the footnotes referenced in it and the
 * source page breaks that fall before it. Lines are made of them (lines.ts).
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
  /** The run it was measured as (its break points are kept on it); a part of a word keeps its whole word's, which the breaker tells by its text. */
  measured?: MeasuredRun;
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
  opens?: string[]; // the mentions (names of the register) that begin with this word
  hyphenated?: boolean; // ends with a hyphen the layout added
  broken?: boolean; // its line ends inside the word (a hyphen added, or a URL at a slash)
}

function fragments(
  text: string,
  style: FontStyle,
  size: number,
  rise: number,
  fonts: FontSet,
  uri?: string,
): Fragment[] {
  return fonts.measuredFaces(text, style).map((r) => {
    const f: Fragment = { text: r.text, face: r.face, size, rise, width: r.em * size, measured: r };
    if (uri) f.uri = uri;
    return f;
  });
}

/** Whether a UTF-16 unit is white space as a regular expression's `\s` has it (every one is in the BMP). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Items → words (runs between spaces), with notes and page breaks attached where they fall. */
export function words(items: Item[], size: number, fonts: FontSet, refs?: PageRefs): (Word | 'break')[] {
  const out: (Word | 'break')[] = [];
  let cur: Word | null = null;
  let pendingPages: string[] = [];
  let pendingAnchors: string[] = [];
  let pendingOpens: string[] = [];
  const current = (): Word => {
    if (!cur) {
      cur = { fragments: [], width: 0, notes: [], pages: pendingPages, anchors: pendingAnchors };
      if (pendingOpens.length) cur.opens = pendingOpens;
      pendingPages = [];
      pendingAnchors = [];
      pendingOpens = [];
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
    if (item.kind === 'open') {
      // A mention's start: on the word it begins (the next one, after a space).
      const open = cur as Word | null;
      if (open) open.opens = [...(open.opens ?? []), item.id];
      else pendingOpens.push(item.id);
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
    // The runs between white space, read off the text in one pass (no regular expression, no
    // array of parts): white space ends the word, each run adds to the current one.
    const scale = item.scale ?? 1;
    const text = item.text;
    let start = 0;
    for (let k = 0; k <= text.length; k++) {
      if (k < text.length && !isSpace(text.charCodeAt(k))) continue;
      if (k > start) {
        const made = fragments(text.slice(start, k), item.style, size * scale, 0, fonts, item.uri);
        if (item.ref) for (const f of made) f.ref = item.ref;
        add(made);
      }
      if (k < text.length) cur = null;
      start = k + 1;
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
export function soleFragment(word: Word): Fragment | null {
  if (word.fragments.length !== 1 || word.notes.length) return null;
  const f = word.fragments[0] as Fragment;
  return f.pageref ? null : f;
}

/** The part of a word between two offsets of its text, a hyphen added when broken there. */
export function piece(word: Word, from: number, to: number, hyphen: boolean, fonts: FontSet): Word {
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
    ...(first && word.opens ? { opens: word.opens } : {}),
    ...(hyphen ? { hyphenated: true } : {}),
    ...(last ? {} : { broken: true }),
  };
}
