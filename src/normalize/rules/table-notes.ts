import type { Line } from '../lines.ts';
import type { NoteItem, NoteList } from '../note-types.ts';
import type { Rule } from '../rule.ts';

/** A table's lettered note on a line of its own: the letter, a space, a sentence (`a These four citizen prisoners …`). */
const NOTE = /^(\s{0,4})([a-h]) (?=\p{Lu})(\S.*)$/u;

/** How far above its note a table's row may print the letter. */
const ROWS_ABOVE = 30;

/**
 * The letter's mark in a row of the table above: a word of its own set before a figure (`... a 4`,
 * a return's cell that the note explains), the nearest to the note.
 */
function markAbove(
  lines: Line[],
  first: number,
  letter: string,
): { offset: number; label: string; length: number } | undefined {
  const re = new RegExp(`(?<=\\s)${letter}(?= \\d)`, 'g');
  for (let k = first - 1; k >= 0 && k >= first - ROWS_ABOVE; k--) {
    const line = lines[k] as Line;
    if (line.text.trim() === '') return undefined;
    const found = [...line.text.matchAll(re)].at(-1);
    if (found) return { offset: line.offset + (found.index ?? 0), label: letter, length: 1 };
  }
  return undefined;
}

/**
 * Rule `table-note`: a table's notes lettered `a`, `b`, … on lines of their own right under its
 * rows, as government volumes print returns and abstracts (the Official Records' `a These four
 * citizen prisoners were subsequently released …` under a return whose last row prints `... a 4`).
 * Each is a `note place="foot"` at its letter in a row above (a word of its own before a figure,
 * the rows above the notes with no blank line between), an `anchor` where it is printed. Only a
 * run that starts at `a` and goes on `b`, `c`, each letter found in the rows: a line that opens
 * with the article `a` and a name (`a Frenchman …`) has no such mark above it and stays text.
 */
export function findTableNotes(lines: Line[]): NoteList[] {
  const out: NoteList[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (NOTE.exec((lines[i] as Line).text)?.[2] !== 'a') continue;
    const items: NoteItem[] = [];
    let k = i;
    for (; k < lines.length; k++) {
      const line = lines[k] as Line;
      const m = NOTE.exec(line.text);
      const letter = String.fromCharCode(97 + items.length);
      if (!m || m[2] !== letter) break;
      const ref = markAbove(lines, i, letter);
      if (!ref) break;
      const lead = (m[1] ?? '').length;
      const text = (m[3] ?? '').trimEnd();
      const offset = line.offset + lead + 2;
      items.push({
        listNumber: 0,
        label: letter,
        text,
        offset,
        line,
        start: line.offset + lead,
        end: offset + text.length,
        ref,
      });
    }
    if (items.length === 0) continue;
    out.push({ style: 'page-foot', items, firstLine: i, endLine: k, inText: true });
    i = k - 1;
  }
  return out;
}

/** Rule `table-note`: its notes are printed back by rules `note-list` and `footnote-ref`. */
export const tableNote: Rule = { id: 'table-note', family: 'generic' };
