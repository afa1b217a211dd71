import type { ModelDocument } from '../model/edition.ts';
import { forEachNode } from '../model/walk.ts';

/**
 * Where every xml:id of the edition ends up in a renderer's files, so `ref target="#pg_12"` and
 * `#d45` become links: a page break → its page anchor, a note → its note, a term of the list of
 * terms → its anchor (`gloss target="#t_NIE1"`), a paragraph, a source note or a section head
 * (an index's item `#in20`, a document's source note `#d35fn1`) → its anchor, anything else → the
 * file of the document it is in. `file` names a document's file, `page` and `note` the anchors
 * the renderer gives them.
 */
export function linkTable(
  documents: ModelDocument[],
  naming: {
    file: (doc: ModelDocument) => string;
    page: (n: string) => string;
    note: (id: string) => string;
  },
): Map<string, string> {
  const links = new Map<string, string>();
  for (const doc of documents) {
    const file = naming.file(doc);
    links.set(doc.id, file);
    forEachNode(doc.blocks, (n) => {
      const id = 'id' in n ? n.id : undefined;
      if (!id || links.has(id)) return;
      if (n.kind === 'pageBreak') links.set(id, `${file}#${naming.page(n.n)}`);
      else if (n.kind === 'footnote' || n.kind === 'unanchoredNote')
        links.set(id, `${file}#${naming.note(id)}`);
      // a term of the list of terms: its anchor (what a gloss links to)
      // a paragraph (an index's item: `See Pahlavi`, `ref target="#in20"`) and a section head: their own anchor
      else if (
        n.kind === 'span' ||
        n.kind === 'paragraph' ||
        n.kind === 'sourceNote' ||
        (n.kind === 'heading' && n.role === 'section')
      )
        links.set(id, `${file}#${id}`);
      else links.set(id, file);
    });
  }
  return links;
}

/** The document each xml:id stands in. */
export function documentOfIds(documents: ModelDocument[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of documents) {
    out.set(d.id, d.id);
    forEachNode(d.blocks, (n) => {
      if ('id' in n && n.id && !out.has(n.id)) out.set(n.id, d.id);
    });
  }
  return out;
}
