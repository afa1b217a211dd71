import { el } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { printer, rendTokens } from '../rule.ts';

/** The note's number in brackets, glued to the note's first word (`[1]Later`, `[2]"The`). */
const MARK = /\[(\d{1,3})\](?=["“‘(]?\p{Lu})/uy;
/** What the mark is glued to: the words before it or their stop (`Government."[1]`). */
const GLUED_BEFORE = /[\p{L}.,;:!?"'”’)]/u;
/** A sentence's end: its stop (and closing quotes), a space, the next sentence's capital. */
const SENTENCE_END = /[.!?]["'”’)]*(?=[ \t]+["“‘(]?\p{Lu})/gu;
/** Words a stop ends as an abbreviation, not a sentence (`Mr.`, `v.`, `No.`, `Fla.`, `supra.`). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr v vs no nos co corp inc ltd cf id ibid supra infra ante post p pp ch art sec cl amend const fla ala cal ga ill mass pa tex va ct app supp ed rev stat gen ann'.split(
    ' ',
  ),
);

/** Where the note's first sentence ends (after its stop and quotes), or -1 where none ends before `end`. */
function sentenceEnd(source: string, from: number, end: number): number {
  const text = source.slice(from, end);
  for (const m of text.matchAll(SENTENCE_END)) {
    const at = m.index ?? 0;
    const word = /(\S+)$/.exec(text.slice(0, at))?.[1] ?? '';
    const bare = word.replace(/^["“‘(]+/, '');
    // (an initial, `U.S.`, an abbreviation: no sentence ends there)
    if (
      m[0].startsWith('.') &&
      (/^\p{Lu}$/u.test(bare) || bare.includes('.') || ABBREVIATIONS.has(bare.toLowerCase()))
    )
      continue;
    return from + at + m[0].length;
  }
  return -1;
}

/**
 * Rule `glued-note` (a court's opinion as Sefaria prints it): a footnote printed inside the text
 * where its reference stands, its number in brackets glued to the words before it and to the
 * note's first word, the opinion going on after it (`… by the United States Government."[1]Later,
 * in the petition for habeas corpus, … of the Bill of Rights." Treating the petition …`) → the
 * note where it stands (`note place="foot" rend="glued-note"`). The copy does not show where the
 * note ends (the page set it apart in type the copy lost): it is read to the end of its first
 * sentence, as most such notes are one, or to the paragraph's end where that comes first (the
 * copy cut inside it). A bracketed number with a space on either side is no such note, nor one the
 * copy also lists on a line of its own (`[1] …`: the mark is that note's reference).
 */
export const gluedNote: InlineRule = {
  id: 'glued-note',
  family: 'law-report',
  trigger: '[',
  parse(ctx, at, end) {
    MARK.lastIndex = at;
    const m = MARK.exec(ctx.source);
    if (!m || at + m[0].length >= end || !GLUED_BEFORE.test(ctx.source[at - 1] ?? '')) return null;
    const n = m[1] ?? '';
    // (where the copy lists the note too, `[1] Later, …` on a line of its own, the mark is its reference)
    if (new RegExp(`^[ \\t]*\\[${n}\\]`, 'm').test(ctx.source)) return null;
    const from = at + m[0].length;
    const stop = sentenceEnd(ctx.source, from, end);
    const to = stop === -1 ? from + ctx.source.slice(from, end).trimEnd().length : stop;
    // (where it ends is a reading, not a sign of the copy: said, so an editor can check it)
    ctx.diag.add(
      'info',
      'glued-note',
      `note ${n} is printed in the text; read to the end of its ${stop === -1 ? 'paragraph' : 'first sentence'}`,
      ctx.positions.at(at),
    );
    const note = el(
      'note',
      { place: 'foot', n, 'xml:id': ctx.ids.take(`fn${n}`), rend: 'glued-note' },
      ctx.inline(from, to),
    );
    return { nodes: [note], next: to };
  },
  unparse: [
    printer(
      'note',
      (e) => rendTokens(e).includes('glued-note'),
      (e, ctx) => `[${e.attrs.n ?? ''}]${ctx.print(e.children)}`,
    ),
  ],
};
