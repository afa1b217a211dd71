import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const CONJECTURE = /\[([^[\]\n?]+)\?\]/y;

/** Rule `conjecture`: `[by?]`, `[the policy?]` → `<supplied reason="conjecture" cert="low">`. */
export const conjecture: InlineRule = {
  id: 'conjecture',
  family: 'frus',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(CONJECTURE, ctx.source, at, end);
    if (!m) return null;
    const start = at + 1;
    const nodes = ctx.inline(start, start + (m[1] ?? '').length);
    return {
      nodes: [
        el('supplied', { reason: 'conjecture', cert: 'low', resp: ctx.ids.resp('source-editors') }, nodes),
      ],
      next: at + m[0].length,
    };
  },
  unparse: [
    printer(
      'supplied',
      (e) => e.attrs.cert === 'low',
      (e, ctx) => `[${ctx.print(e.children)}?]`,
    ),
  ],
};
