import type { EditionMeta } from '../meta.ts';
import { isElement, type TeiElement } from './node.ts';
import { childElements, localName, teiDocuments } from './read.ts';
import { inlineText } from './text.ts';

/**
 * The edition as renderers see it, read from a TEI master (ours or anyone's): edition metadata
 * from the teiCorpus header, the introduction, and each document's text with the metadata its
 * own header gives.
 */
export interface EditionDocument {
  id: string;
  title: string;
  author?: string;
  recipient?: string;
  date?: string;
  when?: string;
  place?: string;
  source?: string;
  div: TeiElement; // what to render: the document's div (or its body)
}

export interface Edition {
  meta: EditionMeta;
  introduction?: TeiElement;
  documents: EditionDocument[];
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function find(root: TeiElement, path: string[]): TeiElement | undefined {
  let current: TeiElement | undefined = root;
  for (const name of path) current = current && childElements(current, name)[0];
  return current;
}

function descendants(root: TeiElement, name: string): TeiElement[] {
  const out: TeiElement[] = [];
  const visit = (n: TeiElement): void => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (localName(c.name) === name) out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

const textOf = (e: TeiElement | undefined): string | undefined =>
  e ? squash(inlineText(e.children)) || undefined : undefined;

function editionMeta(header: TeiElement | undefined, root: TeiElement): EditionMeta {
  const titleStmt = header && find(header, ['fileDesc', 'titleStmt']);
  const titles = titleStmt ? childElements(titleStmt, 'title') : [];
  const main = titles.find((t) => t.attrs.type === 'main') ?? titles[0];
  const sub = titles.find((t) => t.attrs.type === 'sub');
  const publication = header && find(header, ['fileDesc', 'publicationStmt']);
  const licence = publication && descendants(publication, 'licence')[0];
  const date = publication && childElements(publication, 'date')[0];
  const editor = titleStmt && childElements(titleStmt, 'editor')[0];
  const id =
    root.attrs['xml:id'] ??
    squash(textOf(main) ?? 'edition')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return {
    id: id || 'edition',
    title: textOf(main) ?? 'Untitled edition',
    subtitle: textOf(sub),
    editor: textOf(editor),
    publisher: textOf(publication && childElements(publication, 'publisher')[0]),
    licence: textOf(licence),
    language: root.attrs['xml:lang'] ?? 'en',
    date: date?.attrs.when ?? textOf(date),
  };
}

function documentOf(tei: TeiElement, index: number): EditionDocument | null {
  const text = childElements(tei, 'text')[0];
  const body = text && childElements(text, 'body')[0];
  if (!body) return null;
  const div = childElements(body, 'div').find((d) => d.attrs.type === 'document') ?? body;
  const header = childElements(tei, 'teiHeader')[0];
  const corresp = header && descendants(header, 'correspAction');
  const sent = corresp?.find((a) => a.attrs.type === 'sent');
  const received = corresp?.find((a) => a.attrs.type === 'received');
  const who = (a: TeiElement | undefined): string | undefined =>
    a && textOf(childElements(a).find((c) => ['persName', 'name', 'orgName'].includes(localName(c.name))));
  const dateEl = sent && childElements(sent, 'date')[0];
  const bibl = header && find(header, ['fileDesc', 'sourceDesc', 'bibl']);
  const source = bibl
    ? squash(inlineText(bibl.children.filter((c) => !isElement(c) || localName(c.name) !== 'note')))
    : undefined;
  const title =
    textOf(header && find(header, ['fileDesc', 'titleStmt', 'title'])) ??
    textOf(childElements(div, 'head')[0]);
  return {
    id: div.attrs['xml:id'] ?? tei.attrs['xml:id'] ?? `document-${index + 1}`,
    title: title ?? `Document ${index + 1}`,
    author: who(sent),
    recipient: who(received),
    date: textOf(dateEl),
    when: dateEl?.attrs.when,
    place: textOf(sent && childElements(sent, 'placeName')[0]),
    source: source || undefined,
    div,
  };
}

export function readEdition(root: TeiElement): Edition {
  const header = childElements(root, 'teiHeader')[0];
  const meta = editionMeta(header, root);
  let introduction: TeiElement | undefined;
  const documents: EditionDocument[] = [];
  for (const tei of teiDocuments(root)) {
    const text = childElements(tei, 'text')[0];
    if (text?.attrs.type === 'introduction') {
      const body = childElements(text, 'body')[0];
      introduction = body && (childElements(body, 'div')[0] ?? body);
      continue;
    }
    const doc = documentOf(tei, documents.length);
    if (doc) documents.push(doc);
  }
  return { meta, introduction, documents };
}
