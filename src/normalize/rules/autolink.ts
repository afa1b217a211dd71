import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const URL = /<(https?:\/\/[^>\s]+)>/y;

/** Rule `autolink`: `<http://…>` → `<ref type="url" target="…">`. */
export const autolink: InlineRule = {
  id: 'autolink',
  family: 'generic',
  trigger: '<',
  parse(ctx, at, end) {
    const m = matchAt(URL, ctx.source, at, end);
    if (!m) return null;
    const url = m[1] ?? '';
    return { nodes: [el('ref', { type: 'url', target: url }, [url])], next: at + m[0].length };
  },
  unparse: [
    printer(
      'ref',
      (e) => e.attrs.type === 'url',
      (e, ctx) => `<${ctx.print(e.children)}>`,
    ),
  ],
};
