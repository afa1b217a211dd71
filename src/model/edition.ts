import type { EditionMeta } from '../meta.ts';
import type { RegisterEntry } from '../register/types.ts';
import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';
import type { EditionDocument } from './documents.ts';
import { readEdition } from './documents.ts';
import { anchorMentions, type Mention, mentionIndex } from './mentions.ts';
import { type ModelNotice, Notices } from './notices.ts';
import { type Locator, pageBefore, pagesLocator } from './pages.ts';
import { BlockReader } from './read-block.ts';
import { teiRegister } from './register.ts';
import type { Block, Inline, SourcePosition } from './types.ts';
import { forEachNode } from './walk.ts';

/** A document of the edition as writers see it: its metadata and its blocks. */
export interface ModelDocument extends Omit<EditionDocument, 'div' | 'before' | 'after'> {
  blocks: Block[];
  /** The page of the source edition its first words are printed on. */
  startPage?: string;
  /**
   * Where its words before its first page break stand (pages.ts): the start page when that is
   * known, else the range they may be on (`696–709`: no page break, the header's pages).
   */
  startLocator?: Locator;
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
  /**
   * What the reading met that the build reports once (an unknown rendition, a duplicate id, an
   * internal remark or comment kept out of the text); absent when there is nothing to say.
   */
  notices?: ModelNotice[];
  /** The register the master holds (our `standOff`, a FRUS volume's list of persons), and its mentions. */
  register: RegisterEntry[];
  mentions: Map<string, Mention[]>;
}

