import { el } from '../../tei/node.ts';
import { type InlineContext, type InlineMatch, type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

/** Three spaced dots or more, a word space (or the line's edge) on each side. */
const ELLIPSIS = /\.(?: \.){2,}(?=\s|$)/y;
/** Three spaced asterisks or more, set in the running text (glued to the words before them or not). */
const ASTERISKS = /\*(?: \*){2,}(?=\s|$)/y;

/**
 * Rule `editorial-ellipsis` (documentary editions): the editors' spaced dots inside a paragraph
 * (`15th Sepr 1776 . . . it seems to be Settled`, `H.M.S. Milford . . . Septembr 1776`), where
 * they left part of a document out (an extract; a log's columns not given) → `<gap
 * reason="omitted" rend="ellipsis">` with the dots, as printed, in its `desc`. The Official
 * Records' editors set spaced asterisks so in the running text, glued to the heading before the
 * paragraphs they left out (`July 16, 1862.* * * * * *`), the same gap. A row of dots or asterisks
 * alone on its line is rule `omission-row`'s (or a thought break); unspaced `...` is the writer's own.
 * An extract's dots between its passages, in any document, are read by excerpt-ellipsis.ts.
 */
export const editorialEllipsis: InlineRule = {
  id: 'editorial-ellipsis',
  family: 'documentary-edition',
  trigger: '.',
  parse(ctx, at, end) {
    if (at > 0 && !/\s/.test(ctx.source[at - 1] ?? '')) return null;
    return ellipsisGap(ctx, at, matchAt(ELLIPSIS, ctx.source, at, end));
  },
  unparse: [
    printer(
      'gap',
      (e) => e.attrs.rend === 'ellipsis',
      (e, ctx) => ctx.print(e.children.flatMap((d) => (typeof d === 'string' ? [] : d.children))),
    ),
  ],
};

/** Rule `editorial-ellipsis`, its asterisks (printed back by the dots' printer: the same gap). */
export const editorialAsterisks: InlineRule = {
  id: 'editorial-ellipsis',
  family: 'documentary-edition',
  trigger: '*',
  parse(ctx, at, end) {
    if (ctx.source[at - 1] === '*') return null;
    return ellipsisGap(ctx, at, matchAt(ASTERISKS, ctx.source, at, end));
  },
};

/** The dots (or asterisks) as a gap the source's editors made, printed back as they stand. */
export function ellipsisGap(ctx: InlineContext, at: number, m: RegExpExecArray | null): InlineMatch | null {
  if (!m) return null;
  const gap = el('gap', { reason: 'omitted', rend: 'ellipsis', resp: ctx.ids.resp('source-editors') }, [
    el('desc', {}, [m[0]]),
  ]);
  return { nodes: [gap], next: at + m[0].length };
}
