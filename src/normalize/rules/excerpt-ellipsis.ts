import type { InlineContext, InlineRule } from '../inline.ts';
import { matchAt } from '../inline.ts';
import { ellipsisGap } from './editorial-ellipsis.ts';

/**
 * Rule `editorial-ellipsis`, in any document: the dots with which whoever made an extract marks
 * the words left out between its passages (a web page's excerpts of a message, a course reader's
 * abridged opinion) → the same `gap` as the editors' dots. Only where the dots stand between
 * passages, never inside a sentence (a writer's own dots, trailing off or quoting with words left
 * out, are the document's text):
 * - opening a paragraph, before a capital (`. . . At the proposal of …`): the extract begins
 *   inside the text it is taken from;
 * - three dots alone on a line (`...`, `. . .`) among the lines of the text;
 * - and in a document that shows itself an extract by one of those, spaced dots after a sentence's
 *   end, before the next sentence or at the paragraph's end (`subject now to be considered. . . .`,
 *   `by any European powers. . .`).
 * Not inside a quotation the paragraph opens and has not closed (a writer quoting with words left
 * out). A longer row of dots alone on its line is rule `omission-row`'s.
 */

/** Spaced dots, three or more, a word space or the line's edge after them. */
const SPACED = /\.(?: \.){2,}(?=\s|$)/y;
/** Three dots, spaced or not, alone on their line. */
const ALONE = /(?:\.{3}|\. \. \.)[ \t]*(?=\n|$)/y;
/** Dots opening a paragraph, before a capital (or a quotation mark or bracket and a capital). */
const OPENING = /(?:\.{3,4}|\.(?: \.){2,3})(?=[ \t]+[“"‘(]?\p{Lu})/uy;

const SENTENCE_END = /[.!?]["'’”)]*$/u;
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;

/** Where the paragraph holding `at` begins and ends in the source (blank lines around it). */
function paragraphAround(source: string, at: number): { start: number; end: number } {
  let start = 0;
  let end = source.length;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (const m of source.matchAll(PARAGRAPH_BREAK)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/** Whether a quotation opened before `at` in the paragraph is still open there. */
function insideQuotation(before: string): boolean {
  const count = (re: RegExp): number => before.match(re)?.length ?? 0;
  return count(/“/g) > count(/”/g) || count(/"/g) % 2 === 1;
}

/** Whether a line holds nothing but three dots (the text the extract leaves out between two of its lines). */
const ALONE_LINE = /^[ \t]*(?:\.{3}|\. \. \.)[ \t]*$/m;
/** A paragraph opening with dots before a capital. */
const OPENING_PARAGRAPH = /(?:^|\n[ \t]*\n)[ \t]*(?:\.{3,4}|\.(?: \.){2,3})[ \t]+[“"‘(]?\p{Lu}/u;

let shownFor: { source: string; shown: boolean } | undefined;
/** Whether the document shows itself an extract: a paragraph opening with dots, or dots alone on a line. */
function extractShown(source: string): boolean {
  if (shownFor?.source !== source)
    shownFor = { source, shown: ALONE_LINE.test(source) || OPENING_PARAGRAPH.test(source) };
  return shownFor.shown;
}

function excerptDots(ctx: InlineContext, at: number, end: number): RegExpExecArray | null {
  const { source } = ctx;
  // (most stops are no ellipsis: the paragraph is looked for only around three dots)
  if (!source.startsWith('...', at) && !source.startsWith('. . .', at)) return null;
  const paragraph = paragraphAround(source, at);
  const before = source.slice(paragraph.start, at);
  if (insideQuotation(before)) return null;
  const lineStart = /(?:^|\n)[ \t]*$/.test(before);
  if (lineStart) {
    const alone = matchAt(ALONE, source, at, end);
    if (alone) return alone;
    if (before.trim() === '') return matchAt(OPENING, source, at, end);
  }
  if (!extractShown(source)) return null;
  const dots = matchAt(SPACED, source, at, end);
  if (!dots) return null;
  const glued = /\S$/.test(before);
  // (glued to a word, four dots are the sentence's stop and an ellipsis: the ellipsis is read after the stop)
  if (glued && (!/\p{L}$/u.test(before) || dots[0].length > 5)) return null;
  if (!glued && !SENTENCE_END.test(before.trimEnd())) return null;
  const after = source.slice(at + dots[0].length, paragraph.end);
  return after.trim() === '' || /^\s+[“"‘(]?\p{Lu}/u.test(after) ? dots : null;
}

export const excerptEllipsis: InlineRule = {
  id: 'editorial-ellipsis',
  family: 'generic',
  trigger: '.',
  parse(ctx, at, end) {
    return ellipsisGap(ctx, at, excerptDots(ctx, at, end));
  },
};
