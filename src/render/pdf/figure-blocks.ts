import type { BlockOf } from '../../model/types.ts';
import { type FigureImages, imageBytes, mediaKey, showsIn, standIns } from '../figures.ts';
import type { Item, PdfBlock } from './block-types.ts';
import { imageSize } from './image.ts';

/**
 * The print blocks of a figure; `small` makes a small block as the other rules do, `flushPages`
 * sets the page breaks waiting before it on a line of their own (an image carries no words to hang
 * them on).
 */
export function figureBlocks(
  b: BlockOf<'figure'>,
  images: FigureImages | undefined,
  small: (items: Item[], over?: Partial<PdfBlock>) => PdfBlock,
  caption: Item[],
  flushPages: () => void,
): PdfBlock[] {
  const shown = showsIn('pdf', images);
  const stand = standIns(b, shown);
  const out: PdfBlock[] = [];
  const placeholder = (k: number): void => {
    const s = stand[k];
    if (!s) return;
    const list: Item[] = [{ kind: 'text', text: s.notice, style: 'italic' }];
    if (s.address) {
      list.push({ kind: 'text', text: ': ', style: 'regular' });
      list.push({ kind: 'text', text: s.address, style: 'regular', ...(s.href ? { uri: s.href } : {}) });
    }
    if (s.description) list.push({ kind: 'text', text: ` ${s.description}`, style: 'regular' });
    out.push(small(list, { align: 'center', keepWithNext: true }));
  };
  let k = 0;
  for (const m of b.media) {
    const key = mediaKey(m);
    const found = key ? images?.[key] : undefined;
    const data = found && shown(m) ? imageBytes(found, m) : undefined;
    const size = data ? imageSize(data) : undefined;
    if (data && size) {
      if (out.length === 0) flushPages();
      out.push(
        small([], { align: 'center', keepWithNext: true, image: { data, ...size, alt: b.description } }),
      );
    } else placeholder(k++);
  }
  while (k < stand.length) placeholder(k++);
  if (caption.length) out.push(small(caption, { align: 'center' }));
  const last = out.at(-1);
  if (last) last.keepWithNext = false;
  // (a figure that shows something stands apart from the text around it)
  const first = out[0];
  if (b.media.length && first && last) {
    first.spaceBefore = Math.max(first.spaceBefore, 0.5);
    last.spaceAfter = Math.max(last.spaceAfter ?? 0, 0.5);
  }
  return out;
}
