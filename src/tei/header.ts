import type { DocumentMeta, EditionMeta, StatedSource } from '../meta.ts';
import type { DocumentSource } from '../normalize/source-record.ts';
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

export function publicationStmt(edition: EditionMeta, id: string): TeiElement {
  return block('publicationStmt', {}, [
    // (TEI wants a publisher here: left empty when none is stated, rather than claimed for Recto)
    el('publisher', {}, edition.publisher ? [edition.publisher] : []),
    el('idno', { type: 'recto' }, [id]),
    availability(edition),
    ...(edition.date ? [el('date', { when: edition.date }, [edition.date])] : []),
  ]);
}

/** What Recto does to the text, part by part (TEI `editorialDecl`). */
const EDITORIAL_DECL: [string, string][] = [
  [
    'correction',
    'Nothing in the source is silently corrected. A correction printed by the source edition’s editors (a bracketed word after the word it corrects: of [on]) is choice/sic/corr credited to them; an OCR or typing slip named in the edition’s manifest is choice/sic/corr with corr type="editorial", credited to the edition’s editor. Other suspected slips are only reported (rule ocr-suspect).',
  ],
  [
    'normalization',
    'Spelling, capitalization and punctuation are kept as in the source. Only the encoding is normalized: a byte-order mark and CRLF line ends are removed, text that is not UTF-8 is read as Windows-1252 (with a warning), and a character XML cannot carry is kept as g type="xml-illegal-character" with its code point.',
  ],
  [
    'quotation',
    'Quotation marks are kept as printed. A paragraph wholly in quotation marks is also a quote holding that paragraph.',
  ],
  [
    'hyphenation',
    'Hyphens are kept as printed; no end-of-line hyphenation is removed. A paragraph split by page extraction after a hyphen or a dash (well- / known) is joined with no space.',
  ],
  [
    'segmentation',
    'One p for each paragraph of the source (paragraphs are separated by blank lines). A paragraph split by page extraction is one p with a milestone unit="paragraph" type="extraction-break" at each break, followed by the word space the blank line stood for (none after a hyphen or a dash). Page markers are pb where they stand; footnotes stand at their reference with n as printed; a section heading opens a div.',
  ],
  [
    'interpretation',
    'The dateline is marked as placeName and date with @when (ISO 8601); sender and recipient read from the title are in correspDesc; omissions are gap with the editors’ words in desc; bracketed conjectures are supplied with cert="low", other bracketed insertions supplied; web-page boilerplate is fw.',
  ],
];

/** The name elements a text marks with a pointer to the register (`persName ref="#kennan"`), by name. */
const NAME_ELEMENTS = ['persName', 'placeName', 'orgName'];

function markedNames(text: TeiElement): string[] {
  const found = new Set<string>();
  const visit = (e: TeiElement): void => {
    if (NAME_ELEMENTS.includes(e.name) && e.attrs.ref) found.add(e.name);
    for (const c of e.children) if (typeof c !== 'string') visit(c);
  };
  visit(text);
  return NAME_ELEMENTS.filter((n) => found.has(n));
}

/** What the interpretation says of names: what the text marks, not a fixed sentence (#26). */
function namesSentence(marked: string[], register = false): string {
  if (!marked.length)
    return register
      ? 'No name the edition’s register lists was found in the running text; names are not marked.'
      : 'Names in the running text are not marked.';
  return `Names in the running text that the edition’s register lists are marked (${marked.join(', ')}) with ref pointing at the register’s entry in standOff; other names are not marked.`;
}

/** `tagUsage` for every element of the text, by name, with how often it occurs. */
function tagsDecl(text: TeiElement, renditions: TeiElement[] = []): TeiElement {
  const counts = new Map<string, number>();
  const visit = (e: TeiElement): void => {
    counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    for (const c of e.children) if (typeof c !== 'string') visit(c);
  };
  visit(text);
  const names = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return block('tagsDecl', {}, [
    // (a house style the manifest declared: its templates, which the text's elements point at)
    ...renditions,
    block(
      'namespace',
      { name: TEI_NAMESPACE },
      names.map((gi) => el('tagUsage', { gi, occurs: String(counts.get(gi)) })),
    ),
  ]);
}

const TEI_NAMESPACE = 'http://www.tei-c.org/ns/1.0';

/** `marked`: the name elements the text points at the register with (the edition: those of its register). */
function encodingDesc(
  marked: string[],
  register: boolean,
  text?: TeiElement,
  renditions?: TeiElement[],
): TeiElement {
  return block('encodingDesc', {}, [
    block(
      'editorialDecl',
      {},
      EDITORIAL_DECL.map(([part, words]) =>
        el(part, {}, [
          el('p', {}, [part === 'interpretation' ? `${words} ${namesSentence(marked, register)}` : words]),
        ]),
      ),
    ),
    ...(text ? [tagsDecl(text, renditions)] : []),
    el('appInfo', {}, [
      el('application', { ident: 'recto', version: VERSION }, [el('label', {}, ['Recto'])]),
    ]),
  ]);
}

