import type { EditionMeta, SourceRecord } from '../meta.ts';
import { childElements, isElement, localName, type TeiElement, teiDocuments } from '../tei/node.ts';
import { displayOf } from './display.ts';

/**
 * The edition as renderers see it, read from a TEI master (ours or anyone's): edition metadata
 * from the teiCorpus header, the introduction, and each document's text with the metadata its
 * own header gives.
 */
export interface EditionDocument {
  id: string;
  title: string;
  kind: 'front' | 'document' | 'back';
  /** The number the source edition prints and cites it by ("Document 10"), when it has one. */
  number?: string;
  group?: string; // the division it belongs to (a volume's chapter), for the contents
  author?: string;
  recipient?: string;
  date?: string;
  when?: string;
  place?: string;
  source?: string;
  /** The printed edition the document is taken from (its biblStruct's monograph), when the header names it. */
  sourceEdition?: string;
  /** The source record as the header states it (pages may be left to the model to find). */
  record: SourceRecord;
  div: TeiElement; // what to render: the document's div (or its body)
  /** A course reader's item: an excerpt of a document (its pages are the excerpt's). */
  excerpt?: boolean;
  /** The text's front and back matter around the body (a reader's headnote and questions). */
  front?: TeiElement[];
  back?: TeiElement[];
  /** What stands before it in a volume: page breaks between documents, the heads of the divisions it opens. */
  before?: Prelude[];
  /** What follows the last document of a volume outside any document (its last page breaks). */
  after?: TeiElement[];
}

export type Prelude = { node: TeiElement } | { division: TeiElement; level: number };

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
  e ? squash(displayOf(e.children)) || undefined : undefined;

/** Every editor the title statement names ("A", "A and B", "A, B, and C"). */
function editorNames(editors: TeiElement[]): string | undefined {
  const names = editors.flatMap((e) => textOf(e) ?? []);
  if (names.length < 3) return names.join(' and ') || undefined;
  return `${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`;
}

/** Each editor with the role the header gives, none when there is none. */
function editorList(editors: TeiElement[]): EditionMeta['editors'] {
  const list = editors.flatMap((e) => {
    const name = textOf(e);
    return name ? [{ name, ...(e.attrs.role ? { role: e.attrs.role } : {}) }] : [];
  });
  return list.length ? list : undefined;
}

function editionMeta(header: TeiElement | undefined, root: TeiElement): EditionMeta {
  const titleStmt = header && find(header, ['fileDesc', 'titleStmt']);
  const titles = titleStmt ? childElements(titleStmt, 'title') : [];
  const main = titles.find((t) => t.attrs.type === 'main') ?? titles[0];
  const sub = titles.find((t) => t.attrs.type === 'sub');
  const publication = header && find(header, ['fileDesc', 'publicationStmt']);
  // the licence, else what the availability statement says (that the rights are not stated)
  const availability = publication && descendants(publication, 'availability')[0];
  const licence =
    (publication && descendants(publication, 'licence')[0]) ??
    (availability && childElements(availability, 'p')[0]);
  const date = publication && childElements(publication, 'date')[0];
  // The edition's id: the root's xml:id, else an identifier of the publication (FRUS: frus1958-60v08), else the title.
  // (a name, not a number: FRUS volumes list their publication number and ISBNs first)
  const idno =
    publication && childElements(publication, 'idno').find((i) => /^[A-Za-z][\w.-]*$/.test(textOf(i) ?? ''));
  const slug = squash(textOf(main) ?? 'edition')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const id = root.attrs['xml:id'] ?? textOf(idno)?.replace(/[^A-Za-z0-9-]+/g, '-') ?? slug;
  return {
    id: id || 'edition',
    title: textOf(main) ?? 'Untitled edition',
    subtitle: textOf(sub),
    editor: editorNames(titleStmt ? childElements(titleStmt, 'editor') : []),
    editors: editorList(titleStmt ? childElements(titleStmt, 'editor') : []),
    publisher: textOf(publication && childElements(publication, 'publisher')[0]),
    licence: textOf(licence),
    licenceUrl: licence?.attrs.target,
    language: root.attrs['xml:lang'] ?? 'en',
    date: date?.attrs.when ?? textOf(date),
    modified: lastRevision(header),
  };
}

