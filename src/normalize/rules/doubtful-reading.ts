import { el } from '../../tei/node.ts';
import {
  type InlineContext,
  type InlineMatch,
  type InlineRule,
  type InlineState,
  matchAt,
} from '../inline.ts';
import { printer } from '../rule.ts';

/** The query mark, glued to the word it doubts: in parentheses, or in the editors' square brackets. */
const QUERY = /\(\?\)|\[\?\]/y;

/** The word the query follows: letters or figures, with a word's own apostrophes and hyphens (`Khemennu`, `Ra-Heru`). */
const WORD_BEFORE = /(?:^|[^\p{L}\p{N}'’-])([\p{L}\p{N}][\p{L}\p{N}'’-]*)$/u;

/**
 * Rule `doubtful-reading`: a translator's or an editor's `(?)` glued to the word it doubts
 * (Budge's Book of the Dead: `Khemennu(?)`, `to understand(?) it`; a documentary edition's
 * `Brown(?)`): the reading is printed, but as uncertain — `<unclear reason="doubtful">` around the
 * word and its mark, so every format shows the query where the copy prints it. The editors'
 * bracketed `[?]` says the same (`Mr Robert[?] Spaight`, DocSouth's Colonial Records; the
 * Chicago Manual's sign for a doubtful word, 13.60), where a bracket would otherwise read as a
 * word they supplied. A query after a space, or after a sign, queries no one word and stays text.
 */
export const doubtfulReading: InlineRule = {
  id: 'doubtful-reading',
  family: 'generic',
  trigger: '(',
  parse: parseQuery,
  unparse: [
    printer(
      'unclear',
      (e) => e.attrs.reason === 'doubtful',
      (e, ctx) => ctx.print(e.children),
    ),
  ],
};

/** Rule `doubtful-reading` at its bracketed form (printed back by the first: the same element). */
export const doubtfulReadingBracket: InlineRule = {
  id: 'doubtful-reading',
  family: 'generic',
  trigger: '[',
  parse: parseQuery,
};

function parseQuery(ctx: InlineContext, at: number, end: number, state: InlineState): InlineMatch | null {
  const m = matchAt(QUERY, ctx.source, at, end);
  const word = m ? WORD_BEFORE.exec(state.buffer)?.[1] : undefined;
  if (!m || !word) return null;
  state.buffer = state.buffer.slice(0, state.buffer.length - word.length);
  return {
    nodes: [el('unclear', { reason: 'doubtful', resp: ctx.ids.resp('source-editors') }, [`${word}${m[0]}`])],
    next: at + m[0].length,
  };
}