function langUsage(language: string): TeiElement {
  return el('langUsage', {}, [el('language', { ident: language }, [LANGUAGE_NAMES[language] ?? language])]);
}

/** Words that make a name an office or a body (`Department of State`, `Embassy in Germany`). */
const BODY =
  /\b(?:Department|Embassy|Mission|Legation|Consulate|Delegation|Ministry|Government|Office|Council|Committee|Agency|Bureau|Commission|Staff|Board|Headquarters|Command|Secretariat|Chiefs|Posts|Stations|Missions|Embassies)\b/;
/** Words that make a name a person's role (`the Secretary of State`, `The Chargé in Moscow`). */
const ROLE =
  /^(?:the\s+)?(?:(?:Acting|Deputy|Assistant|Under|Special|Executive|Vice|Prime|Chief|High|Foreign|Defense|Military|Naval|Air|Political|Economic|Permanent)\s+)*(?:Secretary|President|Ambassador|Chargé|Charge|Minister|Director|Chairman|Counselor|Consul|Consul General|Adviser|Advisor|Assistant|Representative|Commander|Chief|Chancellor|Governor|Senator|Officer|Administrator|Commissioner|Attaché|Coordinator|Counsel|Deputy|Head|Member|Premier|King|Queen|Shah|Emperor|General|Admiral)\b/i;

/** An office followed by a name: `Secretary of Defense Quarles`, `President Eisenhower`. */
const TITLED =
  /^((?:the\s+)?(?:(?:Acting|Deputy|Assistant|Under|Vice|Prime)\s+)*(?:Secretary of (?:State|Defense|the Treasury|the Army|the Navy|the Air Force|Commerce|Agriculture|Labor|the Interior)|President|Ambassador|Chancellor|General|Admiral|Senator|Governor|Director|Minister|Premier|Chairman))\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)$/u;

/**
 * A sender or recipient: a person with a role and a name (`The Chargé in the Soviet Union
 * (Kennan)`) is a persName with roleName and name; an office (`Department of State`) an orgName;
 * a role alone (`the Secretary of State`) a persName of a roleName; anything else a persName.
 */
export function agent(who: string): TeiElement {
  const named = /^(.*\S)\s*\(([^()]+)\)$/.exec(who);
  if (named?.[1] && named[2])
    return el('persName', {}, [el('roleName', {}, [named[1]]), ' (', el('name', {}, [named[2]]), ')']);
  const titled = TITLED.exec(who);
  if (titled?.[1] && titled[2])
    return el('persName', {}, [el('roleName', {}, [titled[1]]), ' ', el('name', {}, [titled[2]])]);
  if (ROLE.test(who)) return el('persName', {}, [el('roleName', {}, [who])]);
  if (BODY.test(who)) return el('orgName', {}, [who]);
  return el('persName', {}, [who]);
}

/** correspDesc for a letter, telegram or memorandum: whenever a sender, a recipient or a date is known. */
function correspDesc(doc: DocumentMeta): TeiElement | null {
  if (!doc.author && !doc.recipient && !doc.when) return null;
  const sent: TeiElement[] = [];
  if (doc.author) sent.push(agent(doc.author));
  if (doc.place) sent.push(el('placeName', {}, [doc.place]));
  if (doc.date) sent.push(el('date', { when: doc.when }, [doc.date]));
  const actions = sent.length ? [el('correspAction', { type: 'sent' }, sent)] : [];
  if (doc.recipient) actions.push(el('correspAction', { type: 'received' }, [agent(doc.recipient)]));
  return actions.length ? el('correspDesc', {}, actions) : null;
}

/** The printed source as `biblStruct` (analytic: the document; monogr: the volume); only what is known. */
function sourceBibl(id: string, doc: DocumentMeta, source: DocumentSource): TeiElement {
  const analytic: TeiElement[] = [el('title', { level: 'a' }, [doc.title])];
  if (doc.author) analytic.push(el('author', {}, [doc.author]));
  if (doc.date) analytic.push(el('date', { when: doc.when }, [doc.date]));
  if (source.idno) analytic.push(el('idno', { type: 'file' }, [source.idno]));
  const imprint: TeiElement[] = [];
  if (source.publisher) imprint.push(el('publisher', {}, [source.publisher]));
  if (source.pubPlace) imprint.push(el('pubPlace', {}, [source.pubPlace]));
  if (source.year) imprint.push(el('date', { when: source.year }, [source.year]));
  const scopes: TeiElement[] = [];
  if (source.volume) scopes.push(el('biblScope', { unit: 'volume' }, [source.volume]));
  if (source.document)
    scopes.push(el('biblScope', { unit: 'document', n: source.document }, [source.document]));
  if (source.pages) {
    const { from, to } = source.pages;
    scopes.push(el('biblScope', { unit: 'page', from, to }, [from === to ? from : `${from}–${to}`]));
  }
  // TEI requires an imprint; with nothing known of it, the scopes (an imprint part) go inside it,
  // else "n.d.": no invented publisher or place.
  // (no printed edition known: the monogr is the imprint alone, as TEI allows; the archival
  // source stays the note after it)
  const monogr: TeiElement[] = [
    ...(source.title ? [el('title', { level: 'm' }, [source.title])] : []),
    ...source.editors.map((e) => el('editor', {}, [e])),
  ];
  if (imprint.length) monogr.push(el('imprint', {}, imprint), ...scopes);
  else if (scopes.length) monogr.push(el('imprint', {}, scopes));
  else monogr.push(el('imprint', {}, [el('date', {}, ['n.d.'])]));
  const after: TeiElement[] = [];
  if (source.series) after.push(el('series', {}, [el('title', { level: 's' }, [source.series])]));
  if (source.url) after.push(el('ref', { target: source.url }, [source.url]));
  if (source.note) after.push(el('note', { type: 'source' }, [source.note]));
  return block('biblStruct', { 'xml:id': `${id}-source` }, [
    block('analytic', {}, analytic),
    block('monogr', {}, monogr),
    ...after,
  ]);
}

