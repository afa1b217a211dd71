import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';

/**
 * Rule `parallel-citation`: a law report's citation of a case in another reporter, in brackets
 * after the first (`Ex parte Bollman, 4 Cranch 75, 101 [8 U.S. 75, 101]`): the same case and
 * page in the United States Reports (or the Supreme Court Reporter, the Lawyers' Edition), not
 * an editor's insertion or a page of this text. A `bibl type="parallel-citation"` between its
 * brackets, which stay text, as printed.
 */
const PARALLEL = /\[(\d{1,4} (?:U\. ?S\.|S\. ?Ct\.|L\. ?Ed\.(?: ?2d)?) \d{1,4}(?:, \d{1,4})*)\]/y;

export const parallelCitation: InlineRule = {
  id: 'parallel-citation',
  family: 'law-report',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(PARALLEL, ctx.source, at, end);
    if (!m) return null;
    const cited = m[1] ?? '';
    return { nodes: ['[', el('bibl', { type: 'parallel-citation' }, [cited]), ']'], next: at + m[0].length };
  },
  // (its brackets are text and the citation prints itself: nothing to print back but what it holds)
  unparse: [],
};
