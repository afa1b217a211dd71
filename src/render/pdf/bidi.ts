import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { isMainFace } from './fonts.ts';
import type { Fragment } from './words.ts';

/**
 * Right-to-left text on a left-to-right page (Hebrew, Arabic in an English book): the Unicode
 * bidi algorithm (UAX #9, bidi-js) gives each fragment of a line and each space between its
 * words a level, and rule L2 reverses every run at a level or above, highest first, so the words
 * of a Hebrew phrase stand right to left. Each word's glyphs come from HarfBuzz already in visual
 * order (fonts.ts). The content stream keeps the logical order (fragments are only placed), so
 * the structure tree and text extraction read the words in the order they were written.
 */
// (CommonJS whose typings declare an ES default export: loaded with require, as hyphen is)
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
// their presentation forms, and the RTL blocks beyond the BMP)
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

export const hasRightToLeft = (text: string): boolean => RTL.test(text);

interface Atom {
  fragment?: Fragment;
  width: number;
  level: number;
}

/**
 * Where each fragment of a line's words stands (x of its left edge) once the line is in visual
 * order, starting at `start` with `gap` between words; null when nothing in it runs right to left.
 */
export function visualPositions(
  words: { fragments: Fragment[] }[],
  start: number,
  gap: number,
): Map<Fragment, number> | null {
  // (EB Garamond's main faces have no right-to-left letters: most lines are passed over at once)
  if (!words.some((w) => w.fragments.some((f) => !isMainFace(f.face) && hasRightToLeft(f.text)))) return null;
  let text = '';
  const at: number[] = [];
  const atoms: Atom[] = [];
  words.forEach((w, k) => {
    if (k > 0) {
      at.push(text.length);
      atoms.push({ width: gap, level: 0 });
      text += ' ';
    }
    for (const f of w.fragments) {
      at.push(f.text ? text.length : -1); // (a page-number slot has no text: it takes the level before it)
      atoms.push({ fragment: f, width: f.width, level: 0 });
      text += f.text;
    }
  });
  const { levels } = bidi.getEmbeddingLevels(text, 'ltr');
  let max = 0;
  atoms.forEach((a, k) => {
    const offset = at[k] as number;
    a.level = offset >= 0 ? (levels[offset] ?? 0) : (atoms[k - 1]?.level ?? 0);
    max = Math.max(max, a.level);
  });
  for (let level = max; level >= 1; level--) {
    for (let k = 0; k < atoms.length; ) {
      if ((atoms[k] as Atom).level < level) {
        k++;
        continue;
      }
      let end = k;
      while (end < atoms.length && (atoms[end] as Atom).level >= level) end++;
      const run = atoms.slice(k, end).reverse();
      atoms.splice(k, run.length, ...run);
      k = end;
    }
  }
  const out = new Map<Fragment, number>();
  let x = start;
  for (const a of atoms) {
    if (a.fragment) out.set(a.fragment, x);
    x += a.width;
  }
  return out;
}
