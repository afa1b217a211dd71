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
