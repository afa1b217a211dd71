import type { EditionMeta, SourceRecord } from '../meta.ts';
import { publicationStmt } from '../tei/header.ts';
import { block, childElements, el, localName, type TeiElement, type TeiNode } from '../tei/node.ts';

export interface ItemProvenance {
  id: string; // the item's xml:id
  title: string;
  sourceTitle: string; // the document's title in its source
  record: SourceRecord; // the source edition: title, editors, imprint, document number, URL
  /** The document's pages in the source, and the excerpt's. */
  documentPages?: { from: string; to: string };
  pages?: { from: string; to: string };
  cut: boolean;
  origin: string; // `001_….txt`, `volume.xml#d5`
  when?: string;
  /** Who wrote it, to whom, when (as written) and where, as its source says: the item's contents line and page. */
  author?: string;
  recipient?: string;
  date?: string;
  place?: string;
}

const span = (p: { from: string; to: string }): string => (p.from === p.to ? p.from : `${p.from}–${p.to}`);

/**
 * The header of one item of a reader: its title, the reader's editor credited with the selection
 * (the excerpt gaps point at that respStmt) beside the source's own respStmts, the reader's
 * publisher and licence, and the source it is taken from as a biblStruct — our own TEI's as it
 * stands, a volume's built from the volume (its editors and imprint, the document's number) — with
 * the pages of the excerpt, so the item's citation points at the printed source.
 */
export function itemHeader(
  reader: EditionMeta,
  item: ItemProvenance,
  respStmts: TeiElement[] = [],
  sourceBibl?: TeiElement,
): TeiElement {
  const bibl = sourceBibl ? withPages(sourceBibl, item) : builtBibl(item);
  return block('teiHeader', {}, [
    block('fileDesc', {}, [
      block('titleStmt', {}, [
        el('title', {}, [item.title]),
        ...(reader.editor ? [el('editor', {}, [reader.editor])] : []),
        el('respStmt', { 'xml:id': `${item.id}-reader-editor` }, [
          el('resp', {}, ['selection, excerpting, headnote and study questions']),
          el('name', {}, [reader.editor ?? 'the editor of the reader']),
        ]),
        ...respStmts,
      ]),
      publicationStmt(reader, item.id),
      block('sourceDesc', {}, [bibl]),
    ]),
    ...(item.when || item.author || item.recipient
      ? [
          block('profileDesc', {}, [
            ...(item.when ? [el('creation', {}, [el('date', { when: item.when }, [item.when])])] : []),
            ...correspDesc(item),
          ]),
        ]
      : []),
  ]);
}

/**
 * The letter's sending and receiving as its source states them (the sender, the place and date of
 * the dateline; the recipient), so the reader's contents and item pages say who wrote it and when.
 */
function correspDesc(item: ItemProvenance): TeiElement[] {
  const date = item.date ?? item.when;
  const sent = [
    ...(item.author ? [el('name', {}, [item.author])] : []),
    ...(item.place ? [el('placeName', {}, [item.place])] : []),
    ...(date ? [el('date', item.when ? { when: item.when } : {}, [date])] : []),
  ];
  const received = item.recipient ? [el('name', {}, [item.recipient])] : [];
  if (!sent.length && !received.length) return [];
  return [
    block('correspDesc', {}, [
      ...(sent.length ? [block('correspAction', { type: 'sent' }, sent)] : []),
      ...(received.length ? [block('correspAction', { type: 'received' }, received)] : []),
    ]),
  ];
}

/** What the item is of its source, said in the biblStruct. */
function excerptNote(item: ItemProvenance): TeiElement {
  const words = [
    item.cut ? 'An excerpt' : 'The whole text',
    item.pages ? ` (pp. ${span(item.pages)})` : '',
    ' of ',
    item.documentPages ? `the document printed on pp. ${span(item.documentPages)}, ` : 'the document ',
    `read from ${item.origin}. Text left out is marked as gap reason="excerpt".`,
  ].join('');
  return el('note', { type: 'excerpt' }, [words]);
}

/** Our own source's biblStruct, its page scope made the excerpt's, with the excerpt note. */
function withPages(bibl: TeiElement, item: ItemProvenance): TeiElement {
  const scope = item.pages
    ? el('biblScope', { unit: 'page', from: item.pages.from, to: item.pages.to }, [span(item.pages)])
    : undefined;
  let placed = false;
  const visit = (e: TeiElement): TeiElement => ({
    ...e,
    children: e.children.flatMap((c): TeiNode[] => {
      if (typeof c === 'string') return [c];
      if (localName(c.name) === 'biblScope' && c.attrs.unit === 'page') {
        placed = true;
        return scope ? [scope] : [];
      }
      return [visit(c)];
    }),
  });
  const copy = visit(bibl);
  const monogr = childElements(copy, 'monogr')[0];
  if (scope && !placed && monogr) monogr.children.push(scope, '\n');
  return {
    ...copy,
    attrs: { ...copy.attrs, 'xml:id': `${item.id}-source` },
    children: [...copy.children, excerptNote(item), '\n'],
  };
}

/** A biblStruct from the source record (a volume's document): the volume, its editors and imprint, the scopes. */
function builtBibl(item: ItemProvenance): TeiElement {
  const r = item.record;
  const imprint = [
    ...(r.pubPlace ? [el('pubPlace', {}, [r.pubPlace])] : []),
    ...(r.publisher ? [el('publisher', {}, [r.publisher])] : []),
    r.year ? el('date', { when: r.year }, [r.year]) : el('date', {}, ['n.d.']),
  ];
  const scopes = [
    ...(r.volume ? [el('biblScope', { unit: 'volume' }, [r.volume])] : []),
    ...(r.document ? [el('biblScope', { unit: 'document', n: r.document }, [r.document])] : []),
    ...(item.pages
      ? [el('biblScope', { unit: 'page', from: item.pages.from, to: item.pages.to }, [span(item.pages)])]
      : []),
  ];
  return block('biblStruct', { 'xml:id': `${item.id}-source` }, [
    el('analytic', {}, [el('title', { level: 'a' }, [item.sourceTitle])]),
    block('monogr', {}, [
      el('title', { level: 'm' }, [r.title ?? item.sourceTitle]),
      ...r.editors.map((e) => el('editor', {}, [e])),
      ...(r.idno ? [el('idno', { type: 'file' }, [r.idno])] : []),
      el('imprint', {}, imprint),
      ...scopes,
    ]),
    ...(r.url ? [el('ptr', { target: r.url })] : []),
    excerptNote(item),
  ]);
}
