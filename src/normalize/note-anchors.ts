import { templateRegex } from './declared.ts';
import type { InlineContext } from './inline.ts';
import type { Span } from './rules/footnote-refs.ts';
import { findRefCandidates, pairMarked, pairRefs, type RefCandidate } from './rules/footnote-refs.ts';
import { MARKED_STYLES, markOf, type NoteItem, type NoteList } from './rules/note-list.ts';

/**
 * Where each note of a list is referred to in the text: a list at the end paired with the text's
 * references as a whole, notes printed in the text with the nearest mark before them, a declared
 * house style's references by its template. notes.ts sets each note at what these find.
 */

export const labelOf = (item: NoteItem): string => item.label ?? String(item.listNumber);

/** A list at the end: its notes paired with the references of the text as a whole (footnote-refs.ts). */
export function pairList(
  list: NoteList,
  spans: Span[],
  candidates: RefCandidate[],
  sourceNote: boolean,
  reference?: string,
): (RefCandidate | null)[] {
  if (MARKED_STYLES.has(list.style)) return pairMarked(spans, list.style, list.items).anchors;
  if (reference) return pairDeclared(spans, list.items, reference);
  const glued = pairRefs(candidates, list.items, {
    sourceNote,
    exact: list.style === 'glued' || list.ownNumbers === true,
  }).anchors;
  // A numbered list whose references are its numbers in brackets, in parentheses or in superscript
  // digits (`quick-glancing[1]`, a Wikisource page's; `last.(2)`, a documentary edition's;
  // `Ghent¹`): where every note has one, those are its references.
  if (glued.every((a) => a !== null)) return glued;
  for (const style of ['bracket', 'paren', 'superscript'] as const) {
    const marked = pairMarked(spans, style, list.items).anchors;
    if (marked.every((a) => a !== null)) {
      list.refs = style;
      return marked;
    }
  }
  return glued;
}

/**
 * The references of notes printed in the text: for each, the nearest mark before it not yet taken:
 * its label in brackets (`Emperor[A]`, `272.[1]`) for a footnote block, its number glued to the
 * words (`were read:2`) for a note block. Numbers restart on each page, so the nearest is the one.
 */
export function pairInText(blocks: NoteList[], spans: Span[], ctx: InlineContext): (RefCandidate | null)[] {
  const glued = findRefCandidates(spans).filter((c) => c.strength >= 2.5);
  const taken = new Set<number>();
  return blocks.flatMap((list) =>
    list.items.map((item) => {
      const label = labelOf(item);
      const marks: RefCandidate[] = [];
      if (list.style === 'footnote-block' || list.style === 'bracket' || list.style === 'fn-hash') {
        const mark = markOf(list.style === 'fn-hash' ? 'fn-hash' : 'bracket', label);
        for (const span of spans)
          for (let at = span.text.indexOf(mark); at !== -1; at = span.text.indexOf(mark, at + 1))
            marks.push({ offset: span.offset + at, label, strength: 3, length: mark.length });
      } else marks.push(...glued.filter((c) => c.label === label));
      // (before the list: a run of notes at an essay's end is referred to from the essay above it)
      const limit = list.items[0]?.start ?? item.start;
      const before = marks
        .filter((c) => c.offset < limit && !taken.has(c.offset) && !ctx.anchors.has(c.offset))
        .sort((a, b) => b.offset - a.offset)[0];
      if (!before) return null;
      taken.add(before.offset);
      return before;
    }),
  );
}

/** A declared reference (`({n})`): each note with the next reference printing its number so. */
export function pairDeclared(spans: Span[], items: NoteItem[], template: string): (RefCandidate | null)[] {
  const found: RefCandidate[] = [];
  for (const span of spans)
    for (const m of span.text.matchAll(templateRegex(template, 'g')))
      found.push({ offset: span.offset + m.index, label: m[1] ?? '', strength: 3, length: m[0].length });
  found.sort((a, b) => a.offset - b.offset);
  let next = 0;
  return items.map((item) => {
    const k = found.findIndex((c, i) => i >= next && c.label === labelOf(item));
    if (k === -1) return null;
    next = k + 1;
    return found[k] ?? null;
  });
}
