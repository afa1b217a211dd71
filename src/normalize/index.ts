import { basename } from 'node:path';
import { type Diagnostic, DiagnosticBag } from '../diagnostics.ts';
import type { DocumentMeta, DocumentOverrides, EditionMeta, SourceRecord } from '../meta.ts';
import type { Register } from '../register/types.ts';
import { documentHeader } from '../tei/header.ts';
import { block, el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { assembleDiv } from './assemble.ts';
import { refSpans, type Span } from './blocks.ts';
import { decodeSource } from './decode.ts';
import { type Anchor, IdAllocator, type InlineContext, parseInline } from './inline.ts';
import { PositionMap, splitLines } from './lines.ts';
import { anchorMentions } from './mentions.ts';
import { documentMeta } from './metadata.ts';
import { findSuspects } from './rules/damage.ts';
import { findRefCandidates, pairMarked, pairRefs, type RefCandidate } from './rules/footnote-refs.ts';
import { INLINE_RULES } from './rules/index.ts';
import { MARKED_STYLES, type NoteList } from './rules/note-list.ts';
import { segment } from './segment.ts';
import { documentSource } from './source-record.ts';
import { assignStableIds } from './stable-ids.ts';

export interface Correction {
  sic: string;
  corr: string;
}

export interface NormalizeOptions {
  file: string; // as shown in diagnostics
  /** The source's name relative to the sources folder, as the TEI states it (default: the file's base name). */
  name?: string;
  /** The day of the build (SOURCE_DATE_EPOCH), ISO 8601, for the revisionDesc; none when unknown. */
  buildDate?: string;
  /** The manifest's `source` object for this document: overrides what the text says of its source. */
  sourceRecord?: SourceRecord;
  id: string; // xml:id of the document (an NCName)
  edition: EditionMeta;
  overrides?: DocumentOverrides;
  corrections?: Correction[];
  /** The edition's register: mentions of its persons become `persName ref="#id"`. */
  register?: Register;
}

export interface NormalizedDocument {
  meta: DocumentMeta;
  tei: TeiElement;
  diagnostics: Diagnostic[];
  /** Each paragraph's first line in the source and its xml:id, in order: where a diagnostic's paragraph is. */
  paragraphs: [number, string][];
}

/** A document id from a file name: an XML name, unique enough, stable across builds. */
export function documentId(basename: string): string {
  const cleaned = basename.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `d${cleaned}`;
}

/** Plain text → one complete TEI document (teiHeader + text), with the diagnostics met on the way. */
export function normalize(bytes: Uint8Array, options: NormalizeOptions): NormalizedDocument {
  const diag = new DiagnosticBag(options.file);
  const text = decodeSource(bytes, diag);
  if (text.trim() === '') diag.warn('empty-source', 'the source has no text', { line: 1, column: 1 });
  const lines = splitLines(text);
  const positions = new PositionMap(lines);
  const ids = new IdAllocator(options.id);
  const anchors = new Map<number, Anchor>();
  const ctx: InlineContext = {
    source: text,
    diag,
    positions,
    ids,
    anchors,
    inline: (start, end) => parseInline(ctx, INLINE_RULES, start, end),
  };

  const { blocks, notes } = segment(lines);
  const spans = blocks.flatMap(refSpans);
  const sourceNote = blocks.some((b) => b.kind === 'source');
  const marked = notes && MARKED_STYLES.has(notes.style);
  const kept = notes
    ? anchorNotes(ctx, notes, marked ? [] : findRefCandidates(spans), sourceNote, marked ? spans : null)
    : () => [];
  const corrected = anchorCorrections(ctx, options.corrections ?? [], Boolean(options.edition.editor));
  if (options.register) anchorMentions(ctx, options.register, blocks);
  for (const s of findSuspects(spans)) {
    if (corrected.has(s.offset)) continue;
    diag.warn(
      'ocr-suspect',
      `"${s.word}": ${s.why}; correct it in the manifest if it is an error`,
      positions.at(s.offset),
    );
  }

  const div = assembleDiv(blocks, ctx, { type: 'document', 'xml:id': options.id });
  for (const note of kept()) div.children.push(note, '\n');
  assignStableIds(div, ids);
  const meta = documentMeta(
    div,
    { id: options.id, file: options.name ?? basename(options.file), language: options.edition.language },
    options.overrides ?? {},
  );
  const textElement = el('text', {}, [block('body', {}, [div])]);
  const source = documentSource(div, meta, options.edition.sourceEdition, options.sourceRecord);
  const tei = block('TEI', { 'xml:lang': meta.language }, [
    documentHeader(meta, options.edition, { source, text: textElement, buildDate: options.buildDate }),
    textElement,
  ]);
  return { meta, tei, diagnostics: diag.items, paragraphs: paragraphLines(div) };
}

function paragraphLines(div: TeiElement): [number, string][] {
  const out: [number, string][] = [];
  const visit = (e: TeiElement): void => {
    if (e.name === 'p' && e.line && e.attrs['xml:id']) out.push([e.line, e.attrs['xml:id']]);
    for (const c of e.children) if (typeof c !== 'string') visit(c);
  };
  visit(div);
  return out;
}

/**
 * Pins each listed note to its reference. Returns, to call once the text is assembled, the notes
 * to keep at the end of the document: those no reference was found for, and any whose reference
 * ended up inside other markup and so was never written. No listed note is ever dropped.
 */
function anchorNotes(
  ctx: InlineContext,
  notes: NoteList,
  candidates: RefCandidate[],
  sourceNote: boolean,
  markedSpans: Span[] | null,
): () => TeiElement[] {
  const { anchors } = markedSpans
    ? pairMarked(markedSpans, notes.style, notes.items)
    : pairRefs(candidates, notes.items, { sourceNote, exact: notes.style === 'glued' });
  // `rend` records what the reading order and @n cannot tell `recto text`: the number the list
  // printed when it is not the reference's (a list numbered 1, 1, 3 or from 47), and the place in
  // the list of a note no reference was found for (it is kept at the end of the document).
  const noteElement = (k: number, n: string, anchored: boolean): TeiElement => {
    const item = notes.items[k];
    // A note of several paragraphs (web copies' `- …` / `…↩`) has a `p` for each.
    const content: TeiNode[] = !item
      ? []
      : item.paragraphs
        ? item.paragraphs.map((p) => el('p', {}, ctx.inline(p.offset, p.offset + p.text.length)))
        : ctx.inline(item.offset, item.offset + item.text.length);
    const rend = [
      notes.style === 'arrow' ? 'arrow' : '',
      notes.style !== 'arrow' && notes.style !== 'numbered' ? `mark-${notes.style}` : '',
      item?.open ? 'arrow-open' : '',
      notes.style === 'numbered' && item && String(item.listNumber) !== n
        ? `list-number:${item.listNumber}`
        : '',
      anchored ? '' : `list-position:${k + 1}`,
    ].filter(Boolean);
    return el(
      'note',
      {
        place: 'foot',
        n,
        // From the number as printed (`fn47` for note 47), not from the note's place in the list.
        'xml:id': ctx.ids.take(`fn${n}`),
        rend: rend.length ? rend.join(' ') : undefined,
      },
      content,
    );
  };
  const unanchored: TeiElement[] = [];
  const chosen = new Set<RefCandidate>();
  const written = new Set<number>();
  anchors.forEach((c, k) => {
    const item = notes.items[k];
    if (c) {
      chosen.add(c);
      ctx.anchors.set(c.offset, {
        length: c.length ?? c.label.length,
        nodes: () => {
          written.add(k);
          return [noteElement(k, c.label, true)];
        },
      });
    } else if (item) {
      ctx.diag.warn(
        'footnote-unanchored',
        `note ${item.listNumber} has no reference in the text; kept at the end of the document`,
        ctx.positions.at(item.line.offset),
      );
      const note = noteElement(k, item.label ?? String(item.listNumber), false);
      note.attrs.type = 'unanchored';
      unanchored.push(note);
    }
  });
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
  return () => {
    const swallowed: TeiElement[] = [];
    anchors.forEach((c, k) => {
      const item = notes.items[k];
      if (!c || !item || written.has(k)) return;
      ctx.diag.warn(
        'footnote-unanchored',
        `the reference to note ${item.listNumber} is inside other markup; the note is kept at the end of the document`,
        ctx.positions.at(c.offset),
      );
      const note = noteElement(k, item.label ?? String(item.listNumber), false);
      note.attrs.type = 'unanchored';
      swallowed.push(note);
    });
    return [...unanchored, ...swallowed];
  };
}

/** Manifest corrections (`{ "sic": "IPRACTICAL", "corr": "PRACTICAL" }`) → choice/sic/corr at every occurrence. */
function anchorCorrections(ctx: InlineContext, corrections: Correction[], editor: boolean): Set<number> {
  const at = new Set<number>();
  for (const { sic, corr } of corrections) {
    let found = false;
    for (let i = ctx.source.indexOf(sic); i !== -1 && sic; i = ctx.source.indexOf(sic, i + sic.length)) {
      if (ctx.anchors.has(i)) continue;
      found = true;
      at.add(i);
      ctx.anchors.set(i, {
        length: sic.length,
        nodes: () => [
          el('choice', {}, [
            el('sic', {}, [sic]),
            // Credited to the edition's editor, who asked for it in the manifest, not to the software.
            el('corr', { type: 'editorial', resp: editor ? ctx.ids.resp('editor') : undefined }, [corr]),
          ]),
        ],
      });
    }
    if (!found)
      ctx.diag.warn('correction-not-found', `manifest correction "${sic}" does not occur in the text`, {
        line: 1,
        column: 1,
      });
  }
  return at;
}
