import type { Line } from '../lines.ts';
import { keyedItem, type NoteItem, type NoteList } from '../note-types.ts';
import type { Rule } from '../rule.ts';
import { endsMidSentence, startsMidSentence } from './paragraph-merge.ts';

/**
 * A foot-note's key: the number of the sutra or verse it explains, with its section's where the
 * note is the first of a section on the page (`7.2.` is kandikā 7, sutra 2), or several (`1, 2.`).
 */
const KEY = /^([ \t]{0,4})((\d{1,3})(?:\.(\d{1,3}))?(?:(?:, ?| ?[-–] ?)\d{1,3})*)\. (?=\p{L}|['‘"“(])/u;

interface Para {
  first: number;
  last: number; // index of its last line
}

/** The text's paragraphs: runs of lines between blank lines. */
function paragraphsOf(lines: Line[]): Para[] {
  const out: Para[] = [];
  let first = -1;
  lines.forEach((line, k) => {
    const blank = line.text.trim() === '';
    if (!blank && first === -1) first = k;
    if (blank && first !== -1) {
      out.push({ first, last: k - 1 });
      first = -1;
    }
  });
  if (first !== -1) out.push({ first, last: lines.length - 1 });
  return out;
}

/** A paragraph's text, from its first character to its last. */
function textOf(lines: Line[], p: Para, source: string, skip = 0): { text: string; offset: number } {
  const head = lines[p.first] as Line;
  const tail = lines[p.last] as Line;
  const start =
    head.offset + skip + (head.text.slice(skip).length - head.text.slice(skip).trimStart().length);
  return { text: source.slice(start, tail.offset + tail.text.trimEnd().length), offset: start };
}

/**
 * Rule `keyed-foot-note` (Sacred Books of the East and OCR'd texts keyed as it is): the notes a
 * page sets at its foot keyed by the number of the sutra they explain (`5. The injunction to turn
 * the face …`), not by marks in the text, in OCR text that kept no furniture, where they stand
 * between the halves of a sentence of the text (`… in his (right) hand, which` / the notes /
 * `is filled with water, …`). Only such a run is taken: every paragraph of it keyed, the keys in
 * the order of the sutras (a key with its section, `7.2.`, sets the section for those after it),
 * each note ending its sentence, the sutra they interrupt numbered (`5. Now they quote …`) and
 * the first note explaining it or one before it (its key no higher): a numbered run going on from
 * the text's numbers is the text's own, and stays text. The notes are kept
 * where printed (`type="unanchored"`, `place="foot"`), labelled by their keys (rule `note-list`
 * prints them back, style `keyed`).
 */
export function findKeyedFootNotes(lines: Line[], source: string): NoteList[] {
  const paras = paragraphsOf(lines);
  const out: NoteList[] = [];
  for (let i = 1; i < paras.length; i++) {
    const above = paras[i - 1] as Para;
    if (!endsMidSentence(textOf(lines, above, source).text)) continue;
    const items: NoteItem[] = [];
    let section = 0;
    let previous = -1;
    let j = i;
    for (; j < paras.length; j++) {
      const p = paras[j] as Para;
      const line = lines[p.first] as Line;
      const key = KEY.exec(line.text);
      if (!key) break;
      if (key[4] !== undefined) section = Number(key[3]);
      const order = section * 1000 + Number(key[4] ?? key[3]);
      const span = textOf(lines, p, source, key[0].length);
      if (order <= previous || endsMidSentence(span.text)) break;
      previous = order;
      items.push(keyedItem(line, key[2] ?? '', key[1] ?? '', span));
    }
    const resumed = paras[j];
    if (!items.length || !resumed || !startsMidSentence(textOf(lines, resumed, source).text)) continue;
    // (a note explains a sutra printed above it: a numbered run going on from the text's numbers
    // is the text's own, interrupted by nothing)
    const first = KEY.exec((lines[(paras[i] as Para).first] as Line).text);
    const sutra = Number(first?.[4] ?? first?.[3]);
    const interrupted = KEY.exec((lines[above.first] as Line).text);
    if (!interrupted || !(sutra <= Number(interrupted[4] ?? interrupted[3]))) continue;
    out.push({
      style: 'keyed',
      items,
      firstLine: (paras[i] as Para).first,
      endLine: (paras[j - 1] as Para).last + 1,
      inText: true,
      atFoot: true,
    });
    i = j;
  }
  return out;
}

/** Rule `keyed-foot-note`: its notes are printed back by rule `note-list` (style `keyed`, label `N. `). */
export const keyedFootNote: Rule = { id: 'keyed-foot-note', family: 'generic' };
