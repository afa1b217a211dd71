import { el, type TeiNode } from '../tei/node.ts';
import { type Inline, linesOf } from './block-elements.ts';
import type { InlineContext } from './inline.ts';
import { quotedStanza } from './rules/verse.ts';
import { spanOf } from './spans.ts';

/**
 * A note's text from `start` to `end`, a stanza it quotes (rule `verse`: `… parodied in Robert
 * Buchanan's "Fleshly School of Poets":` / four verse lines in quotation marks) as verse quoted in
 * prose, `quote/lg` with an `l` a line, as the body sets an indented stanza; the rest as running text.
 */
export function noteContent(ctx: InlineContext, start: number, end: number): TeiNode[] {
  const texts = ctx.source.slice(start, end).split('\n');
  const stanza = quotedStanza(texts.map((t) => t.trim()));
  if (!stanza) return ctx.inline(start, end);
  let offset = start;
  const lines = texts.map((text, index) => {
    const line = { text, offset, index };
    offset += text.length + 1;
    return line;
  });
  const spans = lines.slice(stanza.from, stanza.to).map((l) => spanOf(l));
  const first = spans[0];
  const last = spans.at(-1);
  if (!first || !last) return ctx.inline(start, end);
  const inline: Inline = (s) => ctx.inline(s.offset, s.offset + s.text.length);
  const lg = el('lg', {}, linesOf(spans, inline, ctx));
  return [
    ...ctx.inline(start, first.offset),
    el('quote', {}, [lg]),
    ...ctx.inline(last.offset + last.text.length, end),
  ];
}
