import type { EditionMeta } from '../meta.ts';
import type { TeiElement } from '../tei/node.ts';
import type { EditionDocument } from './documents.ts';
import { readEdition } from './documents.ts';
import { BlockReader } from './read-block.ts';
import type { Block, SourcePosition } from './types.ts';
import { forEachNode } from './walk.ts';

/** A document of the edition as writers see it: its metadata and its blocks. */
export interface ModelDocument extends Omit<EditionDocument, 'div' | 'before' | 'after'> {
  blocks: Block[];
}

/** An element the model does not know, where it first stands, and how often it occurs. */
export interface UnknownElement {
  name: string;
  at?: SourcePosition;
  count: number;
}

export interface ModelEdition {
  meta: EditionMeta;
  introduction?: Block[];
  documents: ModelDocument[];
  unknown: UnknownElement[];
}

function documentModel(doc: EditionDocument): ModelDocument {
  const reader = new BlockReader();
  const blocks: Block[] = [];
  for (const item of doc.before ?? []) {
    if ('division' in item) blocks.push(...reader.division(item.division, item.level));
    else blocks.push(...reader.flow([item.node], 0));
  }
  const body = reader.flow(doc.div.children, 0);
  // A document whose text has no heading gets its title from its header.
  if (!body.some((b) => b.kind === 'heading' && b.role === 'title'))
    body.unshift({ kind: 'heading', role: 'title', level: 0, children: [{ kind: 'text', text: doc.title }] });
  blocks.push(...body);
  if (doc.after) blocks.push(...reader.flow(doc.after, 0));
  const { div: _div, before: _before, after: _after, ...meta } = doc;
  return { ...meta, blocks };
}

function unknownElements(trees: Block[][]): UnknownElement[] {
  const found = new Map<string, UnknownElement>();
  for (const blocks of trees)
    forEachNode(blocks, (n) => {
      if (n.kind !== 'unknown') return;
      const seen = found.get(n.name);
      if (seen) seen.count++;
      else found.set(n.name, { name: n.name, at: n.at, count: 1 });
    });
  return [...found.values()];
}

/** The TEI master (ours or anyone's) read once into the model every writer draws. */
export function editionModel(root: TeiElement): ModelEdition {
  const edition = readEdition(root);
  const introduction = edition.introduction && new BlockReader().flow(edition.introduction.children, 0);
  const documents = edition.documents.map(documentModel);
  return {
    meta: edition.meta,
    introduction,
    documents,
    unknown: unknownElements([introduction ?? [], ...documents.map((d) => d.blocks)]),
  };
}
