import { el, type TeiElement } from '../../tei/node.ts';
import type { InlineContext } from '../inline.ts';
import { printer, type Rule, rendTokens } from '../rule.ts';
import type { Span } from './footnote-refs.ts';

/**
 * Rule `source-note-tail` (documentary editions whose printed volume a site flattened, a document
 * a paragraph: Naval Documents of the American Revolution as docslib gives it): the notes the
 * edition prints after each document, its source first (`1. PRO, Colonial Office, 137/71, Part I.`
 * — the archive, its initials), run on at the end of the document's paragraph, numbered from 1
 * (`… Jany 28th - 1776 1. Bartlett Papers, No. 5747, BHS. 2. The corrected names are taken …`).
 * Each is a `note place="foot"`: at its reference where the text prints one, the number glued to a
 * word (the source note's on the document's title at the paragraph's start, `Milf ord1`; another's
 * after the one before it, `morrow3`), an anchor left where it is printed; else kept where it is
 * printed (`type="unanchored"`, the OCR lost its mark), with a warning.
 */

/** The first note names the document's source: an archive's initials (`PRO`, `BHS`, `LC`) or papers. */
const SOURCE = /\b[A-Z]{2,6}\b|\bPapers\b/;
/**
 * The document's title, in capitals, begins its paragraph (`MASTER'S LOGOF H.M.S. Milf ord1`): the
 * source note's mark stands in its first characters, as far as `TITLE` reaches.
 */
const CAPITALS = /^["“]?\p{Lu}[\p{Lu}'’.]+(?: [\p{Lu}'’.]+)+/u;
const TITLE = 120;
const MAX_NOTE = 300;

interface TailNote {
  n: number;
  /** The entry (`1. text`), and its text. */
  start: number;
  textStart: number;
  end: number;
  ref?: number;
}

/** The notes that end a paragraph's text, from its first `1. ` on which the rest is notes only. */
function tailOf(span: Span): TailNote[] | undefined {
  const { text, offset } = span;
  for (const m of text.matchAll(/(?<=\s)1\. (?=\p{Lu})/gu)) {
    const at = m.index ?? 0;
    if (!text.slice(0, at).trim()) continue;
    const notes: TailNote[] = [];
    let from = at;
    for (let n = 1; ; n++) {
      const next = new RegExp(`\\s(${n + 1})\\. (?=\\p{Lu})`, 'u').exec(text.slice(from));
      const end = next ? from + (next.index ?? 0) : text.trimEnd().length;
      const body = text.slice(from + `${n}. `.length, end);
      if (body.length > MAX_NOTE || !/[.)]$/.test(body)) break;
      notes.push({ n, start: offset + from, textStart: offset + from + `${n}. `.length, end: offset + end });
      if (!next) return SOURCE.test(text.slice(at, notes[0]?.end)) ? notes : undefined;
      from = end + 1;
    }
  }
  return undefined;
}

/** Each note's reference: its number glued to a word of letters, in order (the first on the title). */
function pairTail(span: Span, notes: TailNote[]): void {
  const first = notes[0] as TailNote;
  let after = span.offset;
  for (const note of notes) {
    const re = new RegExp(`(?<=[\\s(][\\p{L}'’]*\\p{Ll})${note.n}(?=[\\s.,;:])`, 'gu');
    const before = span.text.slice(0, first.start - span.offset);
    const found = [...before.matchAll(re)].map((m) => span.offset + (m.index ?? 0)).find((o) => o > after);
    if (found === undefined) continue;
    if (note.n === 1 && (!CAPITALS.test(span.text) || found - span.offset > TITLE)) continue;
    note.ref = found;
    after = found;
  }
}

/** Pins each tail's notes (at their references and where printed) for the inline pass. */
export function anchorSourceNoteTails(ctx: InlineContext, spans: Span[]): void {
  for (const span of spans) {
    const notes = tailOf(span);
    // (nothing another rule pinned already: a note list's reference, a correction)
    if (!notes || notes.some((n) => ctx.anchors.has(n.start))) continue;
    pairTail(span, notes);
    const made = new Map<TailNote, TeiElement>();
    const noteOf = (note: TailNote): TeiElement => {
      let e = made.get(note);
      if (!e) {
        e = el(
          'note',
          {
            place: 'foot',
            n: String(note.n),
            'xml:id': ctx.ids.take(`fn${note.n}`),
            type: note.ref === undefined ? 'unanchored' : undefined,
            rend: 'source-tail',
          },
          ctx.inline(note.textStart, note.end),
        );
        made.set(note, e);
      }
      return e;
    };
    for (const note of notes)
      if (note.ref !== undefined)
        ctx.anchors.set(note.ref, { length: String(note.n).length, nodes: () => [noteOf(note)] });
      else
        ctx.diag.warn(
          'footnote-unanchored',
          `note ${note.n} has no reference in the text; kept where it is printed`,
          ctx.positions.at(note.start),
        );
    const start = (notes[0] as TailNote).start;
    const end = (notes.at(-1) as TailNote).end;
    ctx.anchors.set(start, {
      length: end - start,
      nodes: () =>
        notes.flatMap((note, k) => {
          const gap = k === 0 ? [] : [ctx.source.slice((notes[k - 1] as TailNote).end, note.start)];
          if (note.ref !== undefined && !made.has(note)) {
            // its reference ended up inside other markup and was never written: kept here
            ctx.anchors.delete(note.ref);
            note.ref = undefined;
          }
          const e = noteOf(note);
          const here =
            note.ref === undefined
              ? e
              : el('anchor', { type: 'note', rend: 'source-tail', corresp: `#${e.attrs['xml:id']}` });
          return [...gap, here];
        }),
    });
  }
}

const tail = (e: TeiElement): boolean => rendTokens(e).includes('source-tail');

/**
 * The rule's inverse: a note where it is printed prints its entry (`1. text`); at its reference,
 * its number; the anchor it left where it is printed, its entry.
 */
export const sourceNoteTail: Rule = {
  id: 'source-note-tail',
  family: 'documentary-edition',
  unparse: [
    printer(
      'note',
      (e) => tail(e),
      (e, ctx) =>
        e.attrs.type === 'unanchored' ? `${e.attrs.n}. ${ctx.print(e.children)}` : (e.attrs.n ?? ''),
    ),
    printer(
      'anchor',
      (e) => tail(e),
      (e, ctx) => {
        const note = ctx.note((e.attrs.corresp ?? '').replace(/^#/, ''));
        return note ? `${note.attrs.n}. ${ctx.print(note.children)}` : '';
      },
    ),
  ],
};
