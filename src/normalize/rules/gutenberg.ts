import { el } from '../../tei/node.ts';
import type { BlockRule } from '../blocks.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer, rendTokens } from '../rule.ts';
import { spanOf } from '../spans.ts';

/**
 * Project Gutenberg's transcribers' marks besides notes, pages and pictures (family `gutenberg`).
 */

const UNDERSCORE = /_(?=[^\s_])((?:[^_\n]|\n(?!\s*\n)){0,400}?[^\s_])_(?![\p{L}\p{N}])/uy;

/**
 * Rule `underscore-italic`: `_italic_`, as Gutenberg's plain texts print italics (over a line end
 * too) → `<hi rend="italic underscore">`; `recto text` prints the underscores back.
 */
export const underscoreItalic: InlineRule = {
  id: 'underscore-italic',
  family: 'gutenberg',
  trigger: '_',
  parse(ctx, at, end) {
    if (at > 0 && /[\p{L}\p{N}_]/u.test(ctx.source[at - 1] ?? '')) return null; // snake_case is not italic
    const m = matchAt(UNDERSCORE, ctx.source, at, end);
    if (!m) return null;
    const inner = ctx.inline(at + 1, at + 1 + (m[1] ?? '').length);
    return { nodes: [el('hi', { rend: 'italic underscore' }, inner)], next: at + m[0].length };
  },
  unparse: [
    printer(
      'hi',
      (e) => rendTokens(e).includes('underscore'),
      (e, ctx) => `_${ctx.print(e.children)}_`,
    ),
  ],
};

const SIDENOTE = /\[Sidenote: ([^\]\n]+)\]/y;

/**
 * Rule `sidenote`: `[Sidenote: 1760.]`, a note the book printed in its margin, where the
 * transcriber set it (before its paragraph) → `<note place="margin">`.
 */
export const sidenote: InlineRule = {
  id: 'sidenote',
  family: 'gutenberg',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(SIDENOTE, ctx.source, at, end);
    if (!m) return null;
    const inner = ctx.inline(at + 11, at + 11 + (m[1] ?? '').length);
    return { nodes: [el('note', { place: 'margin', type: 'sidenote' }, inner)], next: at + m[0].length };
  },
  unparse: [
    printer(
      'note',
      (e) => e.attrs.type === 'sidenote',
      (e, ctx) => `[Sidenote: ${ctx.print(e.children)}]`,
    ),
  ],
};

const THOUGHT_BREAK = /^(?:\*(?:[ \t]+\*){2,}|<tb>)$/;

/**
 * Rule `thought-break`: a line of spaced asterisks (`*       *       *`) or `<tb>` between two
 * passages is a break in the text, not text left out → `<milestone unit="section" rend="thought-break">`
 * keeping the line as printed in `n`. (In a FRUS text the same row marks an omission: rule
 * `omission-row`.)
 */
export const thoughtBreak: BlockRule = {
  id: 'thought-break',
  family: 'gutenberg',
  parse(run) {
    const first = run[0];
    if (!first || !THOUGHT_BREAK.test(first.text.trim())) return null;
    return { blocks: [{ kind: 'thought-break', span: spanOf(first) }], lines: 1 };
  },
  unparse: [
    printer(
      'milestone',
      (e) => e.attrs.rend === 'thought-break',
      (e) => e.attrs.n ?? '',
    ),
  ],
};
