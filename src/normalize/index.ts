import { basename } from 'node:path';
import { type Diagnostic, DiagnosticBag } from '../diagnostics.ts';
import type { DocumentMeta, DocumentOverrides, EditionMeta, StatedSource } from '../meta.ts';
import { documentStandOff } from '../register/standoff.ts';
import type { Register } from '../register/types.ts';
import { documentHeader } from '../tei/header.ts';
import { block, el, type TeiElement } from '../tei/node.ts';
import { assembleDiv } from './assemble.ts';
import { refSpans } from './blocks.ts';
import { cutouts } from './cutouts.ts';
import { type Conventions, declaredInlineRules, declaredNoteList, declaredRenditions } from './declared.ts';
import { decodeSource } from './decode.ts';
import { detectFamilies } from './families.ts';
import { type Anchor, IdAllocator, type InlineContext, parseInline } from './inline.ts';
import { PositionMap, splitLines } from './lines.ts';
import { anchorMentions } from './mentions.ts';
import { documentMeta } from './metadata.ts';
import { setNotes } from './notes.ts';
import type { FamilyId } from './rule.ts';
import { findSuspects } from './rules/damage.ts';
import { anchorInlineFootnotes } from './rules/inline-footnote.ts';
import { anchorCorrections, type Correction } from './rules/manifest-correction.ts';
import type { NoteStyle } from './rules/note-list.ts';
import { findPairedLists } from './rules/note-pairing.ts';
import { isPageFormLine } from './rules/page-forms.ts';
import { activeRules } from './rules/registry.ts';
import { anchorSourceNoteTails } from './rules/source-note-tail.ts';
import { segment } from './segment.ts';
import { documentSource } from './source-record.ts';
import { assignStableIds } from './stable-ids.ts';

export type { Correction } from './rules/manifest-correction.ts';

export interface NormalizeOptions {
  file: string; // as shown in diagnostics
  /** The source's name relative to the sources folder, as the TEI states it (default: the file's base name). */
  name?: string;
  /** The day of the build (SOURCE_DATE_EPOCH), ISO 8601, for the revisionDesc; none when unknown. */
  buildDate?: string;
  /** The manifest's `source` object for this document: overrides what the text says of its source. */
  sourceRecord?: StatedSource;
  id: string; // xml:id of the document (an NCName)
  edition: EditionMeta;
  overrides?: DocumentOverrides;
  corrections?: Correction[];
  /** The edition's register: mentions of its persons become `persName ref="#id"`. */
  register?: Register;
  /** The conventions the manifest states for this document: its families, a house style it declares. */
  conventions?: Conventions;
}

export interface NormalizedDocument {
  meta: DocumentMeta;
  tei: TeiElement;
  diagnostics: Diagnostic[];
  /** Each paragraph's first line in the source and its xml:id, in order: where a diagnostic's paragraph is. */
  paragraphs: [number, string][];
}

/** The families that list their notes at the end in these line styles. */
const LIST_STYLES: [NoteStyle, FamilyId][] = [
  ['spaced', 'documentary-edition'],
  ['paren', 'documentary-edition'],
  ['footnote-line', 'generic'],
];

/** A FRUS page marker alone on a line. */
const PAGE_ONLY = /^\[(?:Facsimile )?Page(?: [^\]]*)?\]$/;

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
  // The document's conventions: its families' rules read it, no others.
  const conventions = options.conventions;
  const { families, evidence } = detectFamilies(text, conventions?.families, lines);
  for (const [family, signs] of evidence)
    diag.add('info', 'conventions', `${family}: ${signs.join(', ')}`, { line: 1, column: 1 });
  const rules = activeRules(families);
  // a house style the manifest declares reads first: its signs mean what it says they mean
  const inlineRules = [...declaredInlineRules(options.id, conventions), ...rules.inline];
  const ctx: InlineContext = {
    source: text,
    diag,
    positions,
    ids,
    anchors,
    inline: (start, end) => parseInline(ctx, inlineRules, start, end),
    pageOnly: (line) => PAGE_ONLY.test(line.trim()) || isPageFormLine(line, families),
  };

  const { blocks, notes } = segment(lines, {
    body: rules.block,
    pageOnly: ctx.pageOnly,
    cutouts: (ls) => cutouts(ls, text, families),
    listStyles: LIST_STYLES.flatMap(([style, family]) => (families.has(family) ? [style] : [])),
    declaredList: (ls) => declaredNoteList(ls, conventions?.noteList),
    pairedLists: (ls, places) => findPairedLists(ls, text, places),
  });
  // (each span's own characters: a hard-wrapped paragraph's span text stands for its first and
  // last lines only, and a reference may be on any line)
  // an OCR'd book shows itself by its page furniture, not by a sign: said as the other families are
  const furniture = blocks.filter((b) => b.kind === 'furniture');
  // (a Wikisource page's folio is the page's own, said by the wikisource family's signs)
  if (furniture.length && !evidence.has('ocr-book') && !families.has('wikisource')) {
    const heads = furniture.filter((b) => b.kind === 'furniture' && b.role === 'header').length;
    diag.add(
      'info',
      'conventions',
      `ocr-book: ${heads} running heads, ${furniture.length - heads} folios and signatures`,
      {
        line: 1,
        column: 1,
      },
    );
  }
  const spans = blocks
    .flatMap(refSpans)
    .map((s) => ({ text: text.slice(s.offset, s.offset + s.text.length), offset: s.offset }));
  const sourceNote = blocks.some((b) => b.kind === 'source');
  const noteSetter = setNotes(
    ctx,
    notes,
    spans,
    sourceNote,
    conventions ? { id: options.id, conventions } : undefined,
  );
  if (families.has('documentary-edition')) anchorSourceNoteTails(ctx, spans);
  if (families.has('gutenberg')) anchorInlineFootnotes(ctx, spans);
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

  const div = assembleDiv(blocks, ctx, noteSetter, { type: 'document', 'xml:id': options.id });
  assignStableIds(div, ids);
  const meta = documentMeta(
    div,
    { id: options.id, file: options.name ?? basename(options.file), language: options.edition.language },
    options.overrides ?? {},
  );
  const textElement = el('text', {}, [block('body', {}, [div])]);
  const source = documentSource(
    div,
    options.edition.sourceEdition,
    options.sourceRecord,
    options.overrides?.source,
  );
  // The register entries the text points at, in the document's own file: it stands alone (in the
  // edition's teiCorpus the corpus's standOff holds them once: composeCorpus leaves these out).
  const standOff = options.register ? documentStandOff(options.register.entries, textElement) : undefined;
  const tei = block('TEI', { 'xml:lang': meta.language }, [
    documentHeader(meta, options.edition, {
      source,
      text: textElement,
      buildDate: options.buildDate,
      renditions: declaredRenditions(options.id, conventions),
    }),
    ...(standOff ? [standOff] : []),
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
