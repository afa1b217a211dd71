import type { FigureImages } from '../figures.ts';
import { block, type Item, type PdfBlock } from './block-types.ts';
import type { Spacing } from './spacing.ts';

// The flow blocks.ts lays the model's blocks into: where each rule pushes its print blocks.

/** The blocks being laid out: page breaks between blocks wait for the next block's first line. */
export interface Flow {
  spacing: Spacing;
  out: PdfBlock[];
  pendingPages: Item[];
  afterHeading: boolean;
  leftIndent: number;
  aside?: boolean; // inside a reader's headnote or questions: smaller type, indented both sides
  images?: FigureImages; // the figures' images found (src/render/figures.ts)
}

export function push(flow: Flow, b: PdfBlock): void {
  if (flow.pendingPages.length) b.items = [...flow.pendingPages, ...b.items];
  flow.pendingPages = [];
  b.leftIndent += flow.leftIndent;
  if (flow.aside) {
    if (b.type === 'body') b.type = 'small';
    b.rightIndent = (b.rightIndent ?? 0) + ASIDE_INDENT;
  }
  flow.out.push(b);
}

/** How far a reader's headnote or questions stand in from both margins (points). */
export const ASIDE_INDENT = 18;

export const small = (list: Item[], over: Partial<PdfBlock> = {}): PdfBlock =>
  block(list, { type: 'small', align: 'left', ...over });

/** Blocks added by `add` get at least `lines` of space before the first of them. */
export function spaced(flow: Flow, lines: number, add: () => void): void {
  const from = flow.out.length;
  add();
  const first = flow.out[from];
  if (first) first.spaceBefore = Math.max(first.spaceBefore, lines);
}
