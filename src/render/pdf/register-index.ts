import type { ModelEdition } from '../../model/edition.ts';
import { indexOrder } from '../../model/mentions.ts';
import type { Item, Opening } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { breakLines } from './lines.ts';
import type { Placed } from './page.ts';
import type { Paginator } from './paginate.ts';
import type { PdfStyle } from './style.ts';

/**
 * The back-of-book index of the register: every entry mentioned in the documents, alphabetical,
 * with the numbers of the pages its mentions are printed on, set in two columns. The pages are
 * those the layout recorded for each mention's anchor as the pages were drawn (all of them are
 * drawn before the index opens), so a number is always a page the name stands on. The Paginator
 * sets one column; the index places its lines itself, column by column, on pages it opens.
 */
const GUTTER = 18; // points between the columns
const OPENING: Opening = {
  title: 'Index of Names',
  id: '#register-index',
  runningHead: 'Index of Names',
  division: true,
};

/** One entry: `Kennan, George F., 721, 723`. */
function entryItems(name: string, pages: number[]): Item[] {
  return [{ kind: 'text', text: `${name}, ${pages.join(', ')}`, style: 'regular' }];
}

export function placeRegisterIndex(
  p: Paginator,
  edition: ModelEdition,
  fonts: FontSet,
  style: PdfStyle,
  pageOf: (anchor: string) => number | undefined,
): void {
  const entries = indexOrder(edition.register).flatMap((e) => {
    const pages = [
      ...new Set((edition.mentions.get(e.id) ?? []).flatMap((m) => pageOf(m.anchor) ?? [])),
    ].sort((a, b) => a - b);
    return pages.length ? [{ name: e.name, pages }] : [];
  });
  if (entries.length === 0) return;

  const { size, leading } = style.small;
  const column = (p.measure - GUTTER) / 2;
  const hang = size; // continuation lines are indented one em under the entry's first line
  p.openRecto();
  const title = breakLines(
    [{ kind: 'text', text: OPENING.title, style: 'regular' }],
    p.measure,
    style.title.size,
    0,
    fonts,
    false,
  );
  const heading = p.takeBlock();
  title.forEach((line, k) => {
    p.current.body.push({
      line,
      y: k * style.title.leading,
      size: style.title.size,
      leading: style.title.leading,
      align: 'left',
      leftIndent: 0,
      tag: 'H1',
      block: heading,
      index: k,
      of: title.length,
      // the index opens here: its bookmark, its destination, its running head on the pages after
      opening: k === 0 ? OPENING : undefined,
    });
  });
  let top = style.title.leading * (title.length + 1); // where the columns start on this page
  let col = 0;
  let y = top;
  for (const entry of entries) {
    const lines = breakLines(entryItems(entry.name, entry.pages), column - hang, size, -hang, fonts, false);
    const tag = p.takeBlock();
    // An entry stays in one column when it fits in one.
    if (y > top && y + lines.length * leading > p.height) {
      if (col === 0) {
        col = 1;
        y = top;
      } else {
        p.newPage();
        top = 0;
        col = 0;
        y = 0;
      }
    }
    for (const [k, line] of lines.entries()) {
      const placed: Placed = {
        line,
        y,
        size,
        leading,
        align: 'left',
        leftIndent: col * (column + GUTTER) + hang,
        tag: 'P',
        block: tag,
        index: k,
        of: lines.length,
      };
      p.current.body.push(placed);
      y += leading;
    }
  }
}
