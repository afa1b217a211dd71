import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';

/** Three dots, no more: unspaced (`States,.../`) or spaced (`. . .`). */
const DOTS = /(?:\.\.\.|\. \. \.)(?!\.)/y;
/** A transcriber's line-end mark, a stroke with a space on one side at least (`Congress, / February`). */
const LINE_MARK = /(?:^|\s)\/|\/(?:\s|$)/;

/**
 * The Internet Archive's full-text page heads the OCR with the item's catalogued title, which the
 * cataloguer abridges with dots as library cataloguing does (`Full text of "Report of . . . David L.
 * Swain . . . on the Historical agency …"`): words of the title left out.
 */
const CATALOGUE_TITLE = /^Full text of "/;

/**
 * Rule `title-ellipsis` (bibliographies): a title transcribed line for line, a stroke for each of
 * the original's line ends (`198. In Congress, / February 5, 1778/.../ February 6,/.../ … Fo.`,
 * the Journals of the Continental Congress's bibliographical notes; Evans's and Sabin's entries
 * alike), where the bibliographer's three dots mark words of the title left out → `<gap
 * reason="omitted" rend="ellipsis">` with the dots in its `desc` (printed back by rule
 * `editorial-ellipsis`). Read only on a line that carries a transcriber's stroke, or on the
 * Archive's catalogued title line: elsewhere the dots are the writer's own (TRUTH.md).
 */
export const titleEllipsis: InlineRule = {
  id: 'title-ellipsis',
  family: 'generic',
  trigger: '.',
  parse(ctx, at, end) {
    if (ctx.source[at - 1] === '.') return null;
    const m = matchAt(DOTS, ctx.source, at, end);
    if (!m) return null;
    const lineStart = ctx.source.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = ctx.source.indexOf('\n', at);
    const line = ctx.source.slice(lineStart, lineEnd === -1 ? ctx.source.length : lineEnd);
    if (!LINE_MARK.test(line) && !CATALOGUE_TITLE.test(line)) return null;
    const gap = el('gap', { reason: 'omitted', rend: 'ellipsis', resp: ctx.ids.resp('source-editors') }, [
      el('desc', {}, [m[0]]),
    ]);
    return { nodes: [gap], next: at + m[0].length };
  },
};
