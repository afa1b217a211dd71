import { type InlineRule, matchAt } from '../inline.ts';
import { captionedFigure, FIGURE_LABEL } from './figure.ts';

/**
 * Rule `figure-inline`: a transcriber's `[Illustration: caption]` (any label rule `figure` knows,
 * `[ILLUSTRATION]`, `[Illustration 12: …]` too) standing inside running text — a copy that lost
 * its line breaks (a store that runs a Gutenberg file into one line: `…Ebook #26422] [Illustration:
 * Repulsed at Torgau--Frederick waiting for morning.] GREAT MEN…`), or a caption set inside a
 * paragraph. The same `<figure>` where it stands, its caption the `head`; printed back by rule
 * `figure`. On a line of its own it is rule `figure`'s block. The caption holds no line break
 * followed by a blank line and at most one level of brackets of its own (`[Illustration: The
 * fort [from a sketch]]`): a bracket left open is no figure.
 */
const WORDS = String.raw`(?:[^\[\]]|\[[^\[\]\n]*\])`;
const FIGURE = new RegExp(String.raw`\[(${FIGURE_LABEL})(?:(:)(${WORDS}*?))?\]`, 'iy');

export const figureInline: InlineRule = {
  id: 'figure-inline',
  family: 'generic',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(FIGURE, ctx.source, at, end);
    if (!m || /\n\s*\n/.test(m[0])) return null;
    const label = m[1] ?? '';
    if (!/^\p{Lu}/u.test(label)) return null;
    const caption = m[2] ? { from: at + 1 + label.length + 1, to: at + m[0].length - 1 } : undefined;
    return { nodes: [captionedFigure(label, caption, ctx)], next: at + m[0].length };
  },
};
