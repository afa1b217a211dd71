import type { Line } from '../lines.ts';
import { keyedItem, type NoteItem, type NoteList, type NoteSpan } from '../note-types.ts';
import type { Rule } from '../rule.ts';

/** The heading a book sets over its notes at the end of a chapter or of the book. */
const NOTES_HEADING = /^\s*(?:NOTES|Notes|ENDNOTES|Endnotes)\.?\s*$/;
/**
 * An entry's key: the number of the verse, stanza, sutra or line it explains, or several
 * (`8.`, `1, 2.`, `15-18.`), at the start of its first paragraph.
 */
const KEY = /^(\s{0,4})(\d{1,4}(?:(?:, ?| ?[-–] ?)\d{1,4})*)\. (?=\S)/;
/** A heading after the notes: a short line in capitals, without a sentence's full stop. */
const HEADING_AFTER = /^\s*[\p{Lu}\d][\p{Lu}\d .,'’:-]{0,40}$/u;

/** One paragraph of an entry: the run of lines up to a blank line, without its outer white space. */
function paragraphOf(lines: Line[], first: number, last: number, from: number, source: string): NoteSpan {
  const start = (lines[first] as Line).offset + from;
  const end = (lines[last] as Line).offset + (lines[last] as Line).text.trimEnd().length;
  const raw = source.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.slice(lead), offset: start + lead };
}

/**
 * Rule `keyed-notes`: a book's notes section, under a `NOTES` heading, each entry keyed by the
 * number of the verse or stanza it explains (`1, 2. These stanzas …`, `15-18. Here and
 * Hereafter …`), an entry running on over the paragraphs after it until the next key. The key is
 * no reference mark printed in the text (the stanzas carry no marks), so each note stays where it
 * is printed (`type="unanchored"`), labelled by its key. A page line inside the section (`p. 86`)
 * is the text's page break: the entry it interrupts goes on after it, one note in two parts (as a
 * note continued at the next page's foot).
 */
export function findKeyedNotes(
  lines: Line[],
  source: string,
  isPageLine: (text: string) => boolean,
): NoteList[] {
  const heading = lines.findIndex((l) => NOTES_HEADING.test(l.text));
  if (heading === -1) return [];
  const out: NoteList[] = [];
  let list: NoteList | undefined;
  let current: NoteItem | undefined; // the entry the next paragraph goes on with
  let part: NoteItem | undefined; // its part after a page line, if any
  let firstKey = true;
  for (let i = heading + 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.text.trim() === '') continue;
    if (isPageLine(line.text)) {
      list = undefined; // the page line stands between two lists: the text's page break
      part = undefined;
      continue;
    }
    // the paragraph: this line and those after it up to a blank or a page line
    let last = i;
    while (
      last + 1 < lines.length &&
      (lines[last + 1] as Line).text.trim() !== '' &&
      !isPageLine((lines[last + 1] as Line).text)
    )
      last++;
    const key = KEY.exec(line.text);
    if (firstKey && !key) return []; // the heading is not over keyed notes
    if (key) {
      firstKey = false;
      const span = paragraphOf(lines, i, last, (key[0] ?? '').length, source);
      current = keyedItem(line, key[2] ?? '', key[1] ?? '', span);
      part = undefined;
      if (!list) {
        list = { style: 'keyed', items: [], firstLine: i, endLine: i, inText: true };
        out.push(list);
      }
      list.items.push(current);
    } else if (last === i && HEADING_AFTER.test(line.text) && !/[.;:,]$/.test(line.text.trim())) {
      break; // a heading: the notes are over
    } else if (current) {
      const span = paragraphOf(lines, i, last, 0, source);
      if (!list) {
        // the entry goes on after a page line: its next part, in a list of its own
        part = {
          listNumber: 0,
          label: '',
          text: span.text,
          offset: span.offset,
          line,
          start: span.offset,
          end: 0,
          continues: current,
        };
        part.paragraphs = [];
        current.continued = [...(current.continued ?? []), part];
        list = { style: 'keyed', items: [part], firstLine: i, endLine: i, inText: true };
        out.push(list);
      }
      const into = part ?? current;
      into.paragraphs?.push(span);
      into.text = into.paragraphs?.[0]?.text ?? span.text;
      into.offset = into.paragraphs?.[0]?.offset ?? span.offset;
      into.end = span.offset + span.text.length;
    }
    if (list) list.endLine = last + 1;
    i = last;
  }
  return out;
}

/** Rule `keyed-notes`: its notes are printed back by rule `note-list` (style `keyed`, label `N. `). */
export const keyedNotes: Rule = { id: 'keyed-notes', family: 'generic' };
