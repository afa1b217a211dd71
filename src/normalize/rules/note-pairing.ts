import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteStyle } from '../note-types.ts';
import type { Rule } from '../rule.ts';
import { findRefCandidates, type RefCandidate } from './footnote-refs.ts';
import { fromSuperscript, superscript } from './note-list.ts';
import { findNotesPage } from './note-page.ts';

/**
 * Rule `note-pairing`: a note list in any of the common label styles, found by its pairing with
 * the text, not by its publisher. A list is a run of lines each opening with a label (`1.`, `1)`,
 * `(1)`, `[1]`, `1 `, `¹`, `a.`, `(a)`, `*`, `†`, `‡`, `§`, `‖`, `¶`), labels running on one after
 * another (a run ends where the numbering restarts: a page's notes, numbered from 1 again); its
 * references are the same labels in the text before it, since the last list (bare and glued to a
 * word, bracketed, in parentheses, superscript). A run is taken for notes only when its labels and
 * the references pair up in order for most of it: a numbered list, a table's figures, years or
 * verse numbers find no such run of marks glued to the words before them, and stay what they are.
 * It is tried after every rule that knows a publisher's notes, on the lines none of them took.
 */
export const notePairing: Rule = { id: 'note-pairing', family: 'generic' };

interface Form {
  style: NoteStyle;
  re: RegExp;
}

// (label forms, most specific first; the label is group 2, the indent group 1)
const FORMS: Form[] = [
  { style: 'bracket', re: /^([ \t]{0,4})\[(\d{1,3}|[a-z])\][ \t]*(?=\S)/ },
  { style: 'paren', re: /^([ \t]{0,4})\((\d{1,3}|[a-z])\)[ \t]+(?=\S)/ },
  { style: 'numbered', re: /^([ \t]{0,4})(\d{1,3}|[a-z])\.[ \t]+(?=\S)/ },
  { style: 'closing-paren', re: /^([ \t]{0,4})(\d{1,3}|[a-z])\)[ \t]+(?=\S)/ },
  { style: 'superscript', re: /^([ \t]{0,4})([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t]*(?=\S)/ },
  // (not a row of asterisks: `* * *` is a thought break or an omission)
  { style: 'symbol', re: /^([ \t]{0,4})(\*{1,3}|†{1,2}|‡{1,2}|§|‖|¶)[ \t]+(?=[^*\s])/ },
  { style: 'spaced', re: /^([ \t]{0,4})(\d{1,3})[ \t]+(?=\S)/ },
];

const SYMBOL_RUNS = [
  ['*', '†', '‡', '§', '‖', '¶'],
  ['*', '**', '***'],
  ['†', '††'],
  ['‡', '‡‡'],
];

/** The label a list prints after `prev` (`1` → `2`, `a` → `b`, `*` → `†`), or whether `label` may follow it. */
function follows(style: NoteStyle, prev: string, label: string): boolean {
  if (style === 'symbol') return SYMBOL_RUNS.some((run) => run.indexOf(label) === run.indexOf(prev) + 1);
  if (/^\d+$/.test(prev)) return /^\d+$/.test(label) && Number(label) === Number(prev) + 1;
  return label.length === 1 && label.charCodeAt(0) === prev.charCodeAt(0) + 1;
}

/** A label a list may open with: a note number, a letter `a`, any symbol (a page's own marks). */
const opens = (style: NoteStyle, label: string): boolean =>
  style === 'symbol' || /^\d+$/.test(label) || label === 'a';

interface Entry {
  line: Line;
  indent: string;
  label: string; // as read: digits, a letter or a symbol (superscript digits read as digits)
  textStart: number; // offset of the note's text
  lastLine: Line;
}

interface Run {
  style: NoteStyle;
  entries: Entry[];
}

/** The label of a line in one form, or none. */
function labelIn(form: Form, line: Line): { indent: string; label: string; length: number } | null {
  const m = form.re.exec(line.text);
  if (!m) return null;
  const raw = m[2] ?? '';
  return {
    indent: m[1] ?? '',
    label: form.style === 'superscript' ? fromSuperscript(raw) : raw,
    length: m[0].length,
  };
}

