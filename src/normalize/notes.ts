import { el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { between, layout } from './between.ts';
import { linesOf } from './block-elements.ts';
import { type Conventions, renditionId } from './declared.ts';
import type { InlineContext } from './inline.ts';
import { labelOf, pairInText, pairList } from './note-anchors.ts';
import { noteContent } from './note-verse.ts';
import type { Span } from './rules/footnote-refs.ts';
import { findRefCandidates, type RefCandidate } from './rules/footnote-refs.ts';
import { entryClose, entryLabel, MARKED_STYLES, type NoteItem, type NoteList } from './rules/note-list.ts';
import { breakIsWordSpace } from './rules/paragraph-merge.ts';

/**
 * The notes of a document (rules `note-list`, `note-block` and `footnote-ref`): each is set at its
 * reference, in full, as TEI wants a footnote; where the source printed it (in the list at the end,
 * or in a block after its paragraph) an `anchor` stays (`type="note"`, with `note-label` /
 * `note-close` where the label or the closing `↩` or `]` stood apart from the text), so its place,
 * order and spacing are in the TEI and `recto text` prints it back. A note no reference was found
 * for stays where it is printed (`type="unanchored"`), with a warning. No note is ever dropped.
 */
export interface NoteSetter {
  /** A list where it is printed: its anchors and unanchored notes, with the white space between them. */
  printed(list: NoteList): TeiNode[];
}

/** How one entry is laid out, decided before any of it is written. */
interface Layout {
  list: NoteList;
  item: NoteItem;
  /** The reference chosen for it, or none. */
  ref: RefCandidate | null;
  /** Its label, set apart from its text by other white space than the list's usual. */
  labelApart: boolean;
  /** Its closing `↩` or `]` stands apart from its text. */
  closeApart: boolean;
  element?: TeiElement; // made once, where it is first written
}

const STYLE_TOKEN: Record<string, string | undefined> = {
  numbered: undefined,
  arrow: 'arrow',
  slash: 'mark-slash',
  bracket: 'mark-bracket',
  'fn-hash': 'mark-fn-hash',
  symbol: 'mark-symbol',
  alone: 'mark-alone',
  glued: 'mark-glued',
  'footnote-block': 'footnote-block',
  'note-block': 'note-block',
  declared: 'declared',
  'footnote-line': 'footnote-line',
  spaced: 'spaced',
  paren: 'mark-paren',
  'closing-paren': 'mark-close-paren',
  superscript: 'mark-superscript',
  'page-foot': 'page-foot',
  keyed: 'keyed',
};

/** A house style the manifest declares for the document, and the document's id (for its header's renditions). */
export interface DeclaredNotes {
  id: string;
  conventions: Conventions;
}

export function setNotes(
  ctx: InlineContext,
  lists: NoteList[],
  spans: Span[],
  sourceNote: boolean,
  declared?: DeclaredNotes,
): NoteSetter {
  const reference = declared?.conventions.noteReference;
  const listTemplate = declared?.conventions.noteList;
  // (a page's foot notes come with their references, found on their page by the rule that found them)
  // (keyed notes have none: the verse numbers they are keyed by are no marks)
  // (and a list paired with its references by rule `note-pairing`)
  const ownRefs = (l: NoteList): boolean =>
    l.style === 'page-foot' || l.style === 'keyed' || l.refsFound === true;
  const inText = lists.filter((l) => l.inText && !ownRefs(l));
  const inTextRefs = pairInText(inText, spans, ctx);
  // (one reading of the references: the pairing and the warnings speak of the same candidates)
  const candidates = lists.some((l) => !l.inText) ? findRefCandidates(spans) : [];
  const layouts = new Map<NoteList, Layout[]>();
  for (const list of lists) {
    const anchors = ownRefs(list)
      ? list.items.map((item) => (item.ref ? { ...item.ref, strength: 3 } : null))
      : list.inText
        ? inTextRefs.splice(0, list.items.length)
        : pairList(list, spans, candidates, sourceNote, reference);
    layouts.set(
      list,
      list.items.map((item, k) => {
        const printed = ctx.source.slice(item.start, item.offset);
        const label = entryLabel(list.style, labelOf(item), listTemplate);
        const labelApart = printed !== label;
        if (labelApart && !printed.startsWith(label.trimEnd()))
          throw new Error(
            `normalize: note ${labelOf(item)}'s label "${printed}" is not "${label.trimEnd()}"`,
          );
        return {
          list,
          item,
          ref: anchors[k] ?? null,
          labelApart,
          closeApart: item.close !== undefined && item.close !== item.end,
        };
      }),
    );
  }

  /** The note's text: one paragraph, or several (an arrow note's) with the white space between. */
  const ownContent = (item: NoteItem): TeiNode[] => {
    if (item.verse) return withVerse(ctx, item, item.verse);
    if (!item.paragraphs) return noteContent(ctx, item.offset, item.offset + item.text.length);
    const out: TeiNode[] = [];
    item.paragraphs.forEach((p, k) => {
      const prev = item.paragraphs?.[k - 1];
      if (prev) out.push(ctx.source.slice(prev.offset + prev.text.length, p.offset));
      out.push(el('p', {}, ctx.inline(p.offset, p.offset + p.text.length)));
    });
    return out;
  };
  // A note continued at the foot of the next page is one note: its parts, a milestone between
  // each (`rend="joined"` where the word ran on over the page: `syphi-` / `lis`).
  const content = (item: NoteItem): TeiNode[] => {
    const out = ownContent(item);
    let before = item.paragraphs?.at(-1)?.text ?? item.text;
    for (const part of item.continued ?? []) {
      const joined = !breakIsWordSpace(before, part.text);
      out.push(
        el('milestone', { unit: 'page', type: 'note-continued', rend: joined ? 'joined' : undefined }),
      );
      if (part.paragraphs) out.push(...ownContent(part));
      else {
        const nodes = ctx.inline(part.offset, part.offset + part.text.length);
        out.push(...(item.paragraphs ? [el('p', {}, nodes)] : nodes));
      }
      before = part.text;
    }
    return out;
  };

  // A note's number: as its reference prints it, or where there is none, its label; a page's foot
  // numbers its notes by their places, whatever the OCR made of a label or a reference (`s`, `^`).
  const numberOf = (layout: Layout): string =>
    ownRefs(layout.list) && layout.item.listNumber > 0
      ? String(layout.item.listNumber)
      : (layout.ref?.label ?? labelOf(layout.item));

  const element = (layout: Layout, n: string, anchored: boolean): TeiElement => {
    const { item, list, ref } = layout;
    const rend = [
      STYLE_TOKEN[list.style] ?? '',
      anchored && ref && ref.label !== n ? `ref-mark:${ref.label}` : '',
      list.refs && anchored ? `ref-${list.refs}` : '',
      // (printed without its closing mark: the list's last arrow note, a block the copy's end cut)
      item.open ? (list.style === 'arrow' ? 'arrow-open' : 'open') : '',
      list.style !== 'arrow' && labelOf(item) !== n ? `list-number:${labelOf(item)}` : '',
      layout.labelApart ? 'label-apart' : '',
      layout.closeApart ? 'close-apart' : '',
    ].filter(Boolean);
    const renditions = [
      list.style === 'declared' && declared ? `#${renditionId(declared.id, 'noteList')}` : '',
      anchored && reference && declared ? `#${renditionId(declared.id, 'noteReference')}` : '',
    ].filter(Boolean);
    const note = el(
      'note',
      {
        // (a book's notes section, keyed by verse: endnotes)
        place: list.style === 'keyed' && !list.atFoot ? 'end' : 'foot',
        n: n || undefined,
        rendition: renditions.length ? renditions.join(' ') : undefined,
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

  // (the rest of a note printed at the next page's foot is no note of its own)
  const all = [...layouts.values()].flat().filter((l) => !l.item.continues);
  const noteOf = new Map(all.map((l) => [l.item, l]));
  const keyed = all.filter((l) => l.list.style === 'keyed').map((l) => l.item);
  for (const layout of all) {
    const { ref, item } = layout;
    if (ref) {
      ctx.anchors.set(ref.offset, {
        length: ref.length ?? ref.label.length,
        nodes: () => [element(layout, numberOf(layout), true)],
      });
    } else if (layout.list.style === 'keyed') {
      // keyed by verse numbers, which are no marks: kept where printed, as the reader expects (said once)
      if (keyed[0] === item) {
        const labels = keyed.map(labelOf);
        ctx.diag.add(
          'info',
          'keyed-notes',
          `${keyed.length} ${keyed.length === 1 ? 'note' : 'notes'} keyed by verse or line number (${labels.slice(0, 3).join('; ')}${labels.length > 3 ? '; …' : ''}), kept where printed`,
          ctx.positions.at(item.line.offset),
        );
      }
    } else {
      ctx.diag.warn(
        'footnote-unanchored',
        `note ${(ownRefs(layout.list) ? numberOf({ ...layout, ref: null }) : labelOf(item)) || 'without a label'} has no reference in the text; kept where it is printed`,
        ctx.positions.at(item.line.offset),
      );
    }
  }
  const endList = lists.find((l) => !l.inText);
  if (endList && !MARKED_STYLES.has(endList.style))
    warnMissing(ctx, candidates, layouts.get(endList)?.map((l) => l.ref) ?? []);

  return {
    printed(list) {
      const out: TeiNode[] = [];
      let cursor: number | undefined;
      const gapTo = (to: number): void => {
        if (cursor !== undefined) out.push(...layout(between(ctx, cursor, to)));
      };
      for (const entry of layouts.get(list) ?? []) {
        const { item, ref } = entry;
        gapTo(item.start);
        const whole = item.continues && noteOf.get(item.continues)?.element;
        if (item.continues) {
          // The rest of a note printed at the page before: the note holds it, an anchor stands here
          // (`n`: which part), as the first part's does where it is printed.
          const part = (item.continues.continued ?? []).indexOf(item) + 2;
          if (!whole) throw new Error(`normalize: the note continued at ${item.start} was never written`);
          out.push(
            el('anchor', { type: 'note-continued', n: String(part), corresp: `#${whole.attrs['xml:id']}` }),
          );
          cursor = item.end;
          continue;
        }
        let labelAnchor: TeiElement | undefined;
        if (entry.labelApart) {
          // (its `corresp` is the note's id, known once the note is made, below)
          labelAnchor = el('anchor', { type: 'note-label' });
          out.push(labelAnchor);
          cursor = item.start + entryLabel(list.style, labelOf(item), listTemplate).trimEnd().length;
          gapTo(item.offset);
        }
        let note = entry.element;
        if (ref && !note) {
          // Its reference ended up inside other markup, or after this place, and was not written.
          ctx.anchors.delete(ref.offset);
          ctx.diag.warn(
            'footnote-unanchored',
            `the reference to note ${labelOf(item)} is inside other markup; the note is kept where it is printed`,
            ctx.positions.at(ref.offset),
          );
        }
        if (note && ref) out.push(el('anchor', { type: 'note', corresp: `#${note.attrs['xml:id']}` }));
        else {
          note = element(entry, ownRefs(list) ? numberOf({ ...entry, ref: null }) : labelOf(item), false);
          out.push(note);
        }
        if (labelAnchor) labelAnchor.attrs.corresp = `#${note.attrs['xml:id']}`;
        cursor = item.end;
        const close = entryClose(list.style);
        if (item.close !== undefined && close) {
          if (entry.closeApart) {
            gapTo(item.close);
            out.push(el('anchor', { type: 'note-close', corresp: `#${note.attrs['xml:id']}` }));
          }
          cursor = item.close + close.length;
        }
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

/**
 * A note that opens with the verse it quotes (note-verse.ts): its first lines a line group in a
 * quotation, a line each, then the rest of its text as printed.
 */
function withVerse(ctx: InlineContext, item: NoteItem, count: number): TeiNode[] {
  const lines: Span[] = [];
  let at = item.offset;
  for (const text of item.text.split('\n')) {
    const lead = text.length - text.trimStart().length;
    lines.push({ text: text.trim(), offset: at + lead });
    at += text.length + 1;
  }
  const verse = lines.slice(0, count);
  const inline = (s: Span): TeiNode[] => ctx.inline(s.offset, s.offset + s.text.length);
  const out: TeiNode[] = [el('quote', {}, [el('lg', {}, linesOf(verse, inline, ctx))])];
  const last = verse.at(-1) as Span;
  const rest = lines[count];
  if (rest) {
    out.push(...layout(between(ctx, last.offset + last.text.length, rest.offset)));
    out.push(...ctx.inline(rest.offset, item.offset + item.text.length));
  }
  return out;
}