/** The latest date of a header's revisionDesc: a change's `when`, else the ISO date it starts with (FRUS: `2008-12-29 PA/HO JW: …`). */
function lastRevision(header: TeiElement | undefined): string | undefined {
  const revisions = header && find(header, ['revisionDesc']);
  const dates = (revisions ? descendants(revisions, 'change') : []).flatMap((c) => {
    const when = c.attrs.when ?? /^\s*(\d{4}-\d\d-\d\d)\b/.exec(textOf(c) ?? '')?.[1];
    return when && /^\d{4}(?:-\d\d(?:-\d\d)?)?$/.test(when) ? [when] : [];
  });
  return dates.sort().at(-1);
}

function documentOf(tei: TeiElement, index: number): EditionDocument | null {
  const text = childElements(tei, 'text')[0];
  // a transcription of the source's pages only (`sourceDoc`: surfaces, zones, lines; the
  // Shelley-Godwin Archive's notebooks) is the document's text where there is no `text` body
  const body = (text && childElements(text, 'body')[0]) ?? childElements(tei, 'sourceDoc')[0];
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
    ? squash(displayOf(bibl.children.filter((c) => !isElement(c) || localName(c.name) !== 'note')))
    : undefined;
  const title =
    textOf(header && find(header, ['fileDesc', 'titleStmt', 'title'])) ??
    textOf(childElements(div, 'head')[0]);
  const record = header ? biblRecord(header) : { editors: [] };
  const matter = (name: string): TeiElement[] | undefined => {
    const part = text && childElements(text, name)[0];
    return part ? childElements(part) : undefined;
  };
  return {
    id: div.attrs['xml:id'] ?? tei.attrs['xml:id'] ?? `document-${index + 1}`,
    excerpt: div.attrs.subtype === 'excerpt' || undefined,
    front: matter('front'),
    back: matter('back'),
    number: record.document,
    title: title ?? `Document ${index + 1}`,
    kind: 'document',
    author: who(sent),
    recipient: who(received),
    date: textOf(dateEl),
    when: dateEl?.attrs.when,
    place: textOf(sent && childElements(sent, 'placeName')[0]),
    source: source || undefined,
    sourceEdition: record.title,
    record,
    div,
  };
}

/** The source record a header's `sourceDesc/biblStruct` gives (monograph, imprint, scopes, file number, URL). */
function biblRecord(header: TeiElement): SourceRecord {
  const bibl = descendants(header, 'biblStruct')[0];
  const monogr = bibl && childElements(bibl, 'monogr')[0];
  if (!bibl || !monogr) return { editors: [] };
  const imprint = childElements(monogr, 'imprint')[0];
  // (a scope stands in monogr or, where nothing of the imprint is known, inside the imprint)
  const scope = (unit: string): TeiElement | undefined =>
    descendants(monogr, 'biblScope').find((b) => b.attrs.unit === unit);
  const page = scope('page');
  const from = page?.attrs.from ?? textOf(page);
  const date = imprint && childElements(imprint, 'date').find((d) => d.attrs.when || textOf(d) !== 'n.d.');
  const link = [...descendants(bibl, 'ref'), ...descendants(bibl, 'ptr')].find((r) => r.attrs.target);
  const fileNumber = textOf(descendants(bibl, 'idno').find((i) => i.attrs.type === 'file'));
  const title = textOf(childElements(monogr, 'title')[0]);
  return {
    // a file number standing in for the volume's title (the text names no volume) is no edition
    title: fileNumber && title?.startsWith(fileNumber) ? undefined : title,
    series: textOf(childElements(bibl, 'series').flatMap((s) => childElements(s, 'title'))[0]),
    volume: textOf(scope('volume')),
    editors: childElements(monogr, 'editor').flatMap((e) => textOf(e) ?? []),
    publisher: textOf(imprint && childElements(imprint, 'publisher')[0]),
    pubPlace: textOf(imprint && childElements(imprint, 'pubPlace')[0]),
    year: (date?.attrs.when ?? textOf(date))?.slice(0, 4),
    document: scope('document')?.attrs.n ?? textOf(scope('document')),
    pages: from ? { from, to: page?.attrs.to ?? from } : undefined,
    url: link?.attrs.target,
    idno: fileNumber,
  };
}