/** The runs of labelled lines among the lines not taken, each in one form, labels one after another. */
function runsOf(lines: Line[], blocked: ReadonlySet<number>): Run[] {
  const runs: Run[] = [];
  let run: Run | null = null;
  let blankSince = false;
  for (const line of lines) {
    if (blocked.has(line.index)) {
      run = null;
      continue;
    }
    if (line.text.trim() === '') {
      blankSince = true;
      continue;
    }
    const last = run?.entries.at(-1);
    // The next entry of the run in its form
    if (run && last) {
      const form = FORMS.find((f) => f.style === run?.style) as Form;
      const l = labelIn(form, line);
      if (l && follows(run.style, last.label, l.label)) {
        run.entries.push(entry(line, l));
        blankSince = false;
        continue;
      }
      // (a note's wrapped line: no blank line before it; not a label alone, the copy's end cutting
      // the next note off after it: `  1. A considerable …` / `  2`, which stays text)
      if (!blankSince && !startsAnyForm(line) && !LABEL_ALONE.test(line.text)) {
        last.lastLine = line;
        continue;
      }
    }
    run = null;
    for (const form of FORMS) {
      const l = labelIn(form, line);
      if (l && opens(form.style, l.label)) {
        run = { style: form.style, entries: [entry(line, l)] };
        runs.push(run);
        break;
      }
    }
    blankSince = false;
  }
  return runs;
}

const startsAnyForm = (line: Line): boolean => FORMS.some((f) => f.re.test(line.text));

/** A note's label with no text (`2`, `2.`): where it ends a copy, the copy cut its note off after it. */
export const LABEL_ALONE = /^\s*\d{1,3}\.?\s*$/;

/** Whether only blank lines, and at most a label alone on the copy's last line, follow `from`. */
export function onlyCutLabelAfter(lines: Line[], from: number, passed: (l: Line) => boolean): boolean {
  const rest = lines.slice(from).filter((l) => l.text.trim() !== '' && !passed(l));
  return (
    rest.length === 0 ||
    (rest.length === 1 &&
      rest[0] === lines.findLast((l) => l.text.trim() !== '') &&
      LABEL_ALONE.test(rest[0]?.text ?? ''))
  );
}

function entry(line: Line, l: { indent: string; label: string; length: number }): Entry {
  return { line, indent: l.indent, label: l.label, textStart: line.offset + l.length, lastLine: line };
}

/** How the text prints a reference to a note: the forms tried for a list of each style. */
type RefForm = 'bare' | 'spaced' | 'bracket' | 'paren' | 'superscript';
const REF_FORMS: Record<string, RefForm[]> = {
  bracket: ['bracket'],
  paren: ['paren'],
  superscript: ['superscript'],
  symbol: ['bare'],
};
const ANY_REF: RefForm[] = ['bare', 'spaced', 'bracket', 'paren', 'superscript'];

interface TextSpan {
  text: string;
  offset: number;
}

