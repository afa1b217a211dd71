import type { Line } from './lines.ts';

/**
 * How the list prints its notes: `  1. …`, `- …↩`, or (web and typed copies) `/1/ …`, `[1] …`,
 * `* …` (marked: the reference prints the same mark), and a number alone on a line under a rule of
 * underscores, the note on the lines after it (alone); an OCR page's foot, the number glued to
 * the note (`1The papers included …`: glued).
 */
export type NoteStyle =
  | 'numbered'
  | 'arrow'
  | 'slash'
  | 'bracket'
  | 'fn-hash' // `[FN#3] …` (Project Gutenberg's old footnotes): references `[FN#3]` in the text
  | 'symbol'
  | 'alone'
  | 'glued'
  | 'footnote-block' // `[Footnote 1: …]` (Project Gutenberg), where the text prints it
  | 'note-block' // `[Note 2: 2 …]` (the Library of Congress), after its paragraph
  | 'footnote-line' // `Footnote 1: …` (a web page's notes)
  | 'spaced' // `1 See John Adams …` (a documentary edition's web text: the number, a space)
  | 'paren' // `(1) …` with `(1)` glued to the words it notes
  | 'closing-paren' // `1) …` (rule `note-pairing`)
  | 'superscript' // `¹ …` with `¹` glued to the words it notes
  | 'keyed' // `1, 2. …` under a NOTES heading: keyed by the verses they explain, not by marks
  | 'page-foot' // an OCR'd page's foot: `1 See Desruelles …`, numbered from 1 on each page
  | 'declared'; // a house style the manifest declares (declared.ts)

/** A stretch of the source: one line of a note, without its markers. */
export interface NoteSpan {
  text: string;
  offset: number; // in the decoded source
}

export interface NoteItem {
  listNumber: number; // the number printed in the list (numbered style) or its ordinal (arrow style)
  text: string; // the note text without its list marker (its first paragraph)
  offset: number; // of `text` in the decoded source
  line: Line;
  /** Where the entry starts in the source: its label (`1.`, `/1/`, `- `). */
  start: number;
  /** Where its text ends (its last paragraph's end). */
  end: number;
  /** An arrow note's closing `↩`: where it is printed. */
  close?: number;
  /** An arrow note of several paragraphs: every paragraph (the first is `text`). */
  paragraphs?: NoteSpan[];
  /** An arrow note printed without its closing `↩` (the list's last). */
  open?: boolean;
  /** A marked note's label as printed, without the mark's slashes or brackets (`1`, `*`). */
  label?: string;
  /** Its reference, where the rule that found the note found it too (a page-foot note's, on its page). */
  ref?: { offset: number; label: string; length: number };
  /** The parts of the note printed at the feet of the pages after (a note continued over the page). */
  continued?: NoteItem[];
  /** This entry is not a note: it is the rest of `continues`, printed at the next page's foot. */
  continues?: NoteItem;
  /** How many of its first lines are verse it quotes (a line group: note-verse.ts). */
  verse?: number;
}

export interface NoteList {
  style: NoteStyle;
  items: NoteItem[];
  firstLine: number; // index of the list's first line
  endLine: number; // index after the list's last line
  /** Notes printed where the text prints them (a block after its paragraph), not listed at the end. */
  inText?: boolean;
  /** Keyed notes printed at a page's foot (footnotes), not in a notes section at the end. */
  atFoot?: boolean;
  /** A reference must print its note's own number (the list is no web copy's renumbering). */
  ownNumbers?: boolean;
  /** The rule that found the list found each note's reference too (`item.ref`): a page's foot, a pairing. */
  refsFound?: boolean;
  /** How the text refers to them, when not as the style does: their numbers in brackets. */
  refs?: 'bracket' | 'paren' | 'superscript';
}

/**
 * A keyed note's entry (`7.2. 'A sacred …'`, `1, 2. …`): its key as the label, `indent` the
 * spaces before the key, its first paragraph `span`; keyed notes have no list number.
 */
export function keyedItem(line: Line, label: string, indent: string, span: NoteSpan): NoteItem {
  return {
    listNumber: 0,
    label,
    text: span.text,
    offset: span.offset,
    line,
    start: line.offset + indent.length,
    end: span.offset + span.text.length,
    paragraphs: [span],
  };
}
