import { el, type TeiNode } from '../tei/node.ts';
import { ILLEGAL_CHARACTER } from '../tei/write.ts';
import type { InlineContext } from './inline.ts';

/**
 * The source between `from` and `to`, which must be white space: every other character is in the
 * element of the block or note it belongs to, so anything else here would be lost (a bug, said at
 * once, never a silent loss).
 */
export function between(ctx: Pick<InlineContext, 'source'>, from: number, to: number): string {
  const gap = ctx.source.slice(from, Math.max(from, to));
  if (/\S/.test(gap))
    throw new Error(`normalize: characters ${from}–${to} belong to no element: ${JSON.stringify(gap)}`);
  return gap;
}

/**
 * White space between blocks as TEI can hold it there: a form feed is a page break (the printed
 * page ends: `pb rend="form-feed"`), a vertical tab (which XML cannot carry) an anchor that keeps
 * its code point; the rest is text.
 */
export function layout(gap: string): TeiNode[] {
  if (!/[\f\v]/.test(gap)) return gap ? [gap] : [];
  const out: TeiNode[] = [];
  for (const part of gap.split(/([\f\v])/)) {
    if (part === '\f') out.push(el('pb', { rend: 'form-feed' }));
    else if (part === '\v') out.push(el('anchor', { type: ILLEGAL_CHARACTER, n: 'U+000B' }));
    else if (part) out.push(part);
  }
  return out;
}