function documentModel(doc: EditionDocument, notices: Notices): ModelDocument {
  const reader = new BlockReader(notices);
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

/** A document's page breaks in its own text (not a division's head set before it), and how it opens. */
function ownBreaks(doc: ModelDocument): { breaks: string[]; startsWithBreak: boolean; wordsBegin?: string } {
  const breaks: string[] = [];
  let words = false;
  let startsWithBreak = false;
  // (the head of a volume's division, set before the document, is not its text)
  const own = doc.blocks.filter((b) => !(b.kind === 'heading' && b.role === 'division'));
  let wordsBegin: string | undefined; // the page of the last break before any words (a blank page's break before it passed)
  forEachNode(own, (n) => {
    if (n.kind === 'pageBreak') {
      if (!words && breaks.length === 0) startsWithBreak = true;
      if (!words) wordsBegin = n.n;
      breaks.push(n.n);
    } else if (n.kind === 'text' && n.text.trim()) words = true;
  });
  return { breaks, startsWithBreak, wordsBegin };
}

/**
 * The pages of its source edition a document's text gives, where its header does not say: from
 * its first page break to its last. A document of a volume that does not open with a break starts
 * on the page the previous one ended on. `startPage` is the page its first words are printed on
 * (for a citation of the text before the first break): the page before the first break when text
 * comes first.
 *
 * A document with no page break at all and no pages in its header, after one that ended on page N,
 * is somewhere from N to the page before the next break of its volume (M): `N–(M−1)`, one page when
 * that break is N+1; with no break after it, all that is known is that it begins on N: `N ff.`.
 * (It used to get N alone: a short telegram on N and N+1 was cited as if it all stood on N.)
 */
function findPages(documents: ModelDocument[]): void {
  let current: string | undefined;
  let edition: string | undefined;
  const opened = documents.map(ownBreaks);
  // the first page break after each document in its own source edition (its volume)
  const nextBreak: (string | undefined)[] = [];
  for (let k = documents.length - 1, next: string | undefined; k >= 0; k--) {
    if (documents[k + 1]?.sourceEdition !== documents[k]?.sourceEdition) next = undefined;
    nextBreak[k] = next;
    next = opened[k]?.breaks[0] ?? next;
  }
  for (const [k, doc] of documents.entries()) {
    if (doc.sourceEdition !== edition) current = undefined;
    edition = doc.sourceEdition;
    const { breaks, startsWithBreak, wordsBegin } = opened[k] as ReturnType<typeof ownBreaks>;
    const first = breaks[0];
    const previous = first && /^\d+$/.test(first) ? String(Number(first) - 1) : undefined;
    // (a header that states the pages knows the first: a reader's excerpts of one volume are not
    // consecutive, so the page the previous one ended on says nothing)
    doc.startPage = startsWithBreak ? wordsBegin : (doc.record.pages?.from ?? current ?? previous ?? first);
    if (first === undefined && !doc.record.pages && current !== undefined) {
      const between = pagesBetween(current, nextBreak[k]);
      doc.startLocator = between.locator;
      if (between.to) doc.record = { ...doc.record, pages: { from: current, to: between.to } };
      continue;
    }
    doc.startLocator = startLocator(doc.startPage, startsWithBreak, first, doc.record.pages?.to);
    const from = startsWithBreak ? first : (current ?? first);
    if (!doc.record.pages && from) doc.record = { ...doc.record, pages: { from, to: breaks.at(-1) ?? from } };
    current = breaks.at(-1) ?? current;
  }
}

/**
 * Where a document with no page break stands that begins on `from` (the page the previous one
 * ended on): up to the page before the next break (`next`), else open-ended (`696 ff.`).
 */
function pagesBetween(from: string, next: string | undefined): { locator: Locator; to?: string } {
  if (next === undefined) return { locator: `${from} ff.` };
  const to = pageBefore(next);
  // (pages not in figures, or a next break that does not follow: the start alone, as before)
  if (to === undefined || !/^\d+$/.test(from) || Number(to) < Number(from))
    return { locator: from, to: from };
  return { locator: pagesLocator(from, to), to };
}

/**
 * The locator of a document's words before its first page break, which begin on `start`: that page
 * when the text opens with a break or the first break follows on the next page; else the pages up
 * to the one before the first break, or, with no break at all, to the last page its header gives
 * (the Long Telegram, pp. 696–709, has no page markers: where in it a word stands is not known).
 */
function startLocator(
  start: string | undefined,
  startsWithBreak: boolean,
  first: string | undefined,
  headerTo: string | undefined,
): Locator | undefined {
  if (start === undefined || startsWithBreak) return start;
  const last = first === undefined ? headerTo : pageBefore(first);
  // (pages not in figures, or a break before the start the header gives: the start alone)
  if (last === undefined || !/^\d+$/.test(start) || Number(last) < Number(start)) return start;
  return pagesLocator(start, last);
}

/** Each element of a tree, in document order. */
function forEachElement(nodes: TeiNode[], visit: (e: TeiElement) => void): void {
  for (const n of nodes)
    if (isElement(n)) {
      visit(n);
      forEachElement(n.children, visit);
    }
}

/**
 * An `xml:id` given twice or more is reported where it is given again, and made unique in the
 * model (`d173fn4`, then `d173fn4-2` …, in reading order; a pointer to it reaches the first), so
 * that no output holds two anchors, files or named destinations of one name.
 */
function uniqueIds(
  root: TeiElement,
  introduction: Block[] | undefined,
  documents: ModelDocument[],
  notices: Notices,
): void {
  const where = new Map<string, SourcePosition[]>();
  forEachElement([root], (e) => {
    const id = e.attrs['xml:id'];
    if (!id) return;
    const list = where.get(id) ?? [];
    list.push({ line: e.line ?? 1, column: e.column ?? 1 });
    where.set(id, list);
  });
  const twice = [...where].filter(([, at]) => at.length > 1);
  if (!twice.length) return;
  for (const [id, at] of twice) {
    const [first, again] = at;
    for (let k = 1; k < at.length; k++)
      notices.add(
        'tei-duplicate-id',
        id,
        `xml:id "${id}" is given ${at.length} times (first at ${first?.line}:${first?.column}); made unique in the outputs (${id}-2 …), a pointer to it reaches the first`,
        again,
      );
  }
  const seen = new Set<string>();
  const unique = (id: string): string => {
    let out = id;
    for (let k = 2; seen.has(out) || (out !== id && where.has(out)); k++) out = `${id}-${k}`;
    seen.add(out);
    return out;
  };
  const visit = (n: Block | Inline): void => {
    if ('id' in n && n.id) n.id = unique(n.id);
  };
  if (introduction) forEachNode(introduction, visit);
  for (const doc of documents) {
    doc.id = unique(doc.id);
    forEachNode(doc.blocks, visit);
  }
}

/** The XML comments in the text (not its header): never reading text, said once with their count. */
function comments(roots: TeiElement[], notices: Notices): void {
  forEachElement(roots, (e) => {
    for (const at of e.comments ?? [])
      notices.add(
        'tei-comment',
        'comment',
        'an XML comment in the text: kept out of every format',
        at,
        'info',
      );
  });
}

/** The TEI master (ours or anyone's) read once into the model every writer draws. */
export function editionModel(root: TeiElement): ModelEdition {
  const edition = readEdition(root);
  const notices = new Notices();
  if (root.converted === 'P4')
    notices.add(
      'tei-p4-converted',
      'P4',
      'a TEI P4 document (<TEI.2>): read as TEI P5 (names, namespace, id and lang converted)',
      root.line ? { line: root.line, column: root.column ?? 1 } : undefined,
      'info',
    );
  const introduction =
    edition.introduction && new BlockReader(notices).flow(edition.introduction.children, 0);
  const documents = edition.documents.map((doc) => documentModel(doc, notices));
  uniqueIds(root, introduction, documents, notices);
  comments(
    [
      ...(edition.introduction ? [edition.introduction] : []),
      ...edition.documents.flatMap((d) => [
        d.div,
        ...(d.before ?? []).map((b) => ('node' in b ? b.node : b.division)),
        ...(d.after ?? []),
      ]),
    ],
    notices,
  );
  findPages(documents);
  for (const doc of documents) anchorMentions(doc);
  const register = teiRegister(root).entries;
  return {
    meta: edition.meta,
    introduction,
    documents,
    unknown: unknownElements([introduction ?? [], ...documents.map((d) => d.blocks)]),
    ...(notices.list().length ? { notices: notices.list() } : {}),
    register,
    mentions: mentionIndex(documents, register),
  };
}
