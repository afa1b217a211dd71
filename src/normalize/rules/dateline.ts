import { el, type TeiNode } from '../../tei/node.ts';
import type { InlineContext } from '../inline.ts';
import type { Rule } from '../rule.ts';
import { findDate } from './dates.ts';
import type { Span } from './footnote-refs.ts';

/**
 * Rule `dateline`: `Bonn, January 9, 1958, 7 p.m.` → `<placeName>Bonn</placeName>, <date
 * when="1958-01-09">January 9, 1958</date>, 7 p.m.`; every character stays where it was.
 */
export function datelineNodes(span: Span, ctx: Pick<InlineContext, 'source' | 'inline'>): TeiNode[] {
  const { offset } = span;
  // (the source's own characters: a dateline over two lines keeps its line break as printed)
  const text = ctx.source.slice(offset, offset + span.text.length);
  const inline = ctx.inline;
  const date = findDate(text);
  if (!date) return inline(offset, offset + text.length);
  const out: TeiNode[] = [];
  const before = text.slice(0, date.index);
  const place = /^([\p{Lu}][\p{L} .’'-]{0,40}?)(,\s*)$/u.exec(before);
  if (place) out.push(el('placeName', {}, [place[1] ?? '']), place[2] ?? '');
  else if (before) out.push(...inline(offset, offset + date.index));
  out.push(el('date', { when: date.when }, [date.text]));
  // What follows the date (`, 7 p.m.`, a footnote reference) goes through the inline rules.
  out.push(...inline(offset + date.index + date.text.length, offset + text.length));
  return out;
}

/** The rule (its elements print their content). */
export const dateline: Rule = { id: 'dateline', family: 'generic' };
