import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteSpan } from '../note-types.ts';

/** The closing sign of a web copy's note. */
export const ARROW = '↩';

interface ArrowNote {
  line: Line;
  start: number; // of its `- `
  paragraphs: NoteSpan[];
  closed: boolean;
  close?: number; // where its `↩` is printed
}

/** A line's text from `from` on, trimmed, with its offset. */
export function spanAt(line: Line, from: number): NoteSpan {
  const raw = line.text.slice(from);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: line.offset + from + lead };
}

/**
 * `- text↩` notes, as web copies give them: a note may run over several lines or paragraphs
 * until its `↩` (which may also stand at the start of the next line, or alone), and the list's
 * last note may lack it. Every note but the last must be closed, and the list must have one `↩`,
 * so a dash list ending the body is not taken for notes. The longest such run ending the
 * document is the list.
 */
export function arrowList(lines: Line[], lastIndex: number): NoteList | null {
  const first = arrowListStart(lines, lastIndex);
  const notes = first === null ? null : parseArrows(lines, first, lastIndex);
  if (first === null || !notes?.some((n) => n.closed)) return null;
  const items = notes.map((note, k): NoteItem => {
    const head = note.paragraphs[0] ?? { text: '', offset: note.start + 2 };
    const last = note.paragraphs.at(-1) ?? head;
    return {
      listNumber: k + 1,
      text: head.text,
      offset: head.offset,
      line: note.line,
      paragraphs: note.paragraphs.length > 1 ? note.paragraphs : undefined,
      open: note.closed ? undefined : true,
      start: note.start,
      end: last.offset + last.text.length,
      close: note.close,
    };
  });
  return { style: 'arrow', items, firstLine: first, endLine: lastIndex + 1 };
}

const isNoteStart = (t: string): boolean => /^(?:↩\s*)?- /.test(t.trimStart());
const isBlankLine = (line: Line | undefined): boolean => (line?.text.trim() ?? '') === '';

/** Walks up from the end, note by note, while each note (but the last) is closed: the list's first line. */
function arrowListStart(lines: Line[], lastIndex: number): number | null {
  let start: number | null = null;
  let i = lastIndex;
  let last = true;
  while (i >= 0) {
    let closed = false;
    // A `↩` alone on a line, or at the start of the line after, closes the note above it.
    if (lines[i]?.text.trim() === ARROW) {
      closed = true;
      i--;
      while (i >= 0 && isBlankLine(lines[i])) i--;
    }
    let after = i + 1;
    while (after <= lastIndex && isBlankLine(lines[after])) after++;
    closed ||= (lines[i]?.text.trimEnd() ?? '').endsWith(ARROW);
    closed ||= after <= lastIndex && (lines[after]?.text.trimStart() ?? '').startsWith(ARROW);
    if (!last && !closed) break;
    let j = i;
    while (j >= 0 && !isNoteStart(lines[j]?.text ?? '')) {
      if (j !== i && (lines[j]?.text.trimEnd() ?? '').endsWith(ARROW)) return start;
      j--;
    }
    if (j < 0) break;
    start = j;
    last = false;
    i = j - 1;
    while (i >= 0 && isBlankLine(lines[i])) i--;
  }
  return start;
}

function parseArrows(lines: Line[], from: number, to: number): ArrowNote[] | null {
  const notes: ArrowNote[] = [];
  let current: ArrowNote | null = null;
  for (let i = from; i <= to; i++) {
    const line = lines[i] as Line;
    let at = line.text.length - line.text.trimStart().length;
    if (line.text.startsWith(ARROW, at)) {
      // `↩` at the start of a line closes the note before it.
      if (!current || current.closed) return null;
      current.closed = true;
      current.close = line.offset + at;
      at += ARROW.length;
      while (line.text[at] === ' ') at++;
    }
    const rest = line.text.slice(at);
    if (rest.trim() === '') continue;
    if (rest.startsWith('- ')) {
      if (current && !current.closed) return null; // a note not closed before the next begins
      current = { line, start: line.offset + at, paragraphs: [], closed: false };
      notes.push(current);
      at += 2;
    } else if (!current || current.closed) return null; // text outside any note
    let span = spanAt(line, at);
    if (span.text.endsWith(ARROW)) {
      current.closed = true;
      current.close = span.offset + span.text.length - ARROW.length;
      span = { text: span.text.slice(0, -ARROW.length).trimEnd(), offset: span.offset };
    }
    if (span.text !== '') current.paragraphs.push(span);
  }
  // Only the last note may be open.
  return notes.slice(0, -1).every((n) => n.closed) ? notes : null;
}