/** A head's text without its notes (a FRUS head carries the source note). */
function headText(div: TeiElement): string | undefined {
  const head = childElements(div, 'head')[0];
  if (!head) return undefined;
  return (
    squash(displayOf(head.children.filter((c) => !isElement(c) || localName(c.name) !== 'note'))) || undefined
  );
}

/** Metadata a volume's document says in its own text: dateline place and date, the source note. */
function volumeDocument(
  div: TeiElement,
  kind: EditionDocument['kind'],
  group: string | undefined,
  index: number,
): EditionDocument {
  const dateline = descendants(div, 'dateline')[0];
  const date = dateline && descendants(dateline, 'date')[0];
  const head = childElements(div, 'head')[0];
  const source = head && childElements(head, 'note').find((n) => n.attrs.type === 'source');
  return {
    id: div.attrs['xml:id'] ?? `division-${index + 1}`,
    number: kind === 'document' && localName(div.name) === 'div' ? div.attrs.n : undefined,
    title: headText(div) ?? (localName(div.name) === 'titlePage' ? 'Title page' : `Division ${index + 1}`),
    kind,
    group,
    date: textOf(date),
    when: date?.attrs.when,
    place: textOf(dateline && descendants(dateline, 'placeName')[0]),
    source: textOf(source)?.replace(/^Source:\s*/, ''),
    record: {
      editors: [],
      document: kind === 'document' && localName(div.name) === 'div' ? div.attrs.n : undefined,
    },
    div,
  };
}

/**
 * A whole volume in one TEI file (an official FRUS volume): its documents are the divs of type
 * "document" wherever they sit; front and back sections are read too. Page breaks that fall
 * between documents go with the next document (the last ones with the last), so none is lost.
 */
function readVolume(text: TeiElement): EditionDocument[] {
  const out: EditionDocument[] = [];
  let pending: Prelude[] = [];
  const emit = (div: TeiElement, kind: EditionDocument['kind'], group?: string): void => {
    const doc = volumeDocument(div, kind, group, out.length);
    if (pending.length) doc.before = pending;
    pending = [];
    out.push(doc);
  };
  const walk = (node: TeiElement, kind: EditionDocument['kind'], level: number, group?: string): void => {
    // a division of documents (a chapter): its head (and the notes on it) opens its first document
    for (const head of childElements(node, 'head')) pending.push({ division: head, level });
    for (const c of node.children) {
      if (!isElement(c)) continue;
      const name = localName(c.name);
      if (name === 'div' && c.attrs.type === 'document') emit(c, kind, group);
      else if (name === 'div' && descendants(c, 'div').some((d) => d.attrs.type === 'document')) {
        walk(c, kind, level + 1, [group, headText(c)].filter(Boolean).join(' — ') || undefined);
      } else if (name === 'div' || name === 'titlePage') emit(c, kind, group);
      else if (name !== 'head') pending.push({ node: c });
    }
  };
  // front, body and back in order, and what stands between them (a page break after the front
  // matter is the first page of the body)
  for (const el of childElements(text)) {
    const part = localName(el.name);
    if (part === 'front' || part === 'back') walk(el, part, 0);
    else if (part === 'body') walk(el, 'document', 0);
    else pending.push({ node: el });
  }
  const last = out.at(-1);
  const rest = pending.map((p) => ('node' in p ? p.node : p.division));
  if (last && rest.length) last.after = rest;
  return out;
}

/** A printed volume's own imprint (FRUS: its editors, publisher, place and year). */
function volumeRecord(header: TeiElement | undefined, meta: EditionMeta): SourceRecord {
  const titleStmt = header && find(header, ['fileDesc', 'titleStmt']);
  const publication = header && find(header, ['fileDesc', 'publicationStmt']);
  const date = publication && childElements(publication, 'date')[0];
  const titled = (type: string): string | undefined =>
    textOf(titleStmt && childElements(titleStmt, 'title').find((t) => t.attrs.type === type));
  return {
    title: meta.title,
    series: titled('series'),
    // (FRUS: `<title type="volumenumber">Volume XXII</title>`)
    volume: titled('volumenumber')?.replace(/^vol(?:ume|\.)?\s+/i, ''),
    editors: (titleStmt ? childElements(titleStmt, 'editor') : []).flatMap((e) => textOf(e) ?? []),
    publisher: textOf(publication && childElements(publication, 'publisher')[0]),
    pubPlace: textOf(publication && childElements(publication, 'pubPlace')[0]),
    year: (date?.attrs.when ?? textOf(date))?.slice(0, 4),
  };
}

