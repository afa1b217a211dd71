import type { EditionMeta } from '../../meta.ts';
import { fill, readTemplate } from '../template.ts';

/** Splits a title into lines of at most `width` characters (the cover has no text layout engine). */
export function coverLines(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

const tspans = (text: string, width: number, x: number, dy: number): string =>
  coverLines(text, width)
    .map(
      (l, k) =>
        `<tspan x="${x}" dy="${k === 0 ? 0 : dy}">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</tspan>`,
    )
    .join('');

/** A generated SVG cover from templates/epub/cover.svg: the edition's title, subtitle and editor. */
export function coverSvg(meta: EditionMeta): string {
  return fill(
    readTemplate('epub', 'cover.svg'),
    {
      title: meta.title,
      titleLines: tspans(meta.title, 18, 800, 130),
      subtitleLines: tspans(meta.subtitle ?? '', 34, 800, 70),
      editor: meta.editor ? `Edited by ${meta.editor}` : '',
      publisher: meta.publisher ?? '',
    },
    'cover.svg',
  );
}
