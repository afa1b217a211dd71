import type { LineRole, NameKind } from './types.ts';

/**
 * The one table of the TEI elements the model knows, and what each means to it: the block reader
 * (`read-block.ts`) and the inline reader (`read-inline.ts`) both derive what they need from it,
 * so the two cannot disagree about an element (`lg` was a block in one and not in the other). An
 * element missing here is read as an `unknown` node wherever it stands.
 */
export interface ElementMeaning {
  /**
   * Where blocks stand: a block the block reader reads by its own rule (`block`), a container
   * read as the blocks it holds (`container`), or a line of its own. Absent: running text.
   */
  block?: 'block' | 'container' | { line: LineRole };
  /**
   * In running text: read by the inline reader's own rule (`own`), drawn as its content with its
   * name kept (`span`), no text of its own in the reading (`silent`: structure, or text kept
   * elsewhere), or a name of some kind. Absent: unknown in running text.
   */
  inline?: 'own' | 'span' | 'silent' | { name: NameKind };
  /**
   * Standing in running text it splits the paragraph around it: always, or only when it holds
   * paragraphs or verse (a quoted letter is a block, a quoted phrase is not).
   */
  splits?: 'always' | 'holdingText';
  /** Standing in running text it ends a line (an item, a verse line, a row). */
  endsLine?: true;
  /**
   * An internal remark of the edition's makers, not the edition's text (a FRUS microfiche
   * supplement's `<uh-oh>`): kept out of the reading text in every format, and reported.
   */
  remark?: true;
}

/** What a quote must hold to be a block (`splits: 'holdingText'`). */
export const TEXT_BLOCKS: ReadonlySet<string> = new Set(['p', 'lg', 'l', 'ab']);

const block = 'block';
const container = 'container';
const line = (role: LineRole): ElementMeaning['block'] => ({ line: role });
const name = (kind: NameKind): ElementMeaning['inline'] => ({ name: kind });

