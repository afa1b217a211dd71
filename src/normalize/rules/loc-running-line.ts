import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

/** The item's address, after the collection's title on the line. */
const ADDRESS = /https?:\/\/www\.loc\.gov\/resource\/[\w.-]*[\w-](?= |\n|$)/y;

/**
 * Rule `loc-running-line` (family `library-of-congress`): the line the Library of Congress's PDF
 * of a manuscript collection prints at the head of each page, the collection's title and the
 * item's address (`George Washington Papers, Series 3, Subseries 3C, Varick Transcripts,
 * Letterbook 4 http://www.loc.gov/resource/mgw3c.004`), which the PDF's text runs into the page's
 * first words. At a line's start, its title printed again elsewhere in the copy (the first line,
 * another page's head), it is where its page begins: `<pb rend="loc-running-line"/>`
 * (no number there) and the line as `<fw type="header">`. Read at the address (its trigger), the
 * title taken back from the text before it on its line. The break prints nothing; the head its line.
 */
export const locRunningLine: InlineRule = {
  id: 'loc-running-line',
  family: 'library-of-congress',
  trigger: 'h',
  parse(ctx, at, end, state) {
    const lineStart = ctx.source.lastIndexOf('\n', at - 1) + 1;
    const title = ctx.source.slice(lineStart, at);
    // (the whole title still in the text read so far: nothing else on the line before it)
    if (title.length < 11 || title.length > 200 || !title.endsWith(' ') || !state.buffer.endsWith(title))
      return null;
    const m = matchAt(ADDRESS, ctx.source, at, end);
    // (the collection's title, printed again: on the copy's first line, or at another page's head)
    const named = title.trim();
    if (!m || ctx.source.indexOf(named) === ctx.source.lastIndexOf(named)) return null;
    state.buffer = state.buffer.slice(0, state.buffer.length - title.length);
    const pb = el('pb', { rend: 'loc-running-line', 'xml:id': ctx.ids.take('pg') });
    return { nodes: [pb, el('fw', { type: 'header' }, [title + m[0]])], next: at + m[0].length };
  },
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'loc-running-line',
      () => '',
    ),
  ],
};
