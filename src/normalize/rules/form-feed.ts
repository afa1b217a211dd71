import { el } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { printer } from '../rule.ts';

/**
 * Rule `form-feed`: a form feed (U+000C, which XML cannot carry) ends a printed page: OCR text
 * (DjVu's plain text) separates its pages so. It is a page break with no number
 * (`<pb rend="form-feed"/>`), in running text or between blocks; `recto text` gives the form feed
 * back.
 */
export const formFeed: InlineRule = {
  id: 'form-feed',
  family: 'generic',
  trigger: '\f',
  parse: (_ctx, at) => ({ nodes: [el('pb', { rend: 'form-feed' })], next: at + 1 }),
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'form-feed',
      () => '\f',
    ),
  ],
};
