import type { DocumentMeta, EditionMeta } from '../meta.ts';
import { VERSION } from '../version.ts';
import { block, el, type TeiElement } from './node.ts';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', ru: 'Russian' };

/** Who did what, pointed at by `@resp` in the text (`#source-editors`, `#original-transmission`). */
function respStmts(edition: EditionMeta, prefix: string): TeiElement[] {
  return [
    el('respStmt', { 'xml:id': `${prefix}-source-editors` }, [
      el('resp', {}, ['omissions, insertions, corrections and conjectures marked in the source edition']),
      el('name', {}, ['the editors of the source edition']),
    ]),
    el('respStmt', { 'xml:id': `${prefix}-original-transmission` }, [
      el('resp', {}, ['text missing from the document as received']),
      el('name', {}, ['the original transmission']),
    ]),
    el('respStmt', { 'xml:id': `${prefix}-encoder` }, [
      el('resp', {}, ['TEI encoding']),
      el('name', {}, [`Recto ${VERSION}`, edition.editor ? ` for ${edition.editor}` : '']),
    ]),
  ];
}

/** Licences whose URL says the text is free to use: Creative Commons licences and public-domain tools. */
const FREE_LICENCE = /^https?:\/\/(?:www\.)?creativecommons\.org\/(?:licenses|publicdomain)\//;

/**
 * What the edition states about its rights, and nothing more: no rights are claimed by default
 * (a U.S. Government work is in the public domain; "All rights reserved" would be false).
 */
function availability(edition: EditionMeta): TeiElement {
  if (!edition.licence)
    return el('availability', { status: 'unknown' }, [
      el('p', {}, ['The rights of this edition are not stated.']),
    ]);
  const url = edition.licenceUrl;
  return el('availability', { status: url && FREE_LICENCE.test(url) ? 'free' : undefined }, [
    el('licence', { target: url }, [edition.licence]),
  ]);
}

function publicationStmt(edition: EditionMeta): TeiElement {
  return block('publicationStmt', {}, [
    el('publisher', {}, [edition.publisher ?? edition.editor ?? 'Recto']),
    availability(edition),
    ...(edition.date ? [el('date', { when: edition.date }, [edition.date])] : []),
  ]);
}

function encodingDesc(): TeiElement {
  return block('encodingDesc', {}, [
    el('editorialDecl', {}, [
      el('p', {}, [
        'Normalized from plain text by Recto. Page markers are pb; omission rows and notices are gap (the editors’ words in desc); ',
        'bracketed conjectures are supplied with cert="low"; bracketed corrections are choice/sic/corr; other bracketed insertions are supplied; ',
        'footnotes stand at their reference with n as printed; paragraphs split by page extraction are joined at a milestone of type extraction-break; ',
        'web-page boilerplate is fw. The source’s characters are all kept.',
      ]),
    ]),
    el('appInfo', {}, [
      el('application', { ident: 'recto', version: VERSION }, [el('label', {}, ['Recto'])]),
    ]),
  ]);
}

function langUsage(language: string): TeiElement {
  return el('langUsage', {}, [el('language', { ident: language }, [LANGUAGE_NAMES[language] ?? language])]);
}

function correspDesc(doc: DocumentMeta): TeiElement | null {
  if (!doc.author && !doc.recipient) return null;
  const name = (who: string): TeiElement => el(/\(\p{Lu}/u.test(who) ? 'persName' : 'name', {}, [who]);
  const sent: TeiElement[] = [];
  if (doc.author) sent.push(name(doc.author));
  if (doc.place) sent.push(el('placeName', {}, [doc.place]));
  if (doc.date) sent.push(el('date', { when: doc.when }, [doc.date]));
  const actions = [el('correspAction', { type: 'sent' }, sent)];
  if (doc.recipient) actions.push(el('correspAction', { type: 'received' }, [name(doc.recipient)]));
  return el('correspDesc', {}, actions);
}

/** The teiHeader of one document. */
export function documentHeader(doc: DocumentMeta, edition: EditionMeta): TeiElement {
  const titleStmt = block('titleStmt', {}, [
    el('title', {}, [doc.title]),
    ...(doc.author ? [el('author', {}, [doc.author])] : []),
    ...(edition.editor ? [el('editor', {}, [edition.editor])] : []),
    ...respStmts(edition, doc.id),
  ]);
  const bibl = el('bibl', {}, [
    doc.source ?? doc.title,
    ' ',
    el('note', { type: 'file' }, [`Normalized from ${doc.file}.`]),
  ]);
  const profile: TeiElement[] = [langUsage(doc.language)];
  const corresp = correspDesc(doc);
  if (corresp) profile.push(corresp);
  return block('teiHeader', {}, [
    block('fileDesc', {}, [titleStmt, publicationStmt(edition), block('sourceDesc', {}, [bibl])]),
    encodingDesc(),
    block('profileDesc', {}, profile),
  ]);
}

/** The teiHeader of the whole edition (the teiCorpus). */
export function editionHeader(edition: EditionMeta, documentCount: number): TeiElement {
  const titles = [el('title', { type: 'main' }, [edition.title])];
  if (edition.subtitle) titles.push(el('title', { type: 'sub' }, [edition.subtitle]));
  return block('teiHeader', {}, [
    block('fileDesc', {}, [
      block('titleStmt', {}, [
        ...titles,
        ...(edition.editor ? [el('editor', {}, [edition.editor])] : []),
        ...respStmts(edition, edition.id),
      ]),
      el('extent', {}, [
        el('measure', { unit: 'documents', quantity: String(documentCount) }, [`${documentCount} documents`]),
      ]),
      publicationStmt(edition),
      block('sourceDesc', {}, [
        el('p', {}, ['Plain-text transcriptions; each document’s header names its source.']),
      ]),
    ]),
    encodingDesc(),
    block('profileDesc', {}, [langUsage(edition.language)]),
  ]);
}
