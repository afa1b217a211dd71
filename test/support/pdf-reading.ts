import type { PdfPage, PdfWord } from './pdf-words.ts';
import { words } from './same-words.ts';

/**
 * Reads a book PDF against the model's reading text. On every page the running text comes first
 * and the footnotes of the page after it, so each page must be the continuation of the running
 * text followed by the continuation of the notes. A word hyphenated at a line end is read joined
 * (without the hyphen, or with it when the word had one). Case is ignored: small capitals are
 * drawn as capitals.
 */
export interface Expected {
  body: { word: string; doc: string }[];
  notes: { word: string; doc: string }[];
  /**
   * Words the print sets again at the top of a page: a table's header rows on each page it runs
   * on to, drawn as artifacts (the text holds them once), which pdftotext reads all the same.
   */
  repeated?: string[][];
}

/** The word the expected text has where the PDF sets a cross-reference's page, `(p. 37)`. */
export const PAGE_REFERENCE = '\u0001';
const PAGE_NUMBER = /^([0-9ivxlcdm]+\))(.*)$/i;

interface Token {
  text: string;
  lineEnd: boolean; // the last word of its line
}

const fold = (s: string): string => s.toLowerCase();
const same = (t: Token | undefined, w: string | undefined): boolean =>
  t !== undefined && w !== undefined && (t.text === w || fold(t.text) === fold(w));

/** A page's words as tokens, each knowing whether it ends its line. */
function tokens(page: PdfPage): Token[] {
  const out: Token[] = [];
  // poppler splits a word where the type changes (a raised note number: `France.` `47`); with no
  // space between them on the line they are one word to a reader
  const joined: PdfWord[] = [];
  for (const w of page.text) {
    const last = joined.at(-1);
    const overlap = last ? Math.min(last.y2, w.y2) - Math.max(last.y, w.y) : 0;
    if (
      last &&
      w.x >= last.x2 - 0.5 &&
      w.x - last.x2 < 0.6 &&
      overlap > 0.5 * Math.min(w.y2 - w.y, last.y2 - last.y)
    )
      joined[joined.length - 1] = { ...last, text: last.text + w.text, x2: w.x2 };
    else joined.push(w);
  }
  const list = joined.flatMap((w) => words(w.text).map((text) => ({ ...w, text })));
  const endsLine = (k: number): boolean => {
    const w = list[k];
    const next = list[k + 1];
    return !w || !next || next.x < w.x2 - 1; // the next word starts back to the left: a new line
  };
  for (let k = 0; k < list.length; k++) {
    const w = list[k] as PdfWord;
    out.push({ text: w.text, lineEnd: endsLine(k) });
  }
  return out;
}

export interface PdfReading {
  problem: string | null;
  pages: number;
  words: number;
}

/** A word broken at the foot of a page (`expan-` … `sion`): the part still to come, or null. */
function brokenWord(t: Token | undefined, w: string | undefined): string | null {
  if (!t || w === undefined || !t.text.endsWith('-')) return null;
  const stem = fold(t.text.slice(0, -1));
  const word = fold(w);
  if (word.startsWith(fold(t.text)) && word.length > t.text.length) return w.slice(t.text.length);
  if (word.startsWith(stem) && word.length > stem.length) return w.slice(stem.length);
  return null;
}

/** Where the reading stands in a word list: the next word, or only the tail of it (`carry`). */
interface Place {
  at: number;
  carry: string | null;
}

type Words = { word: string; doc: string }[];

const wordAt = (list: Words, p: Place, k: number): string | undefined =>
  k === 0 && p.carry !== null ? p.carry : list[p.at + k]?.word;

interface Matched {
  tokens: number;
  words: number;
  carry: string | null;
  /** After how many tokens a word ends → how many words that makes (for a shorter match). */
  ends: Map<number, number>;
}

/**
 * How many tokens of `found[start..end)` match the list from `p`, and how many words they are: a
 * word may be broken across lines with no hyphen (a URL at a slash), the last one at the page's foot.
 */
