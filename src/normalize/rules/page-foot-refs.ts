import type { NoteSpan } from '../note-types.ts';

/**
 * The references of rule `page-foot-note`'s notes on their page (page-foot-notes.ts): the numbers
 * a page's text may refer to its notes by, as OCR reads a superior figure, and the sequence of
 * them that refers to notes 1…n in order.
 */

/** Abbreviations after which a number is a number, not a reference (`p. 249`, `vol. 2`, `No.3`). */
const NUMBER_ABBREVIATIONS = new Set(
  'p pp vol vols v no nos n ch chap art sect sec fig figs lib cap ver l ll col tab sc ps'.split(' '),
);
/** Words a number follows as a number (`page 12`, `in 3 days`), unless a stop ends them. */
const NUMBER_WORDS = new Set(
  (
    'page pages chapter article plate part book verse line note notes table scene psalm number numbers ' +
    'the a an of in on at to by for from with and or nor than some every each per all under over ' +
    'after before between into only nearly almost about least most year years day days hour hours'
  ).split(' '),
);

/** Whether a number after this word (as printed, its stop included) is a number in its own right. */
function numbered(word: string): boolean {
  const bare = word.toLowerCase().replace(/[^\p{L}§]/gu, '');
  if (NUMBER_ABBREVIATIONS.has(bare) || bare === '§') return true;
  return NUMBER_WORDS.has(bare) && /[\p{L}]$/u.test(word);
}

export interface Ref {
  offset: number;
  /** As printed: its figures, or the sign the OCR made of them. */
  label: string;
  length: number;
  strength: number;
  /** A sign the OCR made of the figures (`acquired ^,`): it may stand for any note. */
  misread?: boolean;
}

/** The numbers the page's text may refer to its notes by: set off by a space, or glued to a word. */
export function refsIn(spans: NoteSpan[]): Ref[] {
  const out: Ref[] = [];
  for (const span of spans) {
    const t = span.text;
    // A superior figure the OCR made a sign of (`acquired ^,`, `succour *,`): alone, after a word
    // on its line, before a space or a stop; or the printer's own sign, `*`, `†`, `‡`, which OCR
    // may read glued to the word or its stop (`has been .said,* is now`).
    for (const m of t.matchAll(
      /(?<=[\p{L}.,;:!?’”'")][ \t])[*^♦•†‡](?=[ \t]*(?:[\s.,;:]|$))|(?<=[\p{L}.,;:!?’”'")])[*†‡](?=[\s.,;:]|$)/gu,
    ))
      out.push({
        offset: span.offset + (m.index ?? 0),
        label: m[0],
        length: 1,
        strength: 1,
        misread: true,
      });
    for (const m of t.matchAll(/(?<!\d)\d{1,2}(?!\d)/g)) {
      const at = m.index ?? 0;
      const digits = m[0];
      const after = t[at + digits.length] ?? '';
      const before = t[at - 1] ?? '';
      if (digits.startsWith('0')) continue;
      if (before === ' ' || before === '\t') {
        // set off by a space, on the same line as the word before it
        if (after && !/\s/.test(after)) continue;
        const word = /(\S+)[ \t]$/.exec(t.slice(Math.max(0, at - 30), at))?.[1] ?? '';
        if (!word || /\d/.test(word)) continue;
        if (numbered(word)) continue;
        const punctuated = /[.,;:!?’”'")\]]$/.test(word);
        out.push({
          offset: span.offset + at,
          label: digits,
          length: digits.length,
          strength: punctuated ? 3 : 2,
        });
      } else if (/[\p{Ll}.,;:!?’”)]/u.test(before) && !/\d/.test(t[at - 2] ?? '')) {
        // glued to the word or its stop (`course.1`), and not a decimal's figures
        if (after && !/[\s.,;:]/.test(after)) continue;
        const word = /(\S+)$/.exec(t.slice(Math.max(0, at - 30), at))?.[1] ?? '';
        const letters = word.replace(/[^\p{L}]/gu, '');
        if (/\d/.test(word) || /^\p{Lu}+$/u.test(letters) || numbered(word)) continue;
        out.push({
          offset: span.offset + at,
          label: digits,
          length: digits.length,
          strength: /\p{Ll}$/u.test(before) ? 2 : 3,
        });
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * The references of notes 1…n, in order: the strongest sequence (the later reading where two are
 * as strong: the nearer to the foot). `skip` notes first may have none (they refer to text before
 * the copy); every other must. A misread mark stands for whichever note its place gives it.
 */
export function pairOnPage(refs: Ref[], count: number, skip: number): (Ref | undefined)[] | undefined {
  const m = refs.length;
  const fits = (ref: Ref, k: number): boolean => ref.misread === true || Number(ref.label) === k + 1;
  // best[k][j]: the best score for notes k…count-1 with note k at refs[j] or after it, and
  // where (the later of two as strong): computed from the last note back, one pass a note
  const best: Float64Array[] = new Array(count);
  const at: Int32Array[] = new Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const score = new Float64Array(m + 1).fill(-Infinity);
    const where = new Int32Array(m + 1).fill(-1);
    for (let j = m - 1; j >= 0; j--) {
      const ref = refs[j] as Ref;
      const rest = k === count - 1 ? 0 : ((best[k + 1] as Float64Array)[j + 1] ?? -Infinity);
      const own = fits(ref, k) ? ref.strength + rest : -Infinity;
      const later = score[j + 1] ?? -Infinity;
      if (own > later) {
        score[j] = own;
        where[j] = j;
      } else {
        score[j] = later;
        where[j] = where[j + 1] ?? -1;
      }
    }
    best[k] = score;
    at[k] = where;
  }
  for (let from = 0; from <= skip && from < count; from++) {
    if (!((best[from]?.[0] ?? -Infinity) > -Infinity)) continue;
    const out: (Ref | undefined)[] = new Array(from).fill(undefined);
    let j = -1;
    for (let k = from; k < count; k++) {
      j = at[k]?.[j + 1] ?? -1;
      out.push(refs[j]);
    }
    return out;
  }
  return undefined;
}
