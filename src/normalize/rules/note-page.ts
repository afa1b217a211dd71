import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteStyle } from '../note-types.ts';

/**
 * A copy that holds nothing but notes: one page of a book's endnotes or of a chapter's footnotes
 * as a reader site or a web page gives it (`488. i.e., they that have wives …` to `500.`; `21
 * Ecclus. xxviii. 24` … `45 S. Matt. xix. 17`), their references on other pages, so no pairing can
 * show them. Read only where the whole copy is the run (one line before it at most: the end of the
 * note the page before began), four entries or more, each opening with its number (`488.` or `21`,
 * one style throughout) and the numbers rising (a site may keep some notes elsewhere), the first
 * above 1 (a numbered text's paragraphs, a list, a treaty's articles open at 1; a page of notes
 * goes on a book's numbering), and a third of the entries at least written as notes are: a
 * citation (`xvi. 6`, `p. 12`, `ff.`) or a commentator's words (`i.e.`, `cf.`, `See`, `Literally`,
 * `reading`). Each note is kept unanchored, where it is printed. Part of rule `note-pairing`.
 */
const FORMS: [NoteStyle, RegExp][] = [
  ['numbered', /^([ \t]{0,4})(\d{1,4})\.[ \t]+(?=\S)/],
  ['spaced', /^([ \t]{0,4})(\d{1,4})[ \t]+(?=\S)/],
];

const MIN_ENTRIES = 4;

/** How a note is written: a citation or a commentator's words (the Chicago Manual's, ch. 14). */
const NOTE_IDIOM =
  /\b(?:i\. ?e\.|e\. ?g\.|cf\.|ibid\.?|op\. cit\.|loc\. cit\.|viz\.|q\. ?v\.|see|literally|lit\.|vide|reading|ff\.)(?=[\s,;:)]|$)|\b[ivxlc]{1,7}\. \d{1,3}\b|\bpp?\. \d/i;

interface Entry {
  line: Line;
  indent: string;
  label: string;
  textStart: number;
  lastLine: Line;
}

function entriesIn(text: Line[], re: RegExp): Entry[] | null {
  const entries: Entry[] = [];
  let blankSince = false;
  for (const line of text) {
    if (line.text.trim() === '') {
      blankSince = true;
      continue;
    }
    const m = re.exec(line.text);
    const last = entries.at(-1);
    if (m && (!last || Number(m[2]) > Number(last.label))) {
      const indent = m[1] ?? '';
      entries.push({ line, indent, label: m[2] ?? '', textStart: line.offset + m[0].length, lastLine: line });
    } else if (last && !blankSince && !m)
      last.lastLine = line; // (a note's wrapped line)
    else return null;
    blankSince = false;
  }
  return entries;
}

export function findNotesPage(lines: Line[], source: string, blocked: ReadonlySet<number>): NoteList | null {
  const text = lines.filter((l) => !blocked.has(l.index));
  const firstText = text.findIndex((l) => l.text.trim() !== '');
  if (firstText === -1) return null;
  // (a page of a book's notes section, under its running head `NOTES.`; the head's folio may be furniture)
  const headed = notesUnderHead(text, source);
  if (headed || text.length !== lines.length) return headed;
  const section = notesSection(text, firstText, source);
  if (section) return section;
  // (the copy may open with the end of the note before, on a line of its own)
  for (const [style, re] of FORMS)
    for (const skip of [0, 1]) {
      const from = firstText + skip;
      if (skip === 1 && (re.test(text[firstText]?.text ?? '') || text[from]?.text.trim() === '')) continue;
      const entries = entriesIn(text.slice(from), re);
      if (!entries || entries.length < MIN_ENTRIES || Number(entries[0]?.label) < 2) continue;
      const idioms = entries.filter((e) => NOTE_IDIOM.test(source.slice(e.textStart, endOf(e)))).length;
      if (idioms * 3 < entries.length) continue;
      return listOf(style, entries, source);
    }
  return null;
}

const endOf = (e: Entry): number => e.lastLine.offset + e.lastLine.text.trimEnd().length;

function listOf(style: NoteStyle, entries: Entry[], source: string): NoteList {
  const items = entries.map(
    (e): NoteItem => ({
      listNumber: Number(e.label),
      label: e.label,
      // (over its wrapped lines, the newlines between them kept)
      text: source.slice(e.textStart, endOf(e)),
      offset: e.textStart,
      line: e.line,
      start: e.line.offset + e.indent.length,
      end: endOf(e),
    }),
  );
  return {
    style,
    items,
    firstLine: entries[0]?.line.index ?? 0,
    endLine: (entries.at(-1)?.lastLine.index ?? 0) + 1,
    refsFound: true,
  };
}

