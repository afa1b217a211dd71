import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteSpan } from '../note-types.ts';
import { printer, type Rule } from '../rule.ts';
import { noteParts } from './note-list.ts';
import { pairOnPage, type Ref, refsIn } from './page-foot-refs.ts';
import { endsMidSentence, startsMidSentence } from './paragraph-merge.ts';

/**
 * Rule `page-foot-note` (OCR'd books): the notes a printed page sets at its foot, numbered from 1
 * on each page (`1 See Desruelles on this subject …`), referred to by their numbers in that page's
 * text, set off by a space as OCR reads a superior figure (`mercurial course. 1 Desruelles`,
 * `the warm bath. 2`) or glued to the word (`course.1`). Each is set at its reference as TEI wants
 * a footnote (`note place="foot"`), an anchor left at the foot where it is printed (rule
 * `note-list`'s machinery).
 *
 * A page is the text between two pieces of its furniture (a running head, a folio: rule
 * `page-furniture`), a page marker alone on its line or a form feed; where the text kept none of
 * these, a page shows where its notes interrupt a sentence of the text (it ends mid-sentence above
 * them and goes on in lower case below them). Its foot is the run of paragraphs that ends it, the
 * first labelled `1` (or with the printer's sign `*`: such notes are referred to only by a sign),
 * each of the others the next number (a second paragraph of a note, unlabelled, may stand between
 * two); a label the OCR misread (`s` for `2`, `>`, `♦`) reads as the number its
 * place gives it, and so does a reference the OCR made a sign of (`acquired ^,`, `succour *,`). A
 * paragraph at the foot is a note only when the page's text prints its reference, and the
 * references run in the notes' order: numbered paragraphs (`12. In all venereal affections`) and
 * lists stay text, and so does a page's foot when one of its notes has no reference (on the copy's
 * first page, where the copy begins inside the page, the first notes may refer to text before it:
 * those are notes with no reference, `type="unanchored"`).
 *
 * A note that goes on at the next page's foot (its part ends mid-sentence; the next page prints,
 * above its own notes, a paragraph going on in lower case) is one note: both parts, a
 * `milestone type="note-continued"` between them, and an `anchor type="note-continued"` where
 * the second part is printed. On the copy's first page, a paragraph at the foot that stands
 * between the halves of a sentence of the text (the text above it ends mid-sentence, the next page
 * goes on with it) is not the text's: it is a note whose label and reference the copy lost (most
 * often the end of a note begun before the copy), kept where it is printed, with no reference.
 * Whatever else stands at a page's foot stays text.
 */

/** A note's label as OCR reads it: its number, one or two figures, and a space. */
const LABEL = /^([ \t]{0,4})(\d{1,2})([ \t]{1,3})(?=\S)/;
/**
 * A label the OCR misread, one character and a space: a sign no word or sentence begins with
 * (`>`, `♦`, `^`, `*`), or a letter it takes a figure for (`s` and `z` for 2).
 */
