import type { ModelDocument } from './edition.ts';
import { displayText } from './reading-text.ts';
import type { AsideRole, Block } from './types.ts';

/**
 * A course reader's unit as the screen formats show it: a page (HTML) or chapter (EPUB) of its
 * own, with its heading, introduction and reading list, and the items it holds listed. The model
 * sets the unit's opening before its first item (what a book does: the PDF prints it there, at
 * the unit's start); a site or an e-book that did the same showed the unit's introduction as if
 * it were part of the first item's page.
 */
export interface ReaderUnit {
  /** `unit-1`: the id of its introduction without `-introduction`, else its place. */
  id: string;
  title: string;
  /** Its division heading, introduction and reading list. */
  blocks: Block[];
  /** The documents it holds, as the screen formats show them (the opening taken off the first). */
  items: ModelDocument[];
}

const UNIT_ASIDES: ReadonlySet<AsideRole> = new Set(['unitIntroduction', 'readingList']);

/**
 * How many of a document's first blocks are a unit's opening: its division heading(s), then the
 * unit's own asides. A volume's chapter heading (no unit aside after it) is not one: it stays on
 * the page of the document it opens, as before.
 */
function openingLength(blocks: Block[]): number {
  let k = 0;
  while (blocks[k]?.kind === 'heading' && (blocks[k] as { role: string }).role === 'division') k++;
  if (k === 0) return 0;
  const headings = k;
  for (let b = blocks[k]; b?.kind === 'aside' && UNIT_ASIDES.has(b.role); b = blocks[k]) k++;
  return k > headings ? k : 0;
}

/**
 * The reader's units, and the documents as the screen formats show them: a document that opens a
 * unit without its opening. An edition without units gives its documents back unchanged.
 */
export function readerUnits(documents: ModelDocument[]): {
  units: ReaderUnit[];
  documents: ModelDocument[];
} {
  const units: ReaderUnit[] = [];
  let current: ReaderUnit | undefined;
  const shown = documents.map((doc) => {
    const length = openingLength(doc.blocks);
    if (length === 0) {
      // (an item of the open unit: the same division; any other document closes it)
      if (current && doc.group !== undefined && doc.group === current.items[0]?.group) {
        current.items.push(doc);
        return doc;
      }
      current = undefined;
      return doc;
    }
    const blocks = doc.blocks.slice(0, length);
    const heading = blocks[0] as Extract<Block, { kind: 'heading' }>;
    const introduction = blocks.find(
      (b): b is Extract<Block, { kind: 'aside' }> =>
        b.kind === 'aside' && Boolean(b.id?.endsWith('-introduction')),
    );
    const id = introduction?.id?.replace(/-introduction$/, '') ?? `unit-${units.length + 1}`;
    const item = { ...doc, blocks: doc.blocks.slice(length) };
    current = { id, title: displayText(heading.children).trim(), blocks, items: [item] };
    units.push(current);
    return item;
  });
  return { units, documents: units.length ? shown : documents };
}

/** The unit a document is an item of. */
export const unitOfDocument = (units: ReaderUnit[], doc: Pick<ModelDocument, 'id'>): ReaderUnit | undefined =>
  units.find((u) => u.items.some((d) => d.id === doc.id));
