import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer, rendTokens } from '../rule.ts';

/**
 * A debate's footnote as a web copy of Hansard runs it into the speech: its mark (`†`, `‡`, `*`)
 * glued to `See` and a citation of the debates it refers to, ending on a column number and its
 * stop (`(4)Debates, clxxvi., 485–6.`, `Official Report, 12 March 1990; Vol. 169, c. 45.`), the
 * speech going on after it in lower case (`the absence of the †See (4)Debates, clxxvi., 485–6.
 * hon. Member for …`): the printed page set the note at the column's foot, and the copy put it
 * where the column ended.
 */
const NOTE = /([†‡*])(See [^†‡*\n]{3,100}?\d+(?:[–-]\d+)?\.)(?=[ \t]+\p{Ll})/uy;

/**
 * Rule `debate-note` (parliamentary): such a note is kept where the copy prints it, as a note
 * with no reference in the text (its mark stood in the speech the column broke; the copy keeps
 * only the note's own): `note place="foot" type="unanchored" n="†" rend="debate-note"`.
 */
function debateNote(trigger: string): InlineRule {
  return {
    id: 'debate-note',
    family: 'parliamentary',
    trigger,
    parse(ctx, at, end) {
      const m = matchAt(NOTE, ctx.source, at, end);
      // (a note stands between words: after a space, not glued to a word as a reference is)
      if (!m || !/[ \t]/.test(ctx.source[at - 1] ?? '')) return null;
      const mark = m[1] ?? '';
      const from = at + mark.length;
      const to = at + m[0].length;
      const note = el(
        'note',
        { place: 'foot', type: 'unanchored', n: mark, rend: 'debate-note' },
        ctx.inline(from, to),
      );
      return { nodes: [note], next: to };
    },
    unparse: [
      printer(
        'note',
        (e) => rendTokens(e).includes('debate-note'),
        (e, ctx) => `${e.attrs.n ?? ''}${ctx.print(e.children)}`,
      ),
    ],
  };
}

/** One rule per mark a debate's note may print (an inline rule starts at one character). */
export const DEBATE_NOTES: InlineRule[] = ['†', '‡', '*'].map(debateNote);
