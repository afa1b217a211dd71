import { contentsTitle, type ModelDocument, type ModelEdition } from '../../model/edition.ts';
import { blocks } from '../html/elements.ts';
import type { HtmlFigures } from '../html/figure.ts';
import { documentLabel } from '../html/pages.ts';
import { fill, readTemplate } from '../template.ts';
import { type EpubContext, newEpubContext } from './elements.ts';
import { type Chapter, documentMeta } from './unit-chapter.ts';

// A document's chapter of the EPUB: its file name in the book, and its XHTML from the template
// (apart from index.ts, which assembles the book).

/** Files of the book that a chapter must not be named as. */
export const RESERVED = new Set([
  'toc',
  'notes',
  'title',
  'introduction',
  'cover',
  'nav',
  'content',
  'register-index',
]);

/** Each document's file name: its id, made safe and unique (a volume may have a document "toc"). */
export function chapterFiles(documents: ModelDocument[]): Map<string, string> {
  const used = new Set(RESERVED);
  const files = new Map<string, string>();
  for (const d of documents) {
    const base = d.id.replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = used.has(base) ? `doc-${base}` : base;
    for (let k = 2; used.has(name); k++) name = `doc-${base}-${k}`;
    used.add(name);
    files.set(d.id, `${name}.xhtml`);
  }
  return files;
}

export function documentChapter(
  doc: ModelDocument,
  index: number,
  edition: ModelEdition,
  filename: string,
  links: Map<string, string>,
  figures: HtmlFigures,
): { chapter: Chapter; ctx: EpubContext } {
  const ctx = newEpubContext();
  ctx.resolve = (id) => links.get(id);
  ctx.figures = figures;
  const text = blocks(doc.blocks, ctx);
  const meta = documentMeta(doc);
  const content = fill(
    readTemplate('epub', 'chapter.html'),
    {
      position: documentLabel(doc, index, edition.documents.length),
      meta,
      text,
      // a document that names no source has no empty "Source:" line
      sourceLine: doc.source
        ? fill(readTemplate('epub', 'source-line.html'), { source: doc.source }, 'source-line.html')
        : '',
    },
    'chapter.html',
  );
  return { chapter: { title: contentsTitle(doc), content, filename }, ctx };
}
