import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';

const BOLD = /\*\*(?=\S)([^*\n]*?\S)\*\*/y;
const ITALIC = /\*(?=[^\s*])([^*\n]*?[^\s*])\*(?!\*)/y;

/** Rule `emphasis`: `**bold**` and `*italic*` → `<hi rend="bold|italic">`. */
export const emphasis: InlineRule = {
  id: 'emphasis',
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
};
