import type { EditionDocument } from '../tei/edition.ts';
import { isElement, type TeiNode } from '../tei/node.ts';
import { localName } from '../tei/read.ts';

/**
 * Where every xml:id of the edition ends up in a renderer's files, so `ref target="#pg_12"` and
 * `#d45` become links: a page break → its page anchor, a note → its note, anything else → the
 * file of the document it is in. `file` names a document's file, `page` and `note` the anchors
 * the renderer gives them.
 */
export function linkTable(
  documents: EditionDocument[],
  naming: {
    file: (doc: EditionDocument) => string;
    page: (n: string) => string;
    note: (id: string) => string;
  },
): Map<string, string> {
  const links = new Map<string, string>();
  for (const doc of documents) {
    const file = naming.file(doc);
    links.set(doc.id, file);
    const visit = (n: TeiNode): void => {
      if (!isElement(n)) return;
      const id = n.attrs['xml:id'];
      const name = localName(n.name);
      if (id && !links.has(id)) {
        if (name === 'pb' && n.attrs.n) links.set(id, `${file}#${naming.page(n.attrs.n)}`);
        else if (name === 'note' && n.attrs.type !== 'source') links.set(id, `${file}#${naming.note(id)}`);
        else links.set(id, file);
      }
      n.children.forEach(visit);
    };
    visit(doc.div);
  }
  return links;
}
