import { el, type TeiNode } from '../tei/node.ts';
import { type Inline, linesOf } from './block-elements.ts';
import type { InlineContext } from './inline.ts';
import { quotedStanzas } from './rules/verse.ts';
import { spanOf } from './spans.ts';

/**
 * A note's text from `start` to `end`, each stanza it quotes (rule `verse`: `… parodied in Robert
 * Buchanan's "Fleshly School of Poets":` / four verse lines in quotation marks; an indented stanza)
 * as verse quoted in prose, `quote/lg` with an `l` a line, as the body sets an indented stanza; the
 * rest as running text.
 */
export function noteContent(ctx: InlineContext, start: number, end: number): TeiNode[] {
  const texts = ctx.source.slice(start, end).split('\n');
  const stanzas = quotedStanzas(texts);
  if (!stanzas.length) return ctx.inline(start, end);
  let offset = start;
  const lines = texts.map((text, index) => {
    const line = { text, offset, index };
    offset += text.length + 1;
    return line;
  });
  const inline: Inline = (s) => ctx.inline(s.offset, s.offset + s.text.length);
  const out: TeiNode[] = [];
  let cursor = start;
  for (const { from, to } of stanzas) {
    const spans = lines.slice(from, to).map((l) => spanOf(l));
    const first = spans[0];
    const last = spans.at(-1);
    if (!first || !last) continue;
    out.push(
      ...ctx.inline(cursor, first.offset),
      el('quote', {}, [el('lg', {}, linesOf(spans, inline, ctx))]),
    );
    cursor = last.offset + last.text.length;
  }
  out.push(...ctx.inline(cursor, end));
  return out;
}
