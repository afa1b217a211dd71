import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer, rendTokens } from '../rule.ts';

/** An empty pair of parentheses, nothing or one space inside, standing as a word of its own. */
const BLANK = /\((\s?)\)(?=[\s.,;:!?'"’”)\]-]|$)/y;

/**
 * Rule `blank-parentheses`: a transcriber's empty parentheses `()` or `( )` standing for a word
 * that could not be read or heard (the transcription convention of conversation analysis, "empty
 * parentheses indicate that something is being said, but no hearing could be achieved"; volunteer
 * transcriptions of manuscripts, as the Papers of the War Department's Scripto pages show:
 * `the () of a Treaty`, `We have () () Niagara`) → `<gap reason="illegible">`, the form printed in
 * `rend`. Only a pair set apart as a word: after a space (not at a line's start, where `( ) Yes`
 * is a form's box to tick), before a space or a sign; glued to anything (`f()`, OCR's `i8()6`,
 * a misread folio `]()`) it stays text.
 */
export const blankParentheses: InlineRule = {
  id: 'blank-parentheses',
  family: 'generic',
  trigger: '(',
  parse(ctx, at, end) {
    // (a word space before it, and words of its line before that: not at the line's start)
    const lineStart = ctx.source.lastIndexOf('\n', at - 1) + 1;
    if (!/[ \t]$/.test(ctx.source.slice(at - 1, at)) || !ctx.source.slice(lineStart, at).trim()) return null;
    const m = matchAt(BLANK, ctx.source, at, end);
    if (!m || /[\n\r]/.test(m[1] ?? '')) return null;
    const rend = m[1] ? 'parentheses spaced' : 'parentheses';
    return {
      nodes: [el('gap', { reason: 'illegible', rend, resp: ctx.ids.resp('source-editors') })],
      next: at + m[0].length,
    };
  },
  unparse: [
    printer(
      'gap',
      (e) => rendTokens(e).includes('parentheses'),
      (e) => (rendTokens(e).includes('spaced') ? '( )' : '()'),
    ),
  ],
};
