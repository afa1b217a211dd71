import type { InlineRule } from '../inline.ts';
import { autolink } from './autolink.ts';
import { conjecture } from './conjecture.ts';
import { correction } from './correction.ts';
import { editorialInsertion, unclosedBracket } from './editorial-insertion.ts';
import { emphasis } from './emphasis.ts';
import { omission } from './omission.ts';
import { pageLine, pageMarker } from './page-marker.ts';

/** The inline rules in priority order: for `[`, the most specific reading wins. */
export const INLINE_RULES: InlineRule[] = [
  unclosedBracket,
  pageMarker,
  omission,
  conjecture,
  correction,
  editorialInsertion,
  emphasis,
  autolink,
  pageLine,
];
