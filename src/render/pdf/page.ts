import type { Opening, PdfBlock } from './blocks.ts';
import type { PdfImage } from './image.ts';
import type { Line } from './lines.ts';

/**
 * A page as the layout plans it and the drawer draws it: its body lines and note lines, each placed
 * at its depth with what the structure tree and the links need (block, opening, contents entry).
 */
export interface Placed {
  line: Line;
  y: number; // top of the line box, from the top of the text block
  size: number;
  leading: number;
  align: PdfBlock['align'];
  leftIndent: number;
  tag: PdfBlock['tag'];
  block: number; // index of the block (for the structure tree)
  index: number; // of the line in its block
  of: number; // lines of the block
  tocFor?: string; // a contents entry: the document whose first page it gives (drawn at the end)
  opening?: Opening; // a document (or the introduction) starts with this line
  /** A line of a table's cell; `panel` the column panel of a wide table it is in (table-panels.ts). */
  cell?: { table: number; row: number; header: boolean; panel?: number };
  /** A table's header row set again at the top of a page the table runs on to: drawn as a pagination artifact. */
  repeat?: true;
  /** A wide table's stub or caption set again for a later column panel (table-panels.ts): drawn as an artifact. */
  panel?: true;
  /** A figure's image, drawn in this line's box (figure.ts). */
  image?: PdfImage & { drawnWidth: number; drawnHeight: number; gap: number };
  /** A line of a heading (a title, a source note, a dateline…): kept with two lines of what follows it. */
  head?: true;
}

export interface Page {
  number: number;
  body: Placed[];
  notes: Placed[];
  runningHead?: string; // a fixed page's own (the contents); documents' are chosen as pages are drawn
  blank?: boolean;
  fixed?: 'half-title' | 'title' | 'imprint' | 'toc';
  depth?: number; // the text block's depth when shorter than the style's: a right-hand page as deep as its verso
}

/** How deep a page's text goes: to its foot where it has notes (they stand there), else its last line; null for a blank or fixed page, or one with no text. */
export function textDepth(page: Page, height: number): number | null {
  const last = page.body.at(-1);
  if (page.blank || page.fixed || !last) return null;
  return page.notes.length ? (page.depth ?? height) : last.y + last.leading;
}
