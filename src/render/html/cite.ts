import type { EditionMeta } from '../../meta.ts';
import type { ModelDocument } from '../../model/edition.ts';

/**
 * A Chicago-style (notes and bibliography) citation of one document in the edition:
 * Author, “Title,” date, in Edition, ed. Editor (Publisher, Year), p. N, URL.
 * The page and URL are filled in by the page script; this is the text around them.
 */
export function chicagoCitation(doc: ModelDocument, edition: EditionMeta): { before: string; after: string } {
  const parts: string[] = [];
  if (doc.author) parts.push(`${doc.author}, `);
  parts.push(`“${doc.title},” `);
  if (doc.date) parts.push(`${doc.date}, `);
  parts.push(`in ${edition.title}`);
  if (edition.editor) parts.push(`, ed. ${edition.editor}`);
  const imprint = [edition.publisher, edition.date?.slice(0, 4)].filter(Boolean).join(', ');
  if (imprint) parts.push(` (${imprint})`);
  return { before: parts.join(''), after: '.' };
}