function match(list: Words, p: Place, tokens: Token[], start: number, end: number): Matched {
  // what is left of a token once a cross-reference's page has been read off its start
  const rest = new Map<number, Token>();
  const found = { at: (k: number): Token | undefined => rest.get(k) ?? tokens[k] };
  let t = start;
  let w = 0;
  const ends = new Map<number, number>([[0, 0]]);
  while (t < end) {
    ends.set(t - start, w);
    const word = wordAt(list, p, w);
    const token = found.at(t);
    if (word === undefined || token === undefined) break;
    if (same(token, word)) {
      t++;
      w++;
      continue;
    }
    if (word === PAGE_REFERENCE) {
      // `(p. 37)` after the reference, read off the tokens (`(p.` `295)).` leaves `).`); or
      // nothing, where the PDF had no page for it
      const number = PAGE_NUMBER.exec(found.at(t + 1)?.text ?? '');
      if (token.text === '(p.' && number) {
        const after = number[2] ?? '';
        if (after) {
          rest.set(t + 1, { ...(found.at(t + 1) as Token), text: after });
          t += 1;
        } else t += 2;
      }
      w++;
      continue;
    }
    // a word broken across lines: hyphenated (the hyphen dropped, or kept when the word has
    // one), or with no hyphen (a URL at a slash)
    let candidates = [token.text];
    let u = t;
    const whole = (): boolean => u > t && candidates.some((c) => fold(c) === fold(word));
    while (!whole() && found.at(u)?.lineEnd && u + 1 < end) {
      const next = found.at(u + 1)?.text ?? '';
      const longer = candidates
        .flatMap((c) => (c.endsWith('-') ? [c + next, c.slice(0, -1) + next] : [c + next]))
        .filter((c) => fold(word).startsWith(fold(c)));
      if (!longer.length) break;
      candidates = longer;
      u++;
    }
    if (whole()) {
      t = u + 1;
      w++;
      continue;
    }
    if (u === end - 1) {
      // the word goes on overleaf
      for (const c of candidates) {
        const rest =
          brokenWord({ text: c, lineEnd: true }, word) ??
          (fold(word).startsWith(fold(c)) && word.length > c.length ? word.slice(c.length) : null);
        if (rest) return { tokens: end - start, words: w + 1, carry: rest, ends };
      }
    }
    break;
  }
  ends.set(t - start, w);
  return { tokens: t - start, words: w, carry: null, ends };
}

function advance(p: Place, words: number, carry: string | null): Place {
  if (words === 0) return p;
  return { at: p.at + words - (carry !== null ? 1 : 0), carry };
}

function context(list: Words, at: number): string {
  const shown = (from: number, to: number): string =>
    list
      .slice(from, to)
      .map((w) => w.word)
      .join(' ');
  return `${shown(Math.max(0, at - 6), at)} ⟦${shown(at, at + 8)}⟧`;
}

interface State {
  body: Place;
  notes: Place;
}

/**
 * Follows the book page by page. A page may be read in more than one way (a note that quotes the
 * text it annotates); every reading that fits is followed (a few at most), and those that stop
 * fitting on a later page are dropped.
 */
export function readPdfAgainst(pages: PdfPage[], from: number, expected: Expected): PdfReading {
  let states: State[] = [{ body: { at: 0, carry: null }, notes: { at: 0, carry: null } }];
  let count = 0;
  for (const page of pages.slice(from - 1)) {
    const found = tokens(page);
    // the page read as it is and, where it opens with a table's header set again, without it
    const readings = [
      found,
      ...(expected.repeated ?? [])
        .filter((h) => h.length > 0 && h.every((w, k) => same(found[k], w)))
        .map((h) => found.slice(h.length)),
    ];
    const next: State[] = [];
    for (const found of readings)
      for (const state of states) {
        const full = match(expected.body, state.body, found, 0, found.length);
        const a = full.tokens;
        for (let k = Math.min(a + 1, found.length); k >= 0; k--) {
          // the running text up to k tokens: a prefix of the full match, or (k = a + 1) one ending
          // on a word that goes on overleaf
          const words = full.ends.get(k);
          const head: Matched =
            k <= a && words !== undefined
              ? { tokens: k, words, carry: null, ends: full.ends }
              : match(expected.body, state.body, found, 0, k);
          if (head.tokens !== k) continue;
          const tail = match(expected.notes, state.notes, found, k, found.length);
          if (tail.tokens !== found.length - k) continue;
          const body = advance(state.body, head.words, head.carry);
          const notes = advance(state.notes, tail.words, tail.carry);
          if (
            !next.some((s) => s.body.at === body.at && s.notes.at === notes.at && s.body.carry === body.carry)
          )
            next.push({ body, notes });
        }
      }
    if (!next.length) {
      const state = states[0] as State;
      const a = match(expected.body, state.body, found, 0, found.length);
      const noteMatch = match(expected.notes, state.notes, found, a.tokens, found.length);
      const doc = expected.body[state.body.at + a.words]?.doc ?? expected.body.at(-1)?.doc ?? '?';
      const shown = (from: number): string =>
        found
          .slice(Math.max(0, from - 6), from + 8)
          .map((t) => t.text)
          .join(' ');
      return {
        problem: `${doc}, PDF page ${page.number}: running text expected ${context(expected.body, state.body.at + a.words)}, the page reads … ${shown(a.tokens)}; then the notes expected ${context(expected.notes, state.notes.at + noteMatch.words)}, the page reads … ${shown(a.tokens + noteMatch.tokens)}`,
        pages: page.number,
        words: count,
      };
    }
    states = next.slice(0, 8);
    count += found.length;
  }
  const done = states.find((s) => s.body.at >= expected.body.length && s.notes.at >= expected.notes.length);
  if (done) return { problem: null, pages: pages.length - from + 1, words: count };
  const state = states[0] as State;
  const rest =
    state.body.at < expected.body.length
      ? `${expected.body[state.body.at]?.doc}: the PDF ends before ${context(expected.body, state.body.at)}`
      : `${expected.notes[state.notes.at]?.doc}: the PDF ends before the note words ${context(expected.notes, state.notes.at)}`;
  return { problem: rest, pages: pages.length, words: count };
}
