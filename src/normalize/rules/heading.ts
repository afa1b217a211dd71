import type { BlockRule } from '../blocks.ts';
import { printer } from '../rule.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `heading`: section headings inside a document — `PART 1: …`, a line in capitals of four
 * words or more, or a `**bold**` block that may span several lines.
 */
export function isSectionHeading(text: string): boolean {
  const t = text.trim();
  if (/^PART [0-9IVXL]+\b/.test(t)) return true;
  if (t.length > 200 || /[a-z]/.test(t) || !/[A-Z]{2}/.test(t)) return false;
  if (/^\[.*\]$/.test(t)) return false;
  return t.split(/\s+/).filter((w) => /[A-Z]/.test(w)).length >= 4;
}

export const opensBoldHeading = (text: string): boolean => /^\*\*(?!\s)/.test(text.trim());
export const closesBoldHeading = (text: string): boolean => /\S\*\*$/.test(text.trim());

/** A `**bold**` block of one or more lines opening a run: a section heading (its lines joined by `lb`). */
export const boldHeading: BlockRule = {
  id: 'heading',
  family: 'generic',
  parse(run) {
    const first = run[0];
    if (!first || !opensBoldHeading(first.text)) return null;
    const close = run.findIndex((l) => closesBoldHeading(l.text));
    if (close === -1) return null;
    const spans = run.slice(0, close + 1).map((l) => spanOf(l));
    const firstSpan = spans[0] as (typeof spans)[number];
    spans[0] = { text: firstSpan.text.slice(2), offset: firstSpan.offset + 2 };
    const lastSpan = spans[spans.length - 1] as (typeof spans)[number];
    spans[spans.length - 1] = { text: lastSpan.text.slice(0, -2), offset: lastSpan.offset };
    return { blocks: [{ kind: 'section', spans, bold: true }], lines: close + 1 };
  },
  unparse: [
    printer(
      'head',
      (e) => e.attrs.rend === 'bold',
      (e, ctx) => `**${ctx.print(e.children)}**`,
    ),
  ],
};

/** A line that is a section heading (`PART 1: …`, capitals) opens a section. */
export const sectionHeading: BlockRule = {
  id: 'heading',
  family: 'generic',
  parse(run) {
    const first = run[0];
    if (!first || !isSectionHeading(first.text)) return null;
    return { blocks: [{ kind: 'section', spans: [spanOf(first)], bold: false }], lines: 1 };
  },
};
