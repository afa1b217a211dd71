import type { BlockRule } from '../blocks.ts';
import { printer } from '../rule.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `omission-row`: a line of spaced dots (`. . . . . . .`) or asterisks (`* * * * *`, as web
 * copies print the same omission) marks text the source's editors left out.
 */
export const isOmissionRow = (text: string): boolean =>
  /^(?:\.\s*){3,}$/.test(text.trim()) || /^…$/.test(text.trim()) || isAsteriskRow(text);

/** `* * * * *` (three asterisks or more, spaced: `**bold**` and `***` are not rows). */
export const isAsteriskRow = (text: string): boolean => /^\*(?:[ \t\u00a0]+\*){2,}$/.test(text.trim());

/** A line that is a row of omission dots or asterisks. */
export const omissionRow: BlockRule = {
  id: 'omission-row',
  family: 'frus',
  parse(run) {
    const first = run[0];
    return first && isOmissionRow(first.text)
      ? { blocks: [{ kind: 'omission-row', span: spanOf(first) }], lines: 1 }
      : null;
  },
  // the row as printed is kept in @n: as many dots or asterisks, spaced as they were
  unparse: [
    printer(
      'gap',
      (e) => e.attrs.rend === 'dots' || e.attrs.rend === 'asterisks',
      (e) => e.attrs.n ?? '',
    ),
  ],
};
