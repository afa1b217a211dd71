import type { BlockRule } from '../blocks.ts';
import { declared } from '../declared.ts';
import type { InlineRule } from '../inline.ts';
import type { FamilyId, Rule } from '../rule.ts';
import { autolink } from './autolink.ts';
import { blankParentheses } from './blank-parentheses.ts';
import { boilerplate } from './boilerplate.ts';
import { closing } from './closing.ts';
import { conjecture } from './conjecture.ts';
import { correction } from './correction.ts';
import { damage } from './damage.ts';
import { dateline } from './dateline.ts';
import { DEBATE_NOTES } from './debate-note.ts';
import { doubtfulReading, doubtfulReadingBracket } from './doubtful-reading.ts';
import { dpDiacritic } from './dp-diacritic.ts';
import { editorialAsterisks, editorialEllipsis } from './editorial-ellipsis.ts';
import { editorialInsertion, unclosedBracket } from './editorial-insertion.ts';
import { emphasis } from './emphasis.ts';
import { excerptEllipsis } from './excerpt-ellipsis.ts';
import { figure } from './figure.ts';
import { figureInline } from './figure-inline.ts';
import { FLATTENED_HEADS } from './flattened-head.ts';
import { FLATTENED_REPEATED_HEADS } from './flattened-repeated-head.ts';
import { footnoteRef } from './footnote-refs.ts';
import { formFeed } from './form-feed.ts';
import { gluedNote } from './glued-note.ts';
import { sidenote, thoughtBreak, underscoreItalic } from './gutenberg.ts';
import { hardWrap } from './hard-wrap.ts';
import { header } from './header.ts';
import { boldHeading, sectionHeading } from './heading.ts';
import { inlineFootnote } from './inline-footnote.ts';
import { keyedFootNote } from './keyed-foot-notes.ts';
import { keyedNotes } from './keyed-notes.ts';
import { lineEndHyphen } from './line-end-hyphen.ts';
import { list, listLabel } from './list.ts';
import { locRunningLine } from './loc-running-line.ts';
import { manifestCorrection } from './manifest-correction.ts';
import { noteBlock } from './note-blocks.ts';
import { noteList } from './note-list.ts';
import { notePairing } from './note-pairing.ts';
import { omission } from './omission.ts';
import { omissionRow } from './omission-row.ts';
import { OMISSION_SIGNS } from './omission-signs.ts';
import { pageFootNote } from './page-foot-notes.ts';
import { PAGE_FORMS } from './page-forms.ts';
import { pageFurniture } from './page-furniture.ts';
import { pageLabelRule } from './page-label.ts';
import { pageLine, pageMarker } from './page-marker.ts';
import { paragraph } from './paragraph.ts';
import { paragraphMerge } from './paragraph-merge.ts';
import { parallelCitation } from './parallel-citation.ts';
import { personNamesRule } from './person-names.ts';
import { quotation } from './quotation.ts';
import { runningHead } from './running-head.ts';
import { sourceNoteTail } from './source-note-tail.ts';
import { starPage } from './star-page.ts';
import { table } from './table.ts';
import { tableNote } from './table-notes.ts';
import { titleEllipsis } from './title-ellipsis.ts';
import { quotedVerse, verse } from './verse.ts';
import { listedVerseRule } from './verse-listed.ts';

/**
 * Every normalizer rule, in order (markdown-it's Ruler): the block rules in the order the body's
 * runs of lines are tried (the first that reads wins; `paragraph` reads anything), the inline
 * rules in the order tried at their trigger character (for `[`, the most specific reading wins),
 * and the document rules (header, closing, notes, references, names), which read the whole
 * document in their passes. `recto text` asks the rules, in this order, who wrote each element;
 * the golden test finds every rule here and fails for one without fixtures.
 */
export const BLOCK_RULES: BlockRule[] = [
  boldHeading,
  runningHead,
  listedVerseRule,
  quotedVerse,
  verse,
  table,
  hardWrap,
  list,
  listLabel,
  thoughtBreak,
  omissionRow,
  sectionHeading,
  quotation,
  paragraph,
];

export const INLINE_RULES: InlineRule[] = [
  unclosedBracket,
  pageMarker,
  ...PAGE_FORMS,
  locRunningLine,
  starPage,
  parallelCitation,
  gluedNote,
  ...DEBATE_NOTES,
  omission,
  figureInline,
  ...OMISSION_SIGNS,
  blankParentheses,
  editorialEllipsis,
  editorialAsterisks,
  excerptEllipsis,
  titleEllipsis,
  conjecture,
  doubtfulReading,
  doubtfulReadingBracket,
  dpDiacritic,
  correction,
  sidenote,
  editorialInsertion,
  emphasis,
  underscoreItalic,
  autolink,
  pageLine,
  formFeed,
  lineEndHyphen,
  ...FLATTENED_HEADS,
  ...FLATTENED_REPEATED_HEADS,
];

export const DOCUMENT_RULES: Rule[] = [
  header,
  closing,
  boilerplate,
  dateline,
  paragraphMerge,
  noteList,
  noteBlock,
  inlineFootnote,
  keyedNotes,
  keyedFootNote,
  figure,
  pageFurniture,
  pageLabelRule,
  pageFootNote,
  tableNote,
  notePairing,
  sourceNoteTail,
  footnoteRef,
  personNamesRule,
  manifestCorrection,
  damage,
];

// (a declared house style first: its elements are printed by its templates, whoever else could print them)
export const RULES: Rule[] = [declared, ...BLOCK_RULES, ...INLINE_RULES, ...DOCUMENT_RULES];

/** The rules that read a document of these families, in order. */
export function activeRules(families: ReadonlySet<FamilyId>): { block: BlockRule[]; inline: InlineRule[] } {
  return {
    block: BLOCK_RULES.filter((r) => families.has(r.family)),
    inline: INLINE_RULES.filter((r) => families.has(r.family)),
  };
}