/** A notes heading (`FOOTNOTES:`, `Notes.`): what follows it to the copy's end is its notes. */
const NOTES_HEAD = /^\s*(?:foot|end)?notes?[.:]?\s*$/i;
const BRACKET_LABEL = /\[(\d{1,3})\]/g;

/**
 * A copy that opens with a notes heading and is nothing but its notes, labelled `[1]`, `[2]` …
 * in order, run together on a line as a reader site that dropped the markup gives them
 * (`FOOTNOTES:` / `[1]This colophon … [2](It was Plato’s …`): each label opens a note, kept
 * unanchored (their references are on the chapter's pages). The heading says what they are.
 */
function notesSection(text: Line[], firstText: number, source: string): NoteList | null {
  const head = text[firstText] as Line;
  const body = text.slice(firstText + 1).filter((l) => l.text.trim() !== '');
  const first = body[0];
  if (!NOTES_HEAD.test(head.text) || !first || !/^\s*\[1\]/.test(first.text)) return null;
  // (every paragraph of it opens with a label: text after the notes, a next chapter, is no note's)
  const opensParagraph = (l: Line): boolean => (text[text.indexOf(l) - 1]?.text.trim() ?? '') === '';
  if (body.some((l) => opensParagraph(l) && !/^\s*\[\d{1,3}\]/.test(l.text))) return null;
  const from = first.offset;
  const labels: { at: number; label: string; end: number }[] = [];
  for (const m of source.slice(from).matchAll(BRACKET_LABEL)) {
    if (Number(m[1]) !== labels.length + 1) continue; // (a bracketed number inside a note)
    labels.push({ at: from + m.index, label: m[1] ?? '', end: from + m.index + m[0].length });
  }
  if (labels.length < 2) return null;
  const items = labels.map((l, k): NoteItem => {
    const next = labels[k + 1]?.at ?? source.length;
    const end = l.end + source.slice(l.end, next).trimEnd().length;
    const line = text.findLast((x) => x.offset <= l.at) as Line;
    return {
      listNumber: Number(l.label),
      label: l.label,
      text: source.slice(l.end, end),
      offset: l.end,
      line,
      start: l.at,
      end,
    };
  });
  const last = items.at(-1) as NoteItem;
  return {
    style: 'bracket',
    items,
    firstLine: first.index,
    endLine: (text.findLast((x) => x.offset <= last.end) as Line).index + 1,
    refsFound: true,
  };
}

/** A note's own heading in a book's notes section: `Note 11, page 78.` (its number, the page it is on). */
const NOTE_HEADING = /^(Note \d{1,4}(?:, (?:page|p\.) \d{1,4})?)\.$/;

/**
 * A page of a book's notes section, its running head `NOTES.` among the copy's first lines, each
 * note under its own heading (`Note 11, page 78.` / the note's paragraph); the paragraph before
 * the first heading, going on in lower case, is the rest of the note the page before began. Every
 * paragraph under the head is a note's: a note's heading or its text. Notes are keyed by their
 * headings (kept where printed, as a book's endnotes are: `place="end"`), their references on the
 * pages of the poems they annotate.
 */
function notesUnderHead(text: Line[], source: string): NoteList | null {
  const content = text.filter((l) => l.text.trim() !== '');
  const head = content.slice(0, 8).findIndex((l) => /^NOTES\.?$/.test(l.text.trim()));
  const body = content.slice(head + 1);
  if (head === -1 || body.length < 2) return null;
  const headings = body.filter((l) => NOTE_HEADING.test(l.text.trim()));
  if (headings.length < 2) return null;
  // (one line a paragraph: the note's text after its heading, or the rest of a note before the first)
  const items: NoteItem[] = [];
  for (const [k, line] of body.entries()) {
    const key = NOTE_HEADING.exec(line.text.trim())?.[1];
    if (key !== undefined) continue;
    const above = body[k - 1];
    const keyOf = above ? NOTE_HEADING.exec(above.text.trim())?.[1] : undefined;
    if (keyOf === undefined && !(k === 0 && /^\p{Ll}/u.test(line.text.trim()))) return null;
    const lead = line.text.length - line.text.trimStart().length;
    const offset = line.offset + lead;
    const end = line.offset + line.text.trimEnd().length;
    items.push({
      listNumber: 0,
      label: keyOf ?? '',
      text: source.slice(offset, end),
      offset,
      line: above && keyOf !== undefined ? above : line,
      start: above && keyOf !== undefined ? above.offset : offset,
      end,
      paragraphs: [{ text: source.slice(offset, end), offset }],
    });
  }
  return {
    style: 'keyed',
    items,
    firstLine: (body[0] as Line).index,
    endLine: (body.at(-1) as Line).index + 1,
    refsFound: true,
  };
}
