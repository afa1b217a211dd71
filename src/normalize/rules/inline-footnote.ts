import { el, type TeiElement } from '../../tei/node.ts';
import type { InlineContext } from '../inline.ts';
import type { Rule } from '../rule.ts';
import type { Span } from './footnote-refs.ts';

/** A footnote block's opening inside a paragraph, at its start or after a word space: `[Footnote 1: `. */
const OPEN = /(?<=^|\s)\[Footnote ([\w*†‡§]{1,4}): /g;

interface InlineNote {
  label: string;
  /** The block (`[Footnote 1: … ]`), its text, and its closing bracket. */
  start: number;
  textStart: number;
  close: number;
  /** Its reference, `[1]`, nearest before it in the paragraph. */
  ref?: number;
}

/** Where the block opened at `from` closes: its brackets balanced (a note may quote `[sic]`), or -1. */
function closeOf(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    if (text[k] === '[') depth++;
    else if (text[k] === ']' && --depth === 0) return k;
  }
  return -1;
}

/** The paragraph's blocks, each with the nearest `[label]` before it that no other rule has taken. */
function blocksOf(ctx: InlineContext, span: Span): InlineNote[] {
  const out: InlineNote[] = [];
  const taken = new Set<number>();
  for (const m of span.text.matchAll(OPEN)) {
    const at = m.index ?? 0;
    const close = closeOf(span.text, at);
    // (nothing another rule pinned already: a block whose start a note list holds)
    if (close === -1 || ctx.anchors.has(span.offset + at)) continue;
    const label = m[1] ?? '';
    const mark = `[${label}]`;
    let ref: number | undefined;
    for (let k = span.text.lastIndexOf(mark, at); k !== -1; k = span.text.lastIndexOf(mark, k - 1)) {
      const offset = span.offset + k;
      if (
        !taken.has(offset) &&
        !ctx.anchors.has(offset) &&
        !out.some((n) => n.start <= offset && offset < n.close)
      ) {
        ref = offset;
        break;
      }
      if (k === 0) break;
    }
    if (ref !== undefined) taken.add(ref);
    out.push({
      label,
      start: span.offset + at,
      textStart: span.offset + at + m[0].length,
      close: span.offset + close,
      ref,
    });
  }
  return out;
}

/**
 * Rule `inline-footnote` (gutenberg): a footnote block set inside its paragraph, right after the
 * sentence that refers to it (Project Gutenberg's older e-texts, and reader sites that run a
 * chapter's lines into one paragraph: `… and Virginia[1]. [Footnote 1: The bulk of the Virginia
 * narratives …] The work of the Writers' Unit …`). Each is a `note place="foot"` set at its
 * reference (`[1]` before it in the paragraph, the nearest not taken), an `anchor` left where it is
 * printed (printed back by rule `note-list` as `[Footnote 1: …]`); with no reference in its
 * paragraph, kept where it is printed (`type="unanchored"`), with a warning. A block on lines of
 * its own is rule `note-block`'s.
 */
export function anchorInlineFootnotes(ctx: InlineContext, spans: Span[]): void {
  for (const span of spans) {
    for (const note of blocksOf(ctx, span)) {
      let made: TeiElement | undefined;
      const noteOf = (anchored: boolean): TeiElement => {
        made ??= el(
          'note',
          {
            place: 'foot',
            n: note.label,
            'xml:id': ctx.ids.take(`fn${note.label}`),
            type: anchored ? undefined : 'unanchored',
            rend: 'footnote-block',
          },
          ctx.inline(note.textStart, note.close),
        );
        return made;
      };
      if (note.ref !== undefined)
        ctx.anchors.set(note.ref, { length: note.label.length + 2, nodes: () => [noteOf(true)] });
      else
        ctx.diag.warn(
          'footnote-unanchored',
          `note ${note.label} has no reference in its paragraph; kept where it is printed`,
          ctx.positions.at(note.start),
        );
      ctx.anchors.set(note.start, {
        length: note.close + 1 - note.start,
        nodes: () => {
          if (note.ref !== undefined && !made) {
            // its reference ended up inside other markup and was never written: kept here
            ctx.anchors.delete(note.ref);
            ctx.diag.warn(
              'footnote-unanchored',
              `the reference to note ${note.label} is inside other markup; the note is kept where it is printed`,
              ctx.positions.at(note.ref),
            );
            return [noteOf(false)];
          }
          const e = noteOf(note.ref !== undefined);
          return note.ref === undefined
            ? [e]
            : [el('anchor', { type: 'note', corresp: `#${e.attrs['xml:id']}` })];
        },
      });
    }
  }
}

/** Rule `inline-footnote`: its elements are printed back by rules `note-list` and `footnote-ref`. */
export const inlineFootnote: Rule = { id: 'inline-footnote', family: 'gutenberg' };
