import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';

const PAGE = /\[Page\s*([^\]\n]*)\]/y;
const VALID = /^(?:\d{1,5}|[ivxlcdm]{1,8})$/i;

/**
 * A valid page marker at the start of a line (`[Page 15]`, `[Page 15]Chicago, …`): how long it is
 * with the spaces after it, or 0. The header takes it off a line before classifying the rest.
 */
export function leadingPageMarker(text: string): number {
  const m = /^\[Page\s*([^\]\n]*)\]\s*/.exec(text);
  return m && VALID.test((m[1] ?? '').trim()) ? m[0].length : 0;
}

/** Rule `page-marker`: `[Page 225]`, alone or inside a paragraph → `<pb n="225"/>` at that point. */
export const pageMarker: InlineRule = {
  id: 'page-marker',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(PAGE, ctx.source, at, end);
    if (!m) return null;
    const n = (m[1] ?? '').trim();
    if (!VALID.test(n)) {
      ctx.diag.warn(
        'page-marker-invalid',
        `page marker "${m[0]}" has no page number; kept as text`,
        ctx.positions.at(at),
      );
      return { nodes: [m[0]], next: at + m[0].length };
    }
    return { nodes: [el('pb', { n, 'xml:id': ctx.ids.take(`pg${n}`) })], next: at + m[0].length };
  },
};
