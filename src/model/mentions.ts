import type { RegisterEntry } from '../register/types.ts';
import type { Locator } from './pages.ts';
import { displayText } from './reading-text.ts';
import type { Block, Inline, InlineOf } from './types.ts';
import { forEachNode } from './walk.ts';

/**
 * Where each register entry is mentioned: document by document, in reading order, with the page
 * of the print edition the mention stands on and, for a mention in a footnote, the note. What the
 * register pages (HTML), the EPUB index and the PDF index list.
 */
export interface Mention {
  anchor: string; // unique in the edition (`d12-m3`)
  document: number; // index in the edition's documents
  page?: Locator; // the source edition's page it is printed on (or the range, when no break says which: pages.ts)
  inNote: boolean; // in a footnote's body (set once, in the notes: the note is where to go)
  note?: string; // that note's id, when it has one
  words: string; // as the text prints them
}

/** What of a document the index reads: its id, its blocks, the page its words begin on. */
interface IndexedDocument {
  id: string;
  blocks: Block[];
  startPage?: string;
  startLocator?: Locator;
}

/** Gives each mention of a document an anchor unique in the edition: `<document id>-m<k>`. */
export function anchorMentions(doc: IndexedDocument): void {
  let k = 0;
  forEachNode(doc.blocks, (n) => {
    if (n.kind === 'mention') n.anchor = `${doc.id}-m${++k}`;
  });
}

export function mentionIndex(
  documents: IndexedDocument[],
  register: RegisterEntry[],
): Map<string, Mention[]> {
  const known = new Set(register.map((e) => e.id));
  const out = new Map<string, Mention[]>();
  documents.forEach((doc, index) => {
    // The notes each mention sits in (a note's body is walked where its reference stands).
    const inNote = new Map<string, string | undefined>();
    forEachNode(doc.blocks, (n) => {
      if (n.kind !== 'footnote' && n.kind !== 'unanchoredNote') return;
      forEachNode(n.body, (m) => {
        if (m.kind === 'mention') inNote.set(m.anchor, n.id);
      });
    });
    // (a model made without the TEI reader may give only the start page)
    let page = doc.startLocator ?? doc.startPage;
    forEachNode(doc.blocks, (n) => {
      if (n.kind === 'pageBreak') page = n.n;
      if (n.kind !== 'mention' || !known.has(n.id)) return;
      const list = out.get(n.id) ?? [];
      list.push({
        anchor: n.anchor,
        document: index,
        page,
        inNote: inNote.has(n.anchor),
        note: inNote.get(n.anchor),
        words: displayText(n.children as Inline[]),
      });
      out.set(n.id, list);
    });
  });
  return out;
}

export type MentionNode = InlineOf<'mention'>;

/** A register's entries in index order: by their preferred form (`Kennan, George F.`), letters only. */
export function indexOrder(entries: RegisterEntry[]): RegisterEntry[] {
  const key = (e: RegisterEntry): string => indexKey(e.name);
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
}

/** Where a heading sorts in an index: letters, digits, spaces and commas, no accents, lower case. */
export function indexKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ,]/gu, '');
}
