import type { Line } from '../lines.ts';
import type { NoteList } from '../note-types.ts';
import { listedVerse } from './verse-numbers.ts';

/*
 * What makes a numbered run at a document's end no note list (rule `note-list`'s precision
 * guards): the text's own enumeration, or verse set as an ordered list.
 */

/**
 * Whether the text just above a numbered list introduces it, its last line ending in a colon or a
 * dash (`insert (" Provided further that any Bill—` / `  1. "(a) which …`): the list goes on the
 * sentence, the text's own enumeration (a bill's provisos, a treaty's articles), not notes. A
 * document's notes follow its end: a finished sentence, a signature.
 */
export function introduced(lines: Line[], firstLine: number): boolean {
  for (let k = firstLine - 1; k >= 0; k--) {
    const text = (lines[k] as Line).text.trim();
    if (text) return /[:—–-]$/.test(text);
  }
  return false;
}

/** A reference to note 1 as a text prints it: `[1]`, `(1)`, `¹`, or the number glued to a word or a stop (`French.1`). */
const FIRST_REFERENCE = /\[1\]|\(1\)|¹|[\p{L}\p{P}]1(?!\d)/u;
/** A heading over a list of notes (`Notes`, `Footnotes:`, `ENDNOTES`). */
const NOTES_HEADING = /^(?:foot|end)?notes?\b/i;

/**
 * Whether a numbered list is verse a web page sets as an ordered list (rule `verse`, see
 * `listedVerse`), not notes: its lines read as verse lines, and nothing marks them as notes — no
 * `Notes` heading above them, no reference to the first anywhere in the text.
 */
export function versesNotNotes(lines: Line[], list: NoteList): boolean {
  if (!listedVerse(list.items.map((it) => it.line.text))) return false;
  const above = lines.slice(0, list.firstLine).map((l) => l.text.trim());
  const heading = above.filter(Boolean).at(-1) ?? '';
  return !NOTES_HEADING.test(heading) && !above.some((t) => FIRST_REFERENCE.test(t));
}
