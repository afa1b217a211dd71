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
 * White space between blocks as TEI can hold it there, where only XML's own white space (space,
 * tab, line feed) may stand as text: a form feed is a page break (the printed page ends:
 * `pb rend="form-feed"`); any other white space (a line of no-break spaces, a vertical tab, which
 * XML cannot carry at all) is an anchor that keeps the characters (`anchor type="white-space"`,
 * or the code point of a character XML forbids).
 */
export function layout(gap: string): TeiNode[] {
  if (!/[^ \t\n]/.test(gap)) return gap ? [gap] : [];
  const out: TeiNode[] = [];
  for (const part of gap.split(/(\f|\v|[^ \t\n\f\v]+)/)) {
    if (part === '\f') out.push(el('pb', { rend: 'form-feed' }));
    else if (part === '\v') out.push(el('anchor', { type: ILLEGAL_CHARACTER, n: 'U+000B' }));
    else if (/^[ \t\n]*$/.test(part)) {
      if (part) out.push(part);
    } else out.push(el('anchor', { type: 'white-space', n: part }));
  }
  return out;
}