/** The marks of one form in the text, in order: `{ offset, label, length }`. */
function marksIn(
  spans: TextSpan[],
  form: RefForm,
  labels: ReadonlySet<string>,
  symbols: boolean,
): RefCandidate[] {
  const out: RefCandidate[] = [];
  if (form === 'bare' && !symbols) {
    // (numbers glued to a word or after its punctuation: footnote-refs.ts tells them from figures)
    for (const c of findRefCandidates(spans))
      if (c.strength >= 2.5 && labels.has(c.label)) out.push({ ...c, length: c.label.length });
    return out;
  }
  if (form === 'spaced') {
    // (an OCR'd page sets its marks apart: `this subject. 1 Desruelles`, `unsound. 2` ending its
    // line; only after a clause's or a sentence's punctuation, so `in 3 days` is no mark)
    for (const span of spans)
      for (const m of span.text.matchAll(/(?<=[\p{L}.,;:!?’”"')] )(\d{1,3})(?= \p{Lu}| ?$)/gu)) {
        const label = m[1] ?? '';
        const before = span.text.slice(0, m.index).trimEnd();
        if (labels.has(label) && /[.,;:!?’”"')]$/u.test(before))
          out.push({ offset: span.offset + m.index, label, strength: 3, length: label.length });
      }
    return out.sort((a, b) => a.offset - b.offset);
  }
  for (const span of spans) {
    const t = span.text;
    for (const label of labels) {
      const mark =
        form === 'bracket'
          ? `[${label}]`
          : form === 'paren'
            ? `(${label})`
            : form === 'superscript'
              ? /^\d+$/.test(label)
                ? superscript(label)
                : ''
              : label;
      if (!mark) continue;
      for (let at = t.indexOf(mark); at !== -1; at = t.indexOf(mark, at + mark.length)) {
        const before = t[at - 1] ?? '';
        const after = t[at + mark.length] ?? '';
        // Glued to what it refers to (a bracketed number may stand after a space), and no part of a
        // longer mark or number (`**`, `¹²` for `¹`, `[12]` is no `[1]`).
        const glued = before !== '' && !/\s/.test(before);
        if (!glued && form !== 'bracket') continue;
        if (form === 'bracket' && before === '' && at === 0) continue;
        if (after && !/[\s.,;:)\]’”"'—–\-!?…]/.test(after)) continue;
        if (symbols && (before === mark[0] || after === mark[0])) continue;
        if (form === 'superscript' && /[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(before)) continue;
        out.push({ offset: span.offset + at, label, strength: 3, length: mark.length });
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Each entry with the first mark of its label after the last one taken: a monotone pairing. */
function pairInOrder(entries: Entry[], marks: RefCandidate[]): (RefCandidate | null)[] {
  let next = 0;
  return entries.map((e) => {
    const k = marks.findIndex((c, i) => i >= next && c.label === e.label);
    if (k === -1) return null;
    next = k + 1;
    return marks[k] ?? null;
  });
}

/** Most of the run paired, and every pairing's marks that carry its labels mostly its own. */
function strongEnough(entries: Entry[], anchors: (RefCandidate | null)[], marks: RefCandidate[]): boolean {
  const paired = anchors.filter((a) => a !== null).length;
  if (paired === 0) return false;
  // (a copy that opens after the first notes' references: those notes unpaired, ahead of the rest,
  // every mark of the text paired)
  const firstPaired = anchors.findIndex((a) => a !== null);
  const openedLate =
    paired >= 2 && marks.length === paired && anchors.slice(firstPaired).every((a) => a !== null);
  if (paired < Math.ceil(entries.length * 0.75) && !openedLate) return false;
  // (a label printed all over the text, `(a)` in every clause, pairs with anything: not notes)
  return marks.length <= paired * 2 + 1;
}

/**
 * The note lists found by their pairing with the text, in source order, among the lines not
 * `blocked` (other rules' notes, figures and page furniture): each item with its reference.
 */
export function findPairedLists(lines: Line[], source: string, where: ListPlaces): NoteList[] {
  const { blocked } = where;
  const out: NoteList[] = [];
  let from = 0; // the line the text referring to the next list starts at
  for (const run of runsOf(lines, blocked)) {
    const first = run.entries[0] as Entry;
    const ends = endsAPage(lines, (run.entries.at(-1) as Entry).lastLine.index + 1, where);
    if (!ends && !setApart(lines, first.line.index, blocked)) continue;
    const inRun = new Set(run.entries.flatMap((e) => rangeOf(e.line.index, e.lastLine.index + 1)));
    const spans: TextSpan[] = lines
      .slice(from, first.line.index)
      .filter((l) => !blocked.has(l.index) && !inRun.has(l.index) && l.text.trim() !== '')
      .map((l) => ({ text: l.text, offset: l.offset }));
    const labels = new Set(run.entries.map((e) => e.label));
    const symbols = run.style === 'symbol';
    const letters = [...labels].some((l) => /^[a-z]$/.test(l));
    let best: { anchors: (RefCandidate | null)[]; form: RefForm } | null = null;
    for (const form of REF_FORMS[run.style] ?? ANY_REF) {
      // (a letter is never a bare reference: `a` glued to a word is the word)
      if ((form === 'bare' || form === 'spaced') && letters) continue;
      // (a list of papers whose rows end in their page numbers, `… of the province. 5`, has those
      // numbers in its text too: rows, not notes; an OCR page's notes end in words)
      if (form === 'spaced' && run.entries.some((e) => /\s\d{1,4}$/.test(e.lastLine.text.trimEnd())))
        continue;
      const marks = marksIn(spans, form, labels, symbols);
      const anchors = pairInOrder(run.entries, marks);
      if (!strongEnough(run.entries, anchors, marks)) continue;
      // (one number glued to a word before one numbered line is too little: `…this afternoon.1` /
      // `1. Allies should …` is a paragraph; a bare mark must pair twice)
      if ((form === 'bare' || form === 'spaced') && !symbols && anchors.filter(Boolean).length < 2) continue;
      const count = anchors.filter(Boolean).length;
      if (!best || count > best.anchors.filter(Boolean).length) best = { anchors, form };
    }
    if (!best) continue;
    out.push(listOf(run, best.anchors, best.form, source));
    from = (run.entries.at(-1) as Entry).lastLine.index + 1;
  }
  // (a copy of nothing but notes, their references on other pages: note-page.ts)
  const page = out.length === 0 ? findNotesPage(lines, source, blocked) : null;
  return page ? [page] : out;
}

/** Where a list may stand, and the lines other rules took. */
export interface ListPlaces {
  /** Lines other rules took (their notes, figures, a page's furniture): no list's and no reference's. */
  blocked: ReadonlySet<number>;
  /** Lines that end a page: its furniture (a folio, a running head), where other rules found them. */
  pageEnds: ReadonlySet<number>;
  /** Whether a line is nothing but a page marker (`[Page 12]`, `{12}`). */
  pageOnly(text: string): boolean;
}

/**
 * Notes stand at the end of what they annotate: the document, or a page (its furniture, a page
 * marker or a form feed follows them). Numbered paragraphs go on with the text: no list of notes.
 */
function endsAPage(lines: Line[], after: number, where: ListPlaces): boolean {
  if (onlyCutLabelAfter(lines, after, () => false)) return true;
  let blanks = 0;
  for (const line of lines.slice(after)) {
    if (line.text.trim() === '') {
      if (line.text.includes('\f')) return true;
      blanks++;
      continue;
    }
    return (
      where.pageEnds.has(line.index) ||
      where.pageOnly(line.text) ||
      line.text.startsWith('\f') ||
      // (or a section: the next one's heading, in capitals or a numeral, set off by blank lines)
      (blanks >= 2 && HEADING.test(line.text))
    );
  }
  return true;
}

const HEADING = /^\s*(?=.*[\p{Lu}\d])[^\p{Ll}]{1,80}$/u;

const NOTES_HEAD = /^\s*(?:foot|end)?notes?[.:]?\s*$/i;
const RULE = /^\s*(?:_{5,}|-{5,}|—{3,})\s*$/;

/**
 * A list set apart from the text above it, wherever it stands (the end of a chapter, with the next
 * one after it): under a heading `Notes` / `Footnotes`, or under a rule (`_____`, `-----`).
 */
function setApart(lines: Line[], at: number, blocked: ReadonlySet<number>): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i] as Line;
    if (line.text.trim() === '') continue;
    return !blocked.has(i) && (NOTES_HEAD.test(line.text) || RULE.test(line.text));
  }
  return false;
}

const rangeOf = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);

function listOf(run: Run, anchors: (RefCandidate | null)[], form: RefForm, source: string): NoteList {
  const items = run.entries.map((e, k): NoteItem => {
    const end = e.lastLine.offset + e.lastLine.text.trimEnd().length;
    const ref = anchors[k];
    return {
      // (a symbol's or a letter's note is numbered by its place; its label is printed as it stands)
      // (`01` is numbered as printed: its reference prints `[01]`)
      listNumber: String(Number(e.label)) === e.label ? Number(e.label) : run.style === 'symbol' ? k + 1 : 0,
      label: e.label,
      // (over its wrapped lines, the newlines between them kept)
      text: source.slice(e.textStart, end),
      offset: e.textStart,
      line: e.line,
      start: e.line.offset + e.indent.length,
      end,
      ref: ref ? { offset: ref.offset, label: ref.label, length: ref.length ?? ref.label.length } : undefined,
    };
  });
  // (a bare or a spaced mark prints the number alone: the gap before it is the text's)
  const refs = form === 'bare' || form === 'spaced' ? undefined : form;
  const marked = run.style === 'bracket' || run.style === 'paren' || run.style === 'superscript';
  return {
    style: run.style,
    items,
    firstLine: run.entries[0]?.line.index ?? 0,
    endLine: (run.entries.at(-1)?.lastLine.index ?? 0) + 1,
    refsFound: true,
    refs: marked ? undefined : refs,
  };
}
