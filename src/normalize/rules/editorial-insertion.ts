import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const BRACKETED = /\[([^[\]\n]+)\]/y;

/**
 * Rule `editorial-insertion`: any other bracketed text is the editors' — a short insertion
 * (`[Herter]`, `can[not]`) → `<supplied reason="editorial">`; a longer remark (`[Footnote in the
 * source text. …]`) → `<note type="editorial" place="inline">`.
 */
export const editorialInsertion: InlineRule = {
  id: 'editorial-insertion',
  family: 'generic',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(BRACKETED, ctx.source, at, end);
    if (!m) return null;
    const words = m[1] ?? '';
    const content = ctx.inline(at + 1, at + 1 + words.length);
    const short = words.length <= 60 && words.trim().split(/\s+/).length <= 6 && !/[.:;]\s/.test(words);
    const node = short
      ? el('supplied', { reason: 'editorial', resp: ctx.ids.resp('source-editors') }, content)
      : el('note', { type: 'editorial', place: 'inline', resp: ctx.ids.resp('source-editors') }, content);
    return { nodes: [node], next: at + m[0].length };
  },
  unparse: [
    printer(
      'supplied',
      (e) => e.attrs.reason === 'editorial',
      (e, ctx) => `[${ctx.print(e.children)}]`,
    ),
    printer(
      'note',
      (e) => e.attrs.type === 'editorial' && e.attrs.place === 'inline',
      (e, ctx) => `[${ctx.print(e.children)}]`,
    ),
  ],
};

/** Rule `unclosed-bracket`: a `[` with no `]` on its line is kept as text and reported. */
export const unclosedBracket: InlineRule = {
  id: 'unclosed-bracket',
  family: 'generic',
  trigger: '[',
  parse(ctx, at, end) {
    const lineEnd = ctx.source.indexOf('\n', at);
    const close = ctx.source.indexOf(']', at);
    if (close !== -1 && close < end && (lineEnd === -1 || close < lineEnd)) return null;
    ctx.diag.warn('unclosed-bracket', '"[" is never closed on this line; kept as text', ctx.positions.at(at));
    return { nodes: ['['], next: at + 1 };
  },
};
