import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const BOLD = /\*\*(?=\S)([^*\n]*?\S)\*\*/y;
const ITALIC = /\*(?=[^\s*])([^*\n]*?[^\s*])\*(?!\*)/y;

/** Rule `emphasis`: `**bold**` and `*italic*` → `<hi rend="bold|italic">`. */
export const emphasis: InlineRule = {
  id: 'emphasis',
  family: 'generic',
  trigger: '*',
  parse(ctx, at, end) {
    const bold = matchAt(BOLD, ctx.source, at, end);
    if (bold) {
      const inner = ctx.inline(at + 2, at + 2 + (bold[1] ?? '').length);
      return { nodes: [el('hi', { rend: 'bold' }, inner)], next: at + bold[0].length };
    }
    const italic = matchAt(ITALIC, ctx.source, at, end);
    if (italic) {
      const inner = ctx.inline(at + 1, at + 1 + (italic[1] ?? '').length);
      return { nodes: [el('hi', { rend: 'italic' }, inner)], next: at + italic[0].length };
    }
    return null;
  },
  unparse: [
    printer(
      'hi',
      (e) => e.attrs.rend === 'bold',
      (e, ctx) => `**${ctx.print(e.children)}**`,
    ),
    printer(
      'hi',
      (e) => e.attrs.rend === 'italic',
      (e, ctx) => `*${ctx.print(e.children)}*`,
    ),
  ],
};

const UNDERSCORE = /_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}])/uy;

/** Markdown's `_italic_`, for the introduction only (not a convention of the sources: Gutenberg's `_italic_` is rule `underscore-italic`). */
export const underscoreEmphasis: InlineRule = {
  id: 'underscore-emphasis',
  family: 'generic',
  trigger: '_',
  parse(ctx, at, end) {
    if (at > 0 && /[\p{L}\p{N}]/u.test(ctx.source[at - 1] ?? '')) return null; // snake_case is not emphasis
    const m = matchAt(UNDERSCORE, ctx.source, at, end);
    if (!m) return null;
    const inner = ctx.inline(at + 1, at + 1 + (m[1] ?? '').length);
    return { nodes: [el('hi', { rend: 'italic' }, inner)], next: at + m[0].length };
  },
};