const MISREAD = /^([ \t]{0,4})([^\s\p{L}\p{N}§¶"'“”‘’«»„()[\]{}\-–—_.,;:!?|/\\]|[sSzZ])([ \t]{1,3})(?=\S)/u;
/**
 * The printer's own sign for a page's first note (`*`, then `†`, `‡`), which OCR may read glued to
 * the note's first word (`*Beard & Rockwell’s …`, its `B` read `i)`: `*i)card`).
 */
const SIGN = /^([ \t]{0,4})([*†‡])()(?=[\p{L}(])/u;

/**
 * A periodical's signature at the foot of a sheet's first page, the volume and the sheet's number
 * (`VOL. LVI.— 23`, the Popular Science Monthly's): forme work between the halves of a sentence, no
 * note whose label the copy lost.
 */
const SHEET_SIGNATURE = /^VOL\. [IVXLC]{1,8}\.?\s*[—–-]\s*\d{1,3}\.?$/i;

interface Para {
  lines: Line[];
  /** Its text, from its first character to its last, and where it starts. */
  span: NoteSpan;
}

interface Page {
  paras: Para[];
  /** The copy begins inside this page (no page break before it). */
  cut: boolean;
  /** The page ends where its notes interrupt a sentence of the text (`splitAtFeet`). */
  footed?: boolean;
}

interface Label {
  /** Where the entry starts (its label), where its text starts. */
  start: number;
  offset: number;
  printed: string;
  /** The number it prints, or none where the OCR misread it. */
  number?: number;
}

/** A run of lines' text, from its first character to its last. */
function spanOfLines(lines: Line[], source: string): NoteSpan {
  const first = lines[0] as Line;
  const last = lines.at(-1) as Line;
  const start = first.offset + first.text.length - first.text.trimStart().length;
  const end = last.offset + last.text.trimEnd().length;
  return { text: source.slice(start, end), offset: start };
}

function labelOf(para: Para): Label | undefined {
  const line = para.lines[0] as Line;
  const m = LABEL.exec(line.text) ?? MISREAD.exec(line.text) ?? SIGN.exec(line.text);
  // (words follow a note's label: `1 §` at a page's foot is the sheet's signature)
  if (!m || !/\p{L}/u.test(line.text.slice(m[0].length))) return undefined;
  const lead = (m[1] ?? '').length;
  const printed = m[2] ?? '';
  return {
    start: line.offset + lead,
    offset: line.offset + m[0].length,
    printed,
    number: /^\d+$/.test(printed) ? Number(printed) : undefined,
  };
}

/** A note with the printer's sign, on one line (`† See preceding volume of Debates, p. 1280.`). */
const SIGNED_LINE = /^[ \t]{0,4}[*†‡][ \t]{1,3}\p{Lu}/u;

/**
 * A sign's note printed on its own line with no blank line before the text that goes on under it
 * (Hansard's web text: `† See … p. 1280.` / `district would …`): the note ends a sentence, the
 * line after it goes on with one in lower case. The note is a paragraph of its own.
 */
function signedNoteLine(run: Line[]): boolean {
  const [note, next] = run;
  return (
    !!note &&
    !!next &&
    SIGNED_LINE.test(note.text) &&
    !endsMidSentence(note.text.trim()) &&
    startsMidSentence(next.text.trim())
  );
}

/** A form feed alone on a line, or a line that is furniture or a page marker: the page ends there. */
function pagesOf(lines: Line[], source: string, separators: ReadonlySet<number>): Page[] {
  const pages: Page[] = [];
  let paras: Para[] = [];
  let run: Line[] = [];
  let broken = false; // a page break seen
  let cut = true;
  const endPara = (): void => {
    const [head, ...rest] = signedNoteLine(run) ? [run.slice(0, 1), run.slice(1)] : [run];
    for (const part of [head, ...rest])
      if (part?.length) paras.push({ lines: part, span: spanOfLines(part, source) });
    run = [];
  };
  const endPage = (): void => {
    endPara();
    if (paras.length) pages.push({ paras, cut });
    paras = [];
    broken = true;
    cut = false;
  };
  for (const line of lines) {
    const feed = line.text.includes('\f');
    if (separators.has(line.index) || (feed && line.text.replace(/\f/g, '').trim() === '')) {
      endPage();
      continue;
    }
    if (line.text.startsWith('\f')) endPage();
    if (line.text.trim() === '') {
      endPara();
      continue;
    }
    if (!paras.length && !run.length) cut = !broken;
    run.push(line);
    if (feed && /\f[ \t]*$/.test(line.text)) endPage();
  }
  endPage();
  return pages.flatMap(splitAtFeet);
}

/**
 * From a paragraph labelled 1, the notes that follow one another: each paragraph's label (none for
 * a note's second paragraph), up to a label out of sequence or the text going on in lower case.
 */
function noteRun(paras: Para[], from: number): { labels: (Label | undefined)[]; end: number } {
  const labels: (Label | undefined)[] = [labelOf(paras[from] as Para)];
  let expected = 2;
  let end = from + 1;
  for (; end < paras.length; end++) {
    const para = paras[end] as Para;
    const label = labelOf(para);
    if (label && (label.number === expected || label.number === undefined)) {
      labels.push(label);
      expected++;
    } else if (label || startsMidSentence(para.span.text)) break;
    else labels.push(undefined);
  }
  return { labels, end };
}

/**
 * The printer's signs a page's notes may begin with: `*`, or `†` where the page gives `*` another
 * meaning (Hansard marks a speech its speaker revised with `*` before the name).
 */
const FIRST_SIGNS = new Set(['*', '†']);

/** A page's first note: labelled 1, or with the printer's first sign. */
const labelledOne = (para: Para): boolean => {
  const printed = labelOf(para)?.printed ?? '';
  return printed === '1' || FIRST_SIGNS.has(printed);
};

/** The page's foot: the notes it ends with, from the paragraph labelled 1 (its index), or none. */
function footOf(page: Page): { from: number; labels: (Label | undefined)[] } | undefined {
  const { paras } = page;
  for (let from = paras.length - 1; from >= 1; from--) {
    if (!labelledOne(paras[from] as Para)) continue;
    const { labels, end } = noteRun(paras, from);
    // The foot ends the page: its last paragraph is a note's first.
    return end === paras.length && labels.at(-1) !== undefined ? { from, labels } : undefined;
  }
  return undefined;
}

/**
 * A page's foot the text shows by the sentence it stands in (OCR text that kept no furniture: a
 * page break shown only by a blank line): notes from 1 between a paragraph that ends mid-sentence
 * and the paragraph that goes on with it, in lower case. The page ends after them.
 */
function splitAtFeet(page: Page): Page[] {
  const out: Page[] = [];
  let { paras, cut } = page;
  for (let i = 1; i < paras.length; i++) {
    if (!labelledOne(paras[i] as Para) || !endsMidSentence((paras[i - 1] as Para).span.text)) continue;
    const { labels, end } = noteRun(paras, i);
    const resumed = paras[end];
    if (!resumed || labelOf(resumed) || !startsMidSentence(resumed.span.text) || !labels.at(-1)) continue;
    out.push({ paras: paras.slice(0, end), cut, footed: true });
    paras = paras.slice(end);
    cut = false;
    i = 0;
  }
  out.push({ ...page, paras, cut });
  return out;
}

/** A note's entry: its label, its text (each paragraph), its reference. */
function entry(paras: Para[], label?: Label, listNumber = 0, ref?: Ref): NoteItem {
  const first = paras[0] as Para;
  const offset = label?.offset ?? first.span.offset;
  const head: NoteSpan = {
    text: first.span.text.slice(offset - first.span.offset),
    offset,
  };
  const spans = [head, ...paras.slice(1).map((p) => p.span)];
  const last = spans.at(-1) as NoteSpan;
  return {
    listNumber,
    label: label?.printed ?? '',
    text: head.text,
    offset,
    line: first.lines[0] as Line,
    start: label?.start ?? offset,
    end: last.offset + last.text.length,
    paragraphs: spans.length > 1 ? spans : undefined,
    ref: ref ? { offset: ref.offset, label: ref.label, length: ref.length } : undefined,
  };
}

/** The last paragraph's text of a note, with its continuations: whether it ends mid-sentence. */
function pending(item: NoteItem): boolean {
  const last = item.continued?.at(-1) ?? item;
  const text = last.paragraphs?.at(-1)?.text ?? last.text;
  return endsMidSentence(text);
}

/**
 * The notes at the feet of a text's pages, one list a page, in order; `separators` are the lines
 * that end a page (its furniture, a page marker alone on its line).
 */
export function findPageFootNotes(
  lines: Line[],
  source: string,
  separators: ReadonlySet<number>,
  pagesShown: boolean,
): NoteList[] {
  const pages = pagesOf(lines, source, separators);
  const out: NoteList[] = [];
  let open: NoteItem | undefined; // the last note of the page before, when it goes on
  pages.forEach((page, p) => {
    const { paras } = page;
    const before = open;
    open = undefined;
    const first = p === 0 && page.cut; // the copy begins inside this page
    // (where the text shows no pages, only a foot that interrupts a sentence shows one: the
    // notes that end a text are its list, rule `note-list`'s)
    const foot = pagesShown || page.footed ? footOf(page) : undefined;
    const from = foot?.from ?? paras.length;
    // The paragraph just above the page's notes (or its last): the rest of the note the page
    // before left mid-sentence, or on the copy's first page, a paragraph between the halves of a
    // sentence of the text (the text above it ends mid-sentence, the next page goes on with it).
    const above = from >= 2 ? paras[from - 1] : undefined;
    const next = pages[p + 1]?.paras[0];
    let lead: NoteItem | undefined;
    if (pagesShown && above && !labelOf(above)) {
      if (before && startsMidSentence(above.span.text)) lead = { ...entry([above]), continues: before };
      else if (
        first &&
        !SHEET_SIGNATURE.test(above.span.text) &&
        !startsMidSentence(above.span.text) &&
        endsMidSentence((paras[from - 2] as Para).span.text) &&
        next &&
        startsMidSentence(next.span.text)
      )
        lead = entry([above]);
    }
    const body = paras.slice(0, lead ? from - 1 : from);
    const notes: NoteItem[] = [];
    if (foot) {
      const count = foot.labels.filter(Boolean).length;
      // (notes the printer marks by signs are referred to by signs, not by a figure of the text)
      const signed = FIRST_SIGNS.has(foot.labels[0]?.printed ?? '');
      const candidates = refsIn(body.map((p) => p.span)).filter((r) => !signed || r.misread);
      const refs = pairOnPage(candidates, count, first ? count - 1 : 0);
      if (refs) {
        let n = 0;
        foot.labels.forEach((label, k) => {
          if (!label) return;
          // (its paragraphs: this one, and the unlabelled ones after it)
          let end = k + 1;
          while (end < foot.labels.length && !foot.labels[end]) end++;
          notes.push(entry(paras.slice(from + k, from + end), label, n + 1, refs[n]));
          n++;
        });
      }
      // (notes that are no notes: what stood above them is no foot either)
      else lead = undefined;
    }
    if (lead?.continues) {
      const whole = lead.continues;
      whole.continued = [...(whole.continued ?? []), lead];
      if (!notes.length && pending(whole)) open = whole;
    } else if (lead && !notes.length && pending(lead)) open = lead;
    const last = notes.at(-1);
    if (last && pending(last)) open = last;
    const items = [...(lead ? [lead] : []), ...notes];
    const start = items[0];
    if (start)
      out.push({
        style: 'page-foot',
        items,
        firstLine: start.line.index,
        endLine: ((paras.at(-1) as Para).lines.at(-1) as Line).index + 1,
        inText: true,
      });
  });
  return out;
}

/**
 * The rule's inverse: the rest of a continued note prints, where its anchor stands, the part of
 * the note it holds (rule `note-list` prints the first part where the note's own anchor stands);
 * the milestone between the parts, printed with the note's text alone, is a word space.
 */
export const pageFootNote: Rule = {
  id: 'page-foot-note',
  family: 'ocr-book',
  unparse: [
    printer(
      'anchor',
      (e) => e.attrs.type === 'note-continued',
      (e, ctx) => {
        const note = ctx.note((e.attrs.corresp ?? '').replace(/^#/, ''));
        const part = note ? noteParts(note)[Number(e.attrs.n ?? '2') - 1] : undefined;
        return part ? ctx.print(part) : '';
      },
    ),
    printer(
      'milestone',
      (e) => e.attrs.type === 'note-continued',
      () => ' ',
    ),
  ],
};
