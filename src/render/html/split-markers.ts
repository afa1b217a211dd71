import type { Inline } from '../../model/types.ts';

/** What is drawn as a link of its own, and so cannot stand inside another: a page's marker, a note's reference. */
const isMarker = (n: Inline): boolean => n.kind === 'pageBreak' || n.kind === 'footnote';

/** Inlines that only wrap their words (no brackets of their own): a marker inside one may be lifted out. */
const WRAPPERS = new Set<Inline['kind']>([
  'emphasis',
  'citedTitle',
  'name',
  'span',
  'unknown',
  'link',
  'mention',
]);

/**
 * A link's words cut at the markers inside them (a page break inside a linked name, `De [p. 312]
 * Gaulle`): runs of words and the markers between them, in order, each wrapper around a marker
 * (an italic, a name) repeated on both sides of it. No marker: one run, the children themselves.
 */
export function splitAtMarkers(children: Inline[]): { run?: Inline[]; marker?: Inline }[] {
  const parts: { run?: Inline[]; marker?: Inline }[] = [];
  let run: Inline[] = [];
  const flush = (): void => {
    if (run.length) parts.push({ run });
    run = [];
  };
  for (const child of children) {
    if (isMarker(child)) {
      flush();
      parts.push({ marker: child });
    } else if (WRAPPERS.has(child.kind) && 'children' in child) {
      const inner = splitAtMarkers(child.children);
      if (inner.length === 1 && inner[0]?.run) {
        run.push(child);
        continue;
      }
      for (const part of inner) {
        if (part.marker) {
          flush();
          parts.push(part);
        } else run.push({ ...child, children: part.run ?? [] } as Inline);
      }
    } else run.push(child);
  }
  flush();
  return parts;
}

/** Only white space: the indentation before a page break at the start of a linked name. */
export const blank = (run: Inline[]): boolean => run.every((n) => n.kind === 'text' && n.text.trim() === '');
