import type { EditionMeta } from '../meta.ts';
import type { RegisterEntry } from '../register/types.ts';
import type { TeiElement } from '../tei/node.ts';
import type { EditionDocument } from './documents.ts';
import { readEdition } from './documents.ts';
import { anchorMentions, type Mention, mentionIndex } from './mentions.ts';
import { BlockReader } from './read-block.ts';
import { teiRegister } from './register.ts';
import type { Block, SourcePosition } from './types.ts';
import { forEachNode } from './walk.ts';

/** A document of the edition as writers see it: its metadata and its blocks. */
export interface ModelDocument extends Omit<EditionDocument, 'div' | 'before' | 'after'> {
  blocks: Block[];
  /** The page of the source edition its first words are printed on. */
  startPage?: string;
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
  /** The register the master holds (our `standOff`, a FRUS volume's list of persons), and its mentions. */
  register: RegisterEntry[];
  mentions: Map<string, Mention[]>;
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
  // The text's front matter (a reader's headnote) comes after the title, its back matter (study
  // questions) after the text.
  if (doc.front) {
    const title = body.findIndex((b) => b.kind === 'heading' && b.role === 'title');
    body.splice(title + 1, 0, ...reader.flow(doc.front, 0));
  }
  blocks.push(...body);
  if (doc.back) blocks.push(...reader.flow(doc.back, 0));
  if (doc.after) blocks.push(...reader.flow(doc.after, 0));
  const { div: _div, before: _before, after: _after, front: _front, back: _back, ...meta } = doc;
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

/** A document's title with the number the source edition gives it, unless the title begins with it. */
export function numberedTitle(doc: Pick<ModelDocument, 'number' | 'title'>): string {
  if (!doc.number || doc.title.startsWith(`${doc.number}.`)) return doc.title;
  return `${doc.number}. ${doc.title}`;
}

/** A title as the contents list it: numbered, and an excerpt's pages in its source ("(pp. 696–698)"). */
export function contentsTitle(doc: Pick<ModelDocument, 'number' | 'title' | 'excerpt' | 'record'>): string {
  const pages = doc.excerpt ? doc.record.pages : undefined;
  if (!pages) return numberedTitle(doc);
  return `${numberedTitle(doc)} (${pages.from === pages.to ? `p. ${pages.from}` : `pp. ${pages.from}–${pages.to}`})`;
}

/**
 * The pages of its source edition a document's text gives, where its header does not say: from
 * its first page break to its last. A document of a volume that does not open with a break starts
 * on the page the previous one ended on. `startPage` is the page its first words are printed on
 * (for a citation of the text before the first break): the page before the first break when text
 * comes first.
 */
function findPages(documents: ModelDocument[]): void {
  let current: string | undefined;
  let edition: string | undefined;
  for (const doc of documents) {
    if (doc.sourceEdition !== edition) current = undefined;
    edition = doc.sourceEdition;
    const breaks: string[] = [];
    let words = false;
    let startsWithBreak = false;
    // (the head of a volume's division, set before the document, is not its text)
    const own = doc.blocks.filter((b) => !(b.kind === 'heading' && b.role === 'division'));
    forEachNode(own, (n) => {
      if (n.kind === 'pageBreak') {
        if (!words && breaks.length === 0) startsWithBreak = true;
        breaks.push(n.n);
      } else if (n.kind === 'text' && n.text.trim()) words = true;
    });
    const first = breaks[0];
    const previous = first && /^\d+$/.test(first) ? String(Number(first) - 1) : undefined;
    // (a header that states the pages knows the first: a reader's excerpts of one volume are not
    // consecutive, so the page the previous one ended on says nothing)
    doc.startPage = startsWithBreak ? first : (doc.record.pages?.from ?? current ?? previous ?? first);
    const from = startsWithBreak ? first : (current ?? first);
    if (!doc.record.pages && from) doc.record = { ...doc.record, pages: { from, to: breaks.at(-1) ?? from } };
    current = breaks.at(-1) ?? current;
  }
}

/** The TEI master (ours or anyone's) read once into the model every writer draws. */
export function editionModel(root: TeiElement): ModelEdition {
  const edition = readEdition(root);
  const introduction = edition.introduction && new BlockReader().flow(edition.introduction.children, 0);
  const documents = edition.documents.map(documentModel);
  findPages(documents);
  for (const doc of documents) anchorMentions(doc);
  const register = teiRegister(root).entries;
  return {
    meta: edition.meta,
    introduction,
    documents,
    unknown: unknownElements([introduction ?? [], ...documents.map((d) => d.blocks)]),
    register,
    mentions: mentionIndex(documents, register),
  };
}
