import { el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { between, layout } from './between.ts';
import type { InlineContext } from './inline.ts';
import type { Span } from './rules/footnote-refs.ts';
import { findRefCandidates, pairMarked, pairRefs, type RefCandidate } from './rules/footnote-refs.ts';
import { entryLabel, MARKED_STYLES, type NoteItem, type NoteList } from './rules/note-list.ts';

/**
 * The notes of a document's list (rules `note-list` and `footnote-ref`): each is set at its
 * reference, in full, as TEI wants a footnote; where the list printed it an `anchor` stays
 * (`type="note"`, with `note-label` / `note-close` where the label or the `↩` stood apart from the
 * text), so the list's place, order and spacing are in the TEI and `recto text` prints it back. A
 * note no reference was found for stays in the list itself (`type="unanchored"`), with a warning.
 * No listed note is ever dropped.
 */
export interface NoteSetter {
  /** The list where it is printed: its anchors and unanchored notes, with the white space between them. */
  printed(list: NoteList): TeiNode[];
}

const noSetter: NoteSetter = { printed: () => [] };

/** How one entry of the list is laid out, decided before any of it is written. */
interface Layout {
  item: NoteItem;
  /** The reference chosen for it, or none. */
  ref: RefCandidate | null;
  /** Its label, set apart from its text by other white space than the list's usual. */
  labelApart: boolean;
  /** Its closing `↩` stands apart from its text. */
  closeApart: boolean;
  element?: TeiElement; // made once, where it is first written
}

const STYLE_TOKEN: Record<string, string | undefined> = {
  numbered: undefined,
  arrow: 'arrow',
  slash: 'mark-slash',
  bracket: 'mark-bracket',
  symbol: 'mark-symbol',
  alone: 'mark-alone',
  glued: 'mark-glued',
};

export function setNotes(
  ctx: InlineContext,
  notes: NoteList | null,
  spans: Span[],
  sourceNote: boolean,
): NoteSetter {
  if (!notes) return noSetter;
  // A marked list's references print its marks; a numbered one's are numbers glued to words.
  const marked = MARKED_STYLES.has(notes.style);
  const candidates = marked ? [] : findRefCandidates(spans);
  const { anchors } = marked
    ? pairMarked(spans, notes.style, notes.items)
    : pairRefs(candidates, notes.items, { sourceNote, exact: notes.style === 'glued' });
  const labelOf = (item: NoteItem): string => item.label ?? String(item.listNumber);

  const layouts: Layout[] = notes.items.map((item, k) => {
    const printed = ctx.source.slice(item.start, item.offset);
    const label = entryLabel(notes.style, labelOf(item));
    const labelApart = printed !== label;
    if (labelApart && !printed.startsWith(label.trimEnd()))
      throw new Error(`normalize: note ${labelOf(item)}'s label "${printed}" is not "${label.trimEnd()}"`);
    return {
      item,
      ref: anchors[k] ?? null,
      labelApart,
      closeApart: item.close !== undefined && item.close !== item.end,
    };
  });

  /** The note's text: one paragraph, or several (an arrow note's) with the white space between. */
  const content = (item: NoteItem): TeiNode[] => {
    if (!item.paragraphs) return ctx.inline(item.offset, item.offset + item.text.length);
    const out: TeiNode[] = [];
    item.paragraphs.forEach((p, k) => {
      const prev = item.paragraphs?.[k - 1];
      if (prev) out.push(ctx.source.slice(prev.offset + prev.text.length, p.offset));
      out.push(el('p', {}, ctx.inline(p.offset, p.offset + p.text.length)));
    });
    return out;
  };

  const element = (layout: Layout, n: string, anchored: boolean): TeiElement => {
    const { item } = layout;
    const rend = [
      STYLE_TOKEN[notes.style] ?? '',
      item.open ? 'arrow-open' : '',
      notes.style !== 'arrow' && labelOf(item) !== n ? `list-number:${labelOf(item)}` : '',
      layout.labelApart ? 'label-apart' : '',
      layout.closeApart ? 'close-apart' : '',
    ].filter(Boolean);
    const note = el(
      'note',
      {
        place: 'foot',
        n,
        // From the number as printed (`fn47` for note 47), not from the note's place in the list.
        'xml:id': ctx.ids.take(`fn${n}`),
        type: anchored ? undefined : 'unanchored',
        rend: rend.length ? rend.join(' ') : undefined,
      },
      content(item),
    );
    layout.element = note;
    return note;
  };

  for (const layout of layouts) {
    const { ref, item } = layout;
    if (ref) {
      ctx.anchors.set(ref.offset, {
        length: ref.length ?? ref.label.length,
        nodes: () => [element(layout, ref.label, true)],
      });
    } else {
      ctx.diag.warn(
        'footnote-unanchored',
        `note ${item.listNumber} has no reference in the text; kept where the list prints it`,
        ctx.positions.at(item.line.offset),
      );
    }
  }
  warnMissing(ctx, candidates, anchors);

  return {
    printed(list) {
      const out: TeiNode[] = [];
      let cursor: number | undefined;
      const gapTo = (to: number): void => {
        if (cursor !== undefined) out.push(...layout(between(ctx, cursor, to)));
      };
      for (const layout of layouts) {
        const { item, ref } = layout;
        gapTo(item.start);
        let labelAnchor: TeiElement | undefined;
        if (layout.labelApart) {
          // (its `corresp` is the note's id, known once the note is made, below)
          labelAnchor = el('anchor', { type: 'note-label' });
          out.push(labelAnchor);
          cursor = item.start + entryLabel(list.style, labelOf(item)).trimEnd().length;
          gapTo(item.offset);
        }
        let note = layout.element;
        if (ref && !note) {
          // Its reference ended up inside other markup and was never written.
          ctx.anchors.delete(ref.offset);
          ctx.diag.warn(
            'footnote-unanchored',
            `the reference to note ${item.listNumber} is inside other markup; the note is kept where the list prints it`,
            ctx.positions.at(ref.offset),
          );
        }
        if (note && ref) out.push(el('anchor', { type: 'note', corresp: `#${note.attrs['xml:id']}` }));
        else {
          note = element(layout, labelOf(item), false);
          out.push(note);
        }
        if (labelAnchor) labelAnchor.attrs.corresp = `#${note.attrs['xml:id']}`;
        cursor = item.end;
        if (layout.closeApart && item.close !== undefined) {
          gapTo(item.close);
          out.push(el('anchor', { type: 'note-close', corresp: `#${note.attrs['xml:id']}` }));
          cursor = item.close + 1;
        } else if (item.close !== undefined) cursor = item.close + 1;
      }
      return out.filter((n) => n !== '');
    },
  };
}

/** A strong reference that goes on from the last one paired, with no note for it: said, not guessed. */
function warnMissing(ctx: InlineContext, candidates: RefCandidate[], anchors: (RefCandidate | null)[]): void {
  const chosen = new Set(anchors.filter((a): a is RefCandidate => a !== null));
  let lastLabel = 0;
  for (const c of candidates) {
    if (chosen.has(c)) lastLabel = Number(c.label);
    else if (c.strength >= 3 && Number(c.label) === lastLabel + 1 && lastLabel > 0) {
      ctx.diag.warn(
        'footnote-missing',
        `reference ${c.label} looks like a footnote but the note list has no note for it`,
        ctx.positions.at(c.offset),
      );
      lastLabel++;
    }
  }
}
