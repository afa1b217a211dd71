import type { BlockRule } from '../blocks.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `paragraph`: a line no other block rule reads is a paragraph (the last rule tried). Lines
 * are paragraphs of their own unless a rule joins them (hard-wrap, paragraph-merge).
 */
export const paragraph: BlockRule = {
  id: 'paragraph',
  family: 'generic',
  parse(run) {
    const first = run[0];
    return first ? { blocks: [{ kind: 'p', spans: [spanOf(first)] }], lines: 1 } : null;
  },
};
