import type { Rule } from '../rule.ts';
import { isBoilerplate } from './boilerplate.ts';

/**
 * Rule `closing`: what follows the text — salutation and signature (`Respectfully yours,` /
 * `William C. Bullitt`, `KENNAN`), transmission notes (`Sent Department 878; repeated London as
 * 150.`), a collection title, a bibliographic source block (`Source` + citation + URL), and a
 * documentary edition's source note under its label (`Note: RC (DLC). In the hand of Jacob Rush …`,
 * `Source Note: Cy, DNA, RG 45`; the label may stand on a line of its own): the document's
 * provenance, printed after the text and before the numbered notes.
 * Classified from the last line backwards.
 */
export type ClosingKind =
  | 'fw'
  | 'signed'
  | 'salute'
  | 'postscript'
  | 'collection'
  | 'source-block'
  | 'source-note';

/** A source note's label (`Note:`, `Source Note:`), and what follows it on its line. */
export const SOURCE_NOTE_LABEL = /^(?:Source [Nn]ote|Note):/;
const SOURCE_NOTE_LINE = /^(?:Source [Nn]ote|Note):\s+\S/;
const SOURCE_NOTE_ALONE = /^(?:Source [Nn]ote|Note):$/;

export const isTransmissionNote = (t: string): boolean =>
  /^(?:Sent|Repeated|Also sent|Pouched|Passed)\b/.test(t) && /\.$/.test(t) && t.length < 240;

export const isSignature = (t: string): boolean =>
  t.length <= 60 &&
  /^\p{Lu}/u.test(t) &&
  !/[:;]/.test(t) &&
  t.split(/\s+/).length <= 5 &&
  (!/\.$/.test(t) || /^(?:\p{Lu}\.)+$/u.test(t)) &&
  !/\b(?:of|on|the|and|for|in|to)\b/.test(t);

export const isSalute = (t: string): boolean => t.length < 60 && /,$/.test(t) && t.split(/\s+/).length <= 6;

const isCollectionTitle = (t: string): boolean =>
  t.length < 100 &&
  /^\p{Lu}/u.test(t) &&
  !/[.,:;]$/.test(t) &&
  !/\d/.test(t) &&
  /\b(?:of|on|the|and|for)\b/.test(t);

/** Classifies the trailing lines (given last first); returns one kind per line it takes. */
export function classifyClosing(linesFromEnd: string[]): ClosingKind[] {
  const kinds: ClosingKind[] = [];
  const sourceAt = linesFromEnd.slice(0, 6).findIndex((t) => t.trim() === 'Source');
  let k = 0;
  const take = (kind: ClosingKind): void => {
    kinds.push(kind);
    k++;
  };
  while (k < linesFromEnd.length && isBoilerplate(linesFromEnd[k] ?? '')) take('fw');
  if (SOURCE_NOTE_LINE.test(linesFromEnd[k] ?? '')) take('source-note');
  else if (k + 1 < linesFromEnd.length && SOURCE_NOTE_ALONE.test(linesFromEnd[k + 1] ?? '')) {
    take('source-note');
    take('source-note');
  }
  if (sourceAt >= k) {
    while (k <= sourceAt) take('source-block');
    if (/^\d+\.$/.test(linesFromEnd[k]?.trim() ?? '')) take('source-block');
  }
  if (k < linesFromEnd.length && isCollectionTitle(linesFromEnd[k]?.trim() ?? '') && kinds.includes('fw')) {
    take('collection');
  }
  let signed = false;
  while (k < linesFromEnd.length) {
    const t = linesFromEnd[k]?.trim() ?? '';
    if (isTransmissionNote(t)) take('postscript');
    else if (!signed && isSignature(t)) {
      take('signed');
      signed = true;
      if (isSalute(linesFromEnd[k]?.trim() ?? '')) take('salute');
    } else break;
  }
  return kinds;
}

/** The rule (its elements print their content: closer, salute, signed, postscript, source block). */
export const closing: Rule = { id: 'closing', family: 'frus' };
