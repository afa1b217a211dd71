import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteStyle } from '../note-types.ts';
import type { Rule } from '../rule.ts';
import { noteVerse } from './note-verse.ts';

const BLOCK_START: [NoteStyle, RegExp][] = [
  ['footnote-block', /^(\s*)\[Footnote ([\w*†‡§]{1,4}): /],
  ['note-block', /^(\s*)\[Note (\d{1,3}): \2 /],
];

/**
 * Rule `note-block`: notes printed in the text as bracketed blocks of one or more lines, where the
 * page or the paragraph put them: `[Footnote 1: …]` (Project Gutenberg), `[Note 2: 2 …]` (the
 * Library of Congress, its number printed twice). Each is a list of its own, set at its reference
 * (the nearest mark before it: `[1]`, or a number glued to the words, `read:2`).
 */
export function findNoteBlocks(lines: Line[], source: string): NoteList[] {
  const out: NoteList[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const found = BLOCK_START.map(([style, re]) => ({ style, m: re.exec(line.text) })).find((f) => f.m);
    const m = found?.m;
    if (!found || !m) continue;
    // The block ends where its brackets close (a note may quote `[sic]`), on this line or a later one.
    let depth = 0;
    let close = -1;
    let j = i;
    for (; j < lines.length && close === -1; j++) {
      const text = (lines[j] as Line).text;
      for (let k = j === i ? (m[1] ?? '').length : 0; k < text.length; k++) {
        if (text[k] === '[') depth++;
        else if (text[k] === ']' && --depth === 0) {
          close = (lines[j] as Line).offset + k;
          break;
        }
      }
    }
    // an unclosed block, or text after its bracket on that line: not a note block; but a block
    // left open by the end of the copy (a page cut inside its last note) is that note, as printed
    const last = lines[j - 1] as Line;
    const open = close === -1 && j === lines.length && source.slice(line.offset).trim().length > m[0].length;
    if ((close === -1 && !open) || (!open && last.text.slice(close - last.offset + 1).trim() !== ''))
      continue;
    const label = m[2] ?? '';
    const start = line.offset + (m[1] ?? '').length;
    const offset = line.offset + m[0].length;
    const body = source.slice(offset, open ? source.length : close);
    const text = body.trimEnd();
    out.push({
      style: found.style,
      items: [
        {
          listNumber: Number(label) || 0,
          label,
          text,
          offset,
          line,
          start,
          end: offset + text.length,
          close: open ? undefined : close,
          open: open || undefined,
        },
      ],
      firstLine: i,
      endLine: j,
      inText: true,
    });
    i = j - 1;
  }
  return out;
}

/** Rule `note-block`: notes printed in the text as bracketed blocks (its elements are note-list's). */
export const noteBlock: Rule = { id: 'note-block', family: 'gutenberg' };

// (`[FN#1234]`: a long book's notes run into thousands; a bracketed `[1776]` is a year; `[1.]`,
// its number and a full stop, as some mirrors of Gutenberg's texts label a list: the label as printed)
const BRACKET_ENTRY = /^(\s{0,4})\[(?:(FN#)(\d{1,4})|(\d{1,3}\.?|[A-Z]|\*))\] (?=\S)/;
/** An entry's label alone on its line (`[8]`): its note is the paragraph below it (a quotation, verse). */
const BRACKET_ALONE = /^(\s{0,4})\[(?:(FN#)(\d{1,4})|(\d{1,3}))\][ \t]*$/;
/** An entry's label as printed inside its brackets, without `FN#`. */
const labelIn = (m: RegExpExecArray): string => m[3] ?? m[4] ?? '';

/** How an entry prints its label: `[1]`, or Project Gutenberg's older `[FN#1]`. */
const entryStyle = (fn: string | undefined): NoteStyle => (fn ? 'fn-hash' : 'bracket');

/**
 * Project Gutenberg's tidied notes, `[1] text`, in runs where a chapter or an essay ends (its
 * "landing zone"), an entry running on over the lines after it until a blank line or the next
 * entry; the older `[FN#1] text` the same way (a book's notes at its end, references `[FN#1]`).
 * Each run is a list of its own where it stands; its notes are set at the nearest marks
 * before it (`true[4]`). An entry of the run may set its label alone on its line, its note the
 * paragraph below (a note that opens with a quotation: its verse a line group, note-verse.ts);
 * an entry may go on in a paragraph of its own, where the next entry follows that paragraph.
 */
export function findBracketBlocks(lines: Line[], source: string): NoteList[] {
  const out: NoteList[] = [];
  let list: NoteList | undefined;
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const m = BRACKET_ENTRY.exec(line.text);
    if (line.text.trim() === '') {
      blanks++;
      continue;
    }
    const item = list?.items.at(-1);
    const alone = list && blanks <= 2 ? aloneEntry(lines, source, i, list, item?.listNumber) : undefined;
    // (`[FN#7]` alone on its line is an entry wherever it stands: no other text prints that mark)
    const fnAlone = alone ? undefined : fnAloneEntry(lines, source, i);
    const more = list && item && !m && blanks > 0 && blanks <= 2 ? paragraphAfter(lines, i, list, item) : 0;
    if (fnAlone) {
      list = { style: 'fn-hash', items: [fnAlone.item], firstLine: i, endLine: fnAlone.end, inText: true };
      out.push(list);
      i = fnAlone.end - 1;
    } else if (list && alone) {
      list.items.push(alone.item);
      list.endLine = alone.end;
      i = alone.end - 1;
    } else if (list && item && more) {
      // the entry goes on in the paragraph below (`[6] … 'Science of Religion,'` / `p. 238.`)
      const head = line.offset + line.text.length - line.text.trimStart().length;
      const last = lines[more - 1] as Line;
      const end = last.offset + last.text.trimEnd().length;
      item.paragraphs = [
        ...(item.paragraphs ?? [{ text: item.text, offset: item.offset }]),
        {
          text: source.slice(head, end),
          offset: head,
        },
      ];
      item.end = end;
      list.endLine = more;
      i = more - 1;
    } else if (m) {
      const style = entryStyle(m[2]);
      if (!list || blanks > 2 || list.style !== style) {
        list = { style, items: [], firstLine: i, endLine: i + 1, inText: true };
        out.push(list);
      }
      const label = labelIn(m);
      const offset = line.offset + m[0].length;
      const text = line.text.slice(m[0].length).trimEnd();
      list.items.push({
        listNumber: Number(label) || 0,
        label,
        text,
        offset,
        line,
        start: line.offset + (m[1] ?? '').length,
        end: offset + text.length,
      });
      list.endLine = i + 1;
    } else if (list && item && blanks === 0 && list.endLine === i && !item.paragraphs && runsOn(list, line)) {
      // the entry runs on
      item.end = line.offset + line.text.trimEnd().length;
      item.text = source.slice(item.offset, item.end);
      list.endLine = i + 1;
    } else list = undefined;
    blanks = 0;
  }
  return out.map(unwrapped);
}

/**
 * A line under an `[FN#n]` entry runs it on unless it opens a bracket: every entry of that style
 * opens with one, so such a line is another entry (one the copy cut: `[`) or not the notes'.
 */
const runsOn = (list: NoteList, line: Line): boolean =>
  list.style !== 'fn-hash' || !line.text.trimStart().startsWith('[');

const HEADING = /^\s*[\p{Lu}\d][\p{Lu}\d\s.,'’:;-]*$/u;

/**
 * Where an entry goes on in a paragraph of its own, the index after that paragraph's last line:
 * only when the next entry of the run (the number after) follows it, so the paragraph is between
 * two notes and no text of the page's.
 */
function paragraphAfter(lines: Line[], i: number, list: NoteList, item: NoteItem): number {
  if (!item.listNumber || BRACKET_ALONE.test((lines[i] as Line).text)) return 0;
  let end = i;
  while (end < lines.length && (lines[end] as Line).text.trim() !== '') end++;
  // (a heading in capitals between two notes is the text's: `NOTES TO CHAPTER II`)
  if (end === i + 1 && HEADING.test((lines[i] as Line).text)) return 0;
  let next = end;
  while (next < lines.length && next - end <= 2 && (lines[next] as Line).text.trim() === '') next++;
  if (next === end || next - end > 2 || next >= lines.length) return 0;
  const m = BRACKET_ENTRY.exec((lines[next] as Line).text) ?? BRACKET_ALONE.exec((lines[next] as Line).text);
  if (!m || entryStyle(m[2]) !== list.style || Number(labelIn(m)) !== item.listNumber + 1) return 0;
  return end;
}

/**
 * A list whose lines are not wrapped (an entry's line runs past any printed width) sets each entry
 * on one line: the lines after its last entry are not that entry's (a site's footer, `Author : …`).
 * Only where every other entry is one line: an entry that goes on over lines (a stanza or a
 * quotation it quotes) shows that the last one may too.
 */
function unwrapped(list: NoteList): NoteList {
  const last = list.items.at(-1);
  if (!last || !list.items.some((it) => it.line.text.length > 100)) return list;
  if (last.line.index + 1 === list.endLine) return list;
  const oneLine = list.items.slice(0, -1).every((it) => it.end <= it.line.offset + it.line.text.length);
  // (nor where the last entry's label stands alone above its text: its text is on the lines after)
  const labelAlone = last.offset >= last.line.offset + last.line.text.length;
  if (list.items.length < 2 || !oneLine || labelAlone) return list;
  const end = last.line.offset + last.line.text.trimEnd().length;
  const items = [
    ...list.items.slice(0, -1),
    { ...last, end, text: last.line.text.slice(last.offset - last.line.offset).trimEnd() },
  ];
  return { ...list, items, endLine: last.line.index + 1 };
}

/** An `[FN#n]` entry whose label stands alone on its line, its note below, opening a run. */
function fnAloneEntry(lines: Line[], source: string, i: number): { item: NoteItem; end: number } | undefined {
  const m = BRACKET_ALONE.exec((lines[i] as Line).text);
  if (!m?.[2]) return undefined;
  const list: NoteList = { style: 'fn-hash', items: [], firstLine: i, endLine: i, inText: true };
  return aloneEntry(lines, source, i, list, Number(labelIn(m)) - 1);
}

/**
 * The run's next entry set as a block (`[8]`, a blank line, its paragraph): its label the number
 * after the entry before, the paragraph its text; and the index after its last line.
 */
function aloneEntry(
  lines: Line[],
  source: string,
  i: number,
  list: NoteList,
  previous: number | undefined,
): { item: NoteItem; end: number } | undefined {
  const line = lines[i] as Line;
  const m = BRACKET_ALONE.exec(line.text);
  if (!m || entryStyle(m[2]) !== list.style || previous === undefined || Number(labelIn(m)) !== previous + 1)
    return undefined;
  let first = i + 1;
  while (first < lines.length && (lines[first] as Line).text.trim() === '') first++;
  // (one blank line between the label and its paragraph, as a block is set; `[FN#7]` may stand
  // right above its note, as the older transcriptions set it)
  const tight = first === i + 1 && list.style !== 'fn-hash';
  if (tight || first > i + 2 || first >= lines.length) return undefined;
  let end = first;
  while (end < lines.length && (lines[end] as Line).text.trim() !== '') end++;
  const head = lines[first] as Line;
  const last = lines[end - 1] as Line;
  const offset = head.offset + head.text.length - head.text.trimStart().length;
  const close = last.offset + last.text.trimEnd().length;
  const label = labelIn(m);
  return {
    item: {
      listNumber: Number(label),
      label,
      text: source.slice(offset, close),
      offset,
      line,
      start: line.offset + (m[1] ?? '').length,
      end: close,
      verse: noteVerse(lines.slice(first, end).map((l) => l.text)) || undefined,
    },
    end,
  };
}
