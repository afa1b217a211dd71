import type { PdfBlock } from './blocks.ts';
import { drawnSize, GAP, type PdfImage } from './image.ts';
import type { LayoutState, Setting } from './layout-state.ts';
import type { Line } from './lines.ts';
import type { Placed } from './page.ts';

/** A figure's image placed on a page by the paginator (the blocks of a figure: blocks.ts, its image: image.ts). */
const EMPTY_LINE: Line = {
  words: [],
  width: 0,
  space: 0,
  justify: false,
  overfull: false,
  indent: 0,
  notes: [],
  pages: [],
  anchors: [],
};

/**
 * Places an image block as one tall line of the page (the paginator's `tryPlace` and `breakPage`
 * do the rest): on this page where it fits, else on the next.
 */
export function imageLine(block: PdfBlock, s: LayoutState, setting: Setting, height: number): Placed {
  const image = block.image as PdfImage;
  const size = drawnSize(image, setting.measure - block.leftIndent - (block.rightIndent ?? 0), height);
  return {
    line: EMPTY_LINE,
    y: 0,
    size: setting.style.small.size,
    leading: size.height + 2 * GAP,
    align: 'center',
    leftIndent: block.leftIndent,
    tag: block.tag,
    block: s.blockCounter++,
    index: 0,
    of: 1,
    image: { ...image, drawnWidth: size.width, drawnHeight: size.height, gap: GAP },
  };
}