/** The volume the documents come from (manifest `sourceEdition`), in the edition's own header. */
function volumeBibl(id: string, volume: StatedSource): TeiElement {
  const imprint: TeiElement[] = [];
  if (volume.publisher) imprint.push(el('publisher', {}, [volume.publisher]));
  if (volume.pubPlace) imprint.push(el('pubPlace', {}, [volume.pubPlace]));
  if (volume.year) imprint.push(el('date', { when: volume.year }, [volume.year]));
  if (!imprint.length) imprint.push(el('date', {}, ['n.d.']));
  return block('biblStruct', { 'xml:id': `${id}-source-edition` }, [
    block('monogr', {}, [
      el('title', { level: 'm' }, [volume.title ?? '']),
      ...(volume.editors ?? []).map((e) => el('editor', {}, [e])),
      el('imprint', {}, imprint),
      ...(volume.volume ? [el('biblScope', { unit: 'volume' }, [volume.volume])] : []),
    ]),
    ...(volume.series ? [el('series', {}, [el('title', { level: 's' }, [volume.series])])] : []),
    ...(volume.url ? [el('ref', { target: volume.url }, [volume.url])] : []),
  ]);
}

export interface HeaderParts {
  source: DocumentSource;
  text: TeiElement; // the TEI text, for the tagsDecl
  buildDate?: string; // ISO 8601 day of the build, when known (SOURCE_DATE_EPOCH)
  /** The `rendition`s of a house style the manifest declared for the document. */
  renditions?: TeiElement[];
}

/** The teiHeader of one document. */
export function documentHeader(doc: DocumentMeta, edition: EditionMeta, parts: HeaderParts): TeiElement {
  const titleStmt = block('titleStmt', {}, [
    el('title', {}, [doc.title]),
    ...(doc.author ? [el('author', {}, [doc.author])] : []),
    ...(edition.editor ? [el('editor', { 'xml:id': `${doc.id}-editor` }, [edition.editor])] : []),
    ...respStmts(edition, doc.id),
  ]);
  const bibl = el('bibl', {}, [
    doc.source ?? doc.title,
    ' ',
    el('note', { type: 'file' }, [`Normalized from ${doc.file}.`]),
  ]);
  const profile: TeiElement[] = [];
  if (doc.when) profile.push(el('creation', {}, [el('date', { when: doc.when }, [doc.date ?? doc.when])]));
  profile.push(langUsage(doc.language));
  const corresp = correspDesc(doc);
  if (corresp) profile.push(corresp);
  const change = el('change', { when: parts.buildDate, who: `#${doc.id}-encoder` }, [
    `Normalized from the plain text ${doc.file} by Recto ${VERSION}.`,
  ]);
  return block('teiHeader', {}, [
    block('fileDesc', {}, [
      titleStmt,
      publicationStmt(edition, doc.id),
      block('sourceDesc', {}, [bibl, sourceBibl(doc.id, doc, parts.source)]),
    ]),
    encodingDesc(markedNames(parts.text), registerNames(edition).length > 0, parts.text, parts.renditions),
    block('profileDesc', {}, profile),
    block('revisionDesc', {}, [change]),
  ]);
}

/** The name elements the edition's register gives its documents (the kinds of entry it has). */
function registerNames(edition: EditionMeta): string[] {
  const entries = edition.register?.entries ?? [];
  const kinds: [string, string][] = [
    ['person', 'persName'],
    ['place', 'placeName'],
    ['org', 'orgName'],
  ];
  return kinds.flatMap(([type, name]) => (entries.some((e) => e.type === type) ? [name] : []));
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
      publicationStmt(edition, edition.id),
      // The volume the documents come from when the manifest names it (sourceDesc holds either
      // bibliographic records or paragraphs, not both), else a sentence.
      block('sourceDesc', {}, [
        edition.sourceEdition?.title
          ? volumeBibl(edition.id, edition.sourceEdition)
          : el('p', {}, ['Plain-text transcriptions; each document’s header names its source.']),
      ]),
    ]),
    encodingDesc(registerNames(edition), registerNames(edition).length > 0),
    block('profileDesc', {}, [langUsage(edition.language)]),
  ]);
}