const ELEMENTS: Record<string, ElementMeaning> = {
  // blocks read by a rule of their own
  p: { block, inline: 'span', splits: 'always', endsLine: true },
  ab: { block, inline: 'span', splits: 'always', endsLine: true },
  head: { block, inline: 'span' },
  note: { block, inline: 'own' },
  gap: { block, inline: 'own' },
  pb: { block, inline: 'own' },
  list: { block, inline: 'span', splits: 'always' },
  table: { block, inline: 'span', splits: 'always' },
  quote: { block, inline: 'span', splits: 'holdingText' },
  q: { block, inline: 'span', splits: 'holdingText' },
  dateline: { block, inline: 'span' },
  opener: { block, inline: 'span', splits: 'always' },
  closer: { block, inline: 'span', splits: 'always' },
  postscript: { block, inline: 'span', splits: 'always' },
  attachment: { block, inline: 'span', splits: 'always' },
  div: { block, inline: 'span', splits: 'always' },
  // numbered divisions (P5 still has div1…div7; P4 also div0): divisions like div
  div0: { block, inline: 'span', splits: 'always' },
  div1: { block, inline: 'span', splits: 'always' },
  div2: { block, inline: 'span', splits: 'always' },
  div3: { block, inline: 'span', splits: 'always' },
  div4: { block, inline: 'span', splits: 'always' },
  div5: { block, inline: 'span', splits: 'always' },
  div6: { block, inline: 'span', splits: 'always' },
  div7: { block, inline: 'span', splits: 'always' },
  titlePage: { block },
  figure: { block, inline: 'span', splits: 'always' },
  fw: { block, inline: 'own' },
  milestone: { block, inline: 'silent' },
  cb: { block, inline: 'silent' },
  anchor: { block, inline: 'silent' },
  teiHeader: { block, inline: 'silent' },
  // what a figure shows; standing alone, a figure of its own (read-figure.ts)
  graphic: { block, inline: 'span', splits: 'always' },
  binaryObject: { block, inline: 'span', splits: 'always' },
  media: { block, inline: 'span', splits: 'always' },

  // lines of their own at block level, spans in running text
  salute: { block: line('salute'), inline: 'span' },
  signed: { block: line('signed'), inline: 'span' },
  byline: { block: line('byline'), inline: 'span' },
  trailer: { block: line('trailer'), inline: 'span' },
  titlePart: { block: line('titlePart'), inline: 'span' },
  docImprint: { block: line('imprint'), inline: 'span' },
  docDate: { block: line('imprint'), inline: 'span' },
  docAuthor: { block: line('byline'), inline: 'span' },
  label: { block: line('label'), inline: 'span' },
  bibl: { block: line('bibl'), inline: 'span' },
  idno: { block: line('idno'), inline: 'span' },
  l: { block: line('verse'), inline: 'span', endsLine: true },
  figDesc: { block: line('caption'), inline: 'span' },
  address: { block: line('label'), inline: 'span' },
  argument: { block: line('label') },
  epigraph: { block: line('label') },

  // containers: read as the blocks they hold
  body: { block: container },
  front: { block: container },
  back: { block: container },
  text: { block: container },
  group: { block: container },
  docTitle: { block: container },
  lg: { block: container, inline: 'span', splits: 'always' },
  floatingText: { block: container, inline: 'span', splits: 'always' },
  sp: { block: container },

  // running text read by a rule of its own
  lb: { inline: 'own' },
  supplied: { inline: 'own' },
  choice: { inline: 'own' },
  hi: { inline: 'own' },
  emph: { inline: 'own' },
  foreign: { inline: 'own' },
  title: { inline: 'own' },
  ref: { inline: 'own' },
  ptr: { inline: 'own' },
  g: { inline: 'own' },

  // no text of their own in the reading
  desc: { inline: 'silent' },
  index: { inline: 'silent' },
  span: { inline: 'silent' },

  // internal remarks: never reading text (reported)
  'uh-oh': { remark: true },

  // names (a pointer to a register entry makes a person, place or org a mention)
  persName: { inline: name('person') },
  placeName: { inline: name('place') },
  orgName: { inline: name('org') },
  date: { inline: name('date') },
  time: { inline: name('time') },
  name: { inline: name('other') },
  rs: { inline: name('other') },
  geogName: { inline: name('place') },
  settlement: { inline: name('place') },
  country: { inline: name('place') },

  // known elements with no look of their own: their content, their name kept as a class
  seg: { inline: 'span' },
  term: { inline: 'span' },
  gloss: { inline: 'span' },
  num: { inline: 'span' },
  measure: { inline: 'span' },
  said: { inline: 'span' },
  sic: { inline: 'span' },
  corr: { inline: 'span' },
  orig: { inline: 'span' },
  reg: { inline: 'span' },
  abbr: { inline: 'span' },
  expan: { inline: 'span' },
  unclear: { inline: 'span' },
  add: { inline: 'span' },
  del: { inline: 'span' },
  publisher: { inline: 'span' },
  pubPlace: { inline: 'span' },
  affiliation: { inline: 'span' },
  roleName: { inline: 'span' },
  forename: { inline: 'span' },
  surname: { inline: 'span' },
  addName: { inline: 'span' },
  item: { inline: 'span', endsLine: true },
  row: { inline: 'span', endsLine: true },
  cell: { inline: 'span' },
  addrLine: { inline: 'span', endsLine: true },
  email: { inline: 'span' },
  mentioned: { inline: 'span' },
  soCalled: { inline: 'span' },
  distinct: { inline: 'span' },
  c: { inline: 'span' },
  w: { inline: 'span' },
  pc: { inline: 'span' },
  // an abbreviation's marker and an expansion's supplied letters (inside abbr and expan)
  am: { inline: 'span' },
  ex: { inline: 'span' },
};

// (a Map: an element named `constructor` is not the object's prototype)
const MEANINGS: ReadonlyMap<string, ElementMeaning> = new Map(Object.entries(ELEMENTS));

/** What a TEI element (by its local name) means to the model; undefined for one it does not know. */
export const meaningOf = (localName: string): ElementMeaning | undefined => MEANINGS.get(localName);

/** Every element name the table knows (for tests and documentation). */
export const knownElements = (): string[] => [...MEANINGS.keys()];
