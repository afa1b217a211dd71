/**
 * Word sequences for the cross-format test: what counts as a word (white space separates; a soft
 * hyphen and a no-break space are typography, not text), and the first place two sequences part.
 */
export const words = (text: string): string[] =>
  text
    .normalize('NFC')
    .replace(/\u00AD/g, '')
    // the print sets typewriter quotes and dashes as a printer does ("…" → “…”, -- → —): the
    // same word either way, on both sides of a comparison
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/-{2,}/g, '\u2014')
    .split(/[\s\u00A0\u2002-\u200B\u2028\u2029]+/)
    .filter(Boolean);

/** The first difference between two word sequences, with a few words of context; null when equal. */
export function firstWordDifference(expected: string[], actual: string[]): string | null {
  const n = Math.min(expected.length, actual.length);
  let k = 0;
  while (k < n && expected[k] === actual[k]) k++;
  if (k === expected.length && k === actual.length) return null;
  const at = (list: string[]): string =>
    `${k > 6 ? '… ' : ''}${list.slice(Math.max(0, k - 6), k).join(' ')} ⟦${list.slice(k, k + 8).join(' ') || '(end)'}⟧`;
  return `word ${k + 1}: expected ${at(expected)}; found ${at(actual)}`;
}
