import type { Line } from '../lines.ts';
import type { NoteItem, NoteList } from '../note-types.ts';
import { spanAt } from './arrow-notes.ts';
import { endsMidSentence, startsMidSentence } from './paragraph-merge.ts';

/**
 * Note lists whose every label is a number alone on its line (rule `note-list`, style `alone`):
 * under a rule of underscores, or with no rule, a reader site's endnotes. Apart from note-list.ts,
 * which finds the other styles and prints every style back.
 */

const RULE = /^\s*_{5,}\s*$/;
const ALONE = /^\s*(\d{1,3})\s*$/;

/**
 * Under a rule of underscores, each note's number alone on a line and its text on the lines after
 * (a line each, until the next number). The rule stays in the text; the list starts at the first
 * number.
 */
export function aloneList(lines: Line[], lastIndex: number): NoteList | null {
  let rule = lastIndex;
  while (rule >= 0 && !RULE.test(lines[rule]?.text ?? '')) rule--;
  if (rule < 0) return null;
  return aloneRun(lines, rule + 1, lastIndex);
}

/** How many entries make a list of bare numbers with no rule above it. */
const BARE_MIN = 3;

/**
 * An e-book's endnotes as a reader site prints them, with no rule above: each note's number alone
 * on its line (`95`), a blank line, the note on one line, a blank line, the next number, to the
 * end of the text. Taken for notes only where the numbers follow one another, at least three, each
 * note a single line that no number interrupts mid-sentence (a page's folio alone on a line is set
 * between the halves of a sentence, as pages break the text, and a page, a numbered stanza or
 * section runs over lines).
 */
export function bareAloneList(lines: Line[], lastIndex: number): NoteList | null {
  const blank = (k: number): boolean => (lines[k]?.text.trim() ?? '') === '';
  let first = -1;
  let expected: number | undefined;
  let count = 0;
  for (let k = lastIndex; k >= 0; ) {
    // the note's paragraph: from k up to the blank line above it
    let top = k;
    while (top > 0 && !blank(top - 1)) top--;
    const label = top >= 2 && blank(top - 1) ? ALONE.exec(lines[top - 2]?.text ?? '') : null;
    // (a note a line, as a reader site sets it: numbered stanzas or sections run over lines)
    if (!label || !blank(top - 3) || top !== k) break;
    const number = Number(label[1]);
    if (expected !== undefined && number !== expected) break;
    expected = number - 1;
    first = top - 2;
    count++;
    k = top - 4;
    while (k >= 0 && blank(k)) k--;
  }
  if (count < BARE_MIN || first < 0) return null;
  const list = aloneRun(lines, first, lastIndex);
  if (!list) return null;
  const interrupted = list.items.some((it, k) => {
    const next = list.items[k + 1];
    return next && endsMidSentence(it.text) && startsMidSentence(next.text);
  });
  // (an e-book numbers its notes through the book: a reference prints the note's own number)
  return interrupted ? null : { ...list, ownNumbers: true };
}

/** From the first number (alone on its line), each number and the lines of its note after it. */
function aloneRun(lines: Line[], from: number, lastIndex: number): NoteList | null {
  const items: NoteItem[] = [];
  let joined = false; // the previous line was text of the current note, with no blank line between
  for (let i = from; i <= lastIndex; i++) {
    const line = lines[i] as Line;
    const wasJoined = joined;
    joined = false;
    if (line.text.trim() === '') continue;
    const number = ALONE.exec(line.text);
    const current = items.at(-1);
    if (number) {
      if (current && !current.text) return null;
      const lead = line.text.length - line.text.trimStart().length;
      items.push({
        listNumber: Number(number[1]),
        text: '',
        offset: line.offset,
        line,
        start: line.offset + lead,
        end: line.offset,
      });
      continue;
    }
    if (!current) return null; // text under the rule before any number
    const span = spanAt(line, 0);
    joined = true;
    const paragraphs = current.paragraphs ?? [];
    const last = paragraphs.at(-1);
    if (!current.text) {
      current.text = span.text;
      current.offset = span.offset;
      current.paragraphs = [span];
    } else if (wasJoined && last) {
      // A hard-wrapped line goes on with the paragraph above it (the span covers both lines).
      const gap = span.offset - (last.offset + last.text.length);
      paragraphs[paragraphs.length - 1] = {
        text: `${last.text}\n${' '.repeat(Math.max(0, gap - 1))}${span.text}`,
        offset: last.offset,
      };
    } else paragraphs.push(span);
  }
  for (const it of items) {
    it.text = it.paragraphs?.[0]?.text ?? it.text;
    const last = it.paragraphs?.at(-1);
    if (last) it.end = last.offset + last.text.length;
  }
  const first = items[0];
  if (!first || items.some((it) => !it.text)) return null;
  for (const it of items) if ((it.paragraphs?.length ?? 0) < 2) it.paragraphs = undefined;
  return { style: 'alone', items, firstLine: first.line.index, endLine: lastIndex + 1 };
}
