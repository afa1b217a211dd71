import type { Line } from '../lines.ts';
import { isBoilerplate } from './boilerplate.ts';

export type NoteStyle = 'numbered' | 'arrow';

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
  /** An arrow note of several paragraphs: every paragraph (the first is `text`). */
  paragraphs?: NoteSpan[];
  /** An arrow note printed without its closing `↩` (the list's last). */
  open?: boolean;
}

export interface NoteList {
  style: NoteStyle;
  items: NoteItem[];
  firstLine: number; // index of the list's first line
  endLine: number; // index after the list's last line
}

const NUMBERED = /^( {1,4})(\d{1,4})\. (.*)$/;
const ARROW = '↩';

/**
 * Rule `note-list`: the footnotes listed at the end of a document, either `  1. text` (indented,
 * which tells them from numbered body paragraphs) or `- text↩`. Scans back from the end,
 * passing over blank and boilerplate lines.
 */
export function findNoteList(lines: Line[]): NoteList | null {
  let i = lines.length - 1;
  while (i >= 0 && (lines[i]?.text.trim() === '' || isBoilerplate(lines[i]?.text ?? ''))) i--;
  const last = lines[i];
  if (!last) return null;
  if (NUMBERED.test(last.text)) return numberedList(lines, i);
  return arrowList(lines, i);
}

function numberedList(lines: Line[], lastIndex: number): NoteList {
  const found: Line[] = [];
  for (let i = lastIndex; i >= 0; i--) {
    const line = lines[i];
    if (!line || !NUMBERED.test(line.text)) break;
    found.unshift(line);
  }
  const items = found.map((line): NoteItem => {
    const m = NUMBERED.exec(line.text);
    const indent = m?.[1] ?? '';
    const num = m?.[2] ?? '';
    return {
      listNumber: Number(num),
      text: m?.[3] ?? '',
      offset: line.offset + indent.length + num.length + 2,
      line,
    };
  });
  return { style: 'numbered', items, firstLine: found[0]?.index ?? 0, endLine: lastIndex + 1 };
}

/** A line's text from `from` on, trimmed, with its offset. */
function spanAt(line: Line, from: number): NoteSpan {
  const raw = line.text.slice(from);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: line.offset + from + lead };
}

interface ArrowNote {
  line: Line;
  paragraphs: NoteSpan[];
  closed: boolean;
}

/**
 * `- text↩` notes, as web copies give them: a note may run over several lines or paragraphs
 * until its `↩` (which may also stand at the start of the next line, or alone), and the list's
 * last note may lack it. Every note but the last must be closed, and the list must have one `↩`,
 * so a dash list ending the body is not taken for notes. The longest such run ending the
 * document is the list.
 */
function arrowList(lines: Line[], lastIndex: number): NoteList | null {
  const first = arrowListStart(lines, lastIndex);
  const notes = first === null ? null : parseArrows(lines, first, lastIndex);
  if (first === null || !notes?.some((n) => n.closed)) return null;
  const items = notes.map((note, k): NoteItem => {
    const head = note.paragraphs[0] ?? { text: '', offset: note.line.offset };
    return {
      listNumber: k + 1,
      text: head.text,
      offset: head.offset,
      line: note.line,
      paragraphs: note.paragraphs.length > 1 ? note.paragraphs : undefined,
      open: note.closed ? undefined : true,
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
      at += ARROW.length;
      while (line.text[at] === ' ') at++;
    }
    const rest = line.text.slice(at);
    if (rest.trim() === '') continue;
    if (rest.startsWith('- ')) {
      if (current && !current.closed) return null; // a note not closed before the next begins
      current = { line, paragraphs: [], closed: false };
      notes.push(current);
      at += 2;
    } else if (!current || current.closed) return null; // text outside any note
    let span = spanAt(line, at);
    if (span.text.endsWith(ARROW)) {
      current.closed = true;
      span = { text: span.text.slice(0, -ARROW.length).trimEnd(), offset: span.offset };
    }
    if (span.text !== '') current.paragraphs.push(span);
  }
  // Only the last note may be open.
  return notes.slice(0, -1).every((n) => n.closed) ? notes : null;
}