const isVolume = (tei: TeiElement): boolean => {
  const text = childElements(tei, 'text')[0];
  return Boolean(
    text &&
      descendants(text, 'div').some((d) => d.attrs.type === 'document' && localName(d.name) === 'div') &&
      !childElements(childElements(text, 'body')[0] ?? text, 'div').every((d) => d.attrs.type === 'document'),
  );
};

/** Each document's own TEI, by document id, where the master is a corpus of TEI documents (none in a volume). */
export function documentTei(root: TeiElement): Map<string, TeiElement> {
  const out = new Map<string, TeiElement>();
  if (localName(root.name) !== 'teiCorpus') return out;
  let k = 0; // counted as readEdition counts (the introduction aside), for ids it has to make up
  for (const tei of teiDocuments(root)) {
    const text = childElements(tei, 'text')[0];
    if (!text || text.attrs.type === 'introduction') continue;
    const doc = documentOf(tei, k);
    if (doc) {
      out.set(doc.id, tei);
      k++;
    }
  }
  return out;
}

export function readEdition(root: TeiElement): Edition {
  if (localName(root.name) === 'TEI' && isVolume(root)) {
    const text = childElements(root, 'text')[0] as TeiElement;
    const meta = editionMeta(childElements(root, 'teiHeader')[0], root);
    // a volume's documents are printed in the volume itself
    const volume = volumeRecord(childElements(root, 'teiHeader')[0], meta);
    const documents = readVolume(text).map((d) => ({
      ...d,
      sourceEdition: meta.title,
      record: { ...volume, document: d.record.document },
    }));
    return { meta, documents };
  }
  const header = childElements(root, 'teiHeader')[0];
  const meta = editionMeta(header, root);
  let introduction: TeiElement | undefined;
  const documents: EditionDocument[] = [];
  // A corpus may hold corpora (a course reader's units): each is a division of the documents it
  // holds; its title heads them and its own text (an introduction, a reading list) comes first.
  const walk = (members: TeiElement[], level: number, group?: string): void => {
    let pending: Prelude[] = [];
    for (const member of members) {
      const name = localName(member.name);
      if (name === 'teiCorpus') {
        const title = textOf(find(member, ['teiHeader', 'fileDesc', 'titleStmt', 'title']));
        walk(childElements(member), level + 1, [group, title].filter(Boolean).join(' — ') || undefined);
      } else if (name === 'text' && level > 0) {
        pending.push(...unitPrelude(member, level - 1));
      } else if (name === 'TEI') {
        const text = childElements(member, 'text')[0];
        if (text?.attrs.type === 'introduction' && level === 0) {
          const body = childElements(text, 'body')[0];
          introduction = body && (childElements(body, 'div')[0] ?? body);
          continue;
        }
        const doc = documentOf(member, documents.length);
        if (!doc) continue;
        if (group) doc.group = group;
        if (pending.length) doc.before = pending;
        pending = [];
        documents.push(doc);
      }
    }
  };
  walk(localName(root.name) === 'TEI' ? [root] : childElements(root), 0);
  return { meta, introduction, documents };
}

/** A unit's own text: its head as a division heading, the rest (introduction, reading list) after it. */
function unitPrelude(text: TeiElement, level: number): Prelude[] {
  const out: Prelude[] = [];
  for (const part of childElements(text)) {
    for (const div of childElements(part)) {
      const head = div.children.find(isElement);
      if (head && localName(head.name) === 'head') {
        out.push({ division: head, level });
        out.push({ node: { ...div, children: div.children.filter((c) => c !== head) } });
      } else out.push({ node: div });
    }
  }
  return out;
}
