import type { ModelDocument } from '../../model/edition.ts';
import { contentsTitle } from '../../model/edition.ts';
import type { ReaderUnit } from '../../model/units.ts';
import { blocks } from '../html/elements.ts';
import { escapeHtml } from '../html/escape.ts';
import type { HtmlFigures } from '../html/figure.ts';
import { fill, readTemplate } from '../template.ts';
import { newEpubContext } from './elements.ts';

/** A chapter as epub-gen-memory takes it. */
export interface Chapter {
  title: string;
  content: string;
  filename: string;
  beforeToc?: boolean;
  excludeFromToc?: boolean;
}

/** A document's date, author (→ recipient) and place, as its chapter and its unit's list give them. */
export const documentMeta = (doc: ModelDocument): string =>
  [doc.date, doc.author && doc.recipient ? `${doc.author} → ${doc.recipient}` : doc.author, doc.place]
    .filter(Boolean)
    .join(' · ');

/**
 * A reader's unit as a chapter of its own, before its items: its title, introduction and reading
 * list, and its readings with their dates and authors, linked (see model/units.ts).
 */
export function unitChapter(
  unit: ReaderUnit,
  filename: string,
  fileOf: (d: ModelDocument) => string,
  figures: HtmlFigures,
): Chapter {
  const ctx = newEpubContext();
  ctx.figures = figures;
  const headings = unit.blocks.findIndex((b) => b.kind !== 'heading');
  const text = blocks(unit.blocks.slice(headings < 0 ? unit.blocks.length : Math.max(1, headings)), ctx);
  const items = unit.items
    .map((d) => {
      const meta = documentMeta(d);
      return `<li><a href="${escapeHtml(fileOf(d))}">${escapeHtml(contentsTitle(d))}</a>${meta ? `<br /><span class="doc-meta">${escapeHtml(meta)}</span>` : ''}</li>`;
    })
    .join('\n');
  const content = fill(readTemplate('epub', 'unit.html'), { title: unit.title, text, items }, 'unit.html');
  return { title: unit.title, content, filename };
}
