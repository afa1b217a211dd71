/**
 * The edition model: the closed set of node kinds every writer (HTML, EPUB, PDF, display text)
 * draws. The TEI — ours or anyone's — is read into it once (src/model/read-*.ts), and every
 * editorial decision is taken there: what is a footnote, what a source note, how an omission or a
 * correction reads. Writers are tables keyed by kind (`BlockRules`, `InlineRules`): a writer that
 * forgets a kind does not type-check. An element the reader does not know becomes an `unknown`
 * node that keeps its name, its children and where it stands in the TEI file.
 */

/** Where an element starts in the TEI file it was read from. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type EmphasisStyle =
  | 'italic'
  | 'bold'
  | 'strong'
  | 'smallcaps'
  | 'underline'
  | 'superscript'
  | 'subscript';

/**
 * The closed set of presentational features the model reads from `@rend`, `@rendition` and
 * `@style` (src/model/rendition.ts): the look of a type (italic … subscript, as `EmphasisStyle`)
 * and the look of a block (centred, right-aligned, indented, a section title).
 */
export type RendFeature = EmphasisStyle | 'center' | 'right' | 'indent' | 'sectionTitle';

/**
 * A block's or a span's rendition: its features, and the values of `@rend` the model does not
 * know (`classes`), kept for the writers to carry as classes (each reported once by the model).
 */
export interface Rendition {
  features: RendFeature[];
  classes?: string[];
}

/** Who made a correction, and so how the reading text shows it. */
export type CorrectionKind =
  | 'source' // printed by the source's editors as `of [on]`: the reading text shows both
  | 'edition' // made by this edition's editor (manifest corrections): the corrected word, marked
  | 'regularization' // orig/reg: the regular form
  | 'expansion'; // abbr/expan: the expansion

export type NameKind = 'person' | 'place' | 'org' | 'date' | 'time' | 'other';

export type MentionKind = 'person' | 'place' | 'org';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'emphasis'; style: EmphasisStyle; children: Inline[] }
  /** A title of a work (italic in print). */
  | { kind: 'citedTitle'; children: Inline[] }
  | { kind: 'pageBreak'; n: string; id?: string }
  /** A note at the foot (or end): `n` its label as printed, its body blocks. Unanchored notes are blocks. */
  | { kind: 'footnote'; n: string; id?: string; body: Block[] }
  /** The editors' remark in the running text (`[Footnote in the source text. …]`), set in brackets. */
  | { kind: 'editorialNote'; children: Inline[] }
  /** Text left out; `words` are the editors' words (`Here follows …`), shown in brackets. */
  | { kind: 'gap'; words: string; stated: boolean }
  | { kind: 'supplied'; conjecture: boolean; children: Inline[] }
  | { kind: 'correction'; by: CorrectionKind; original: Inline[]; corrected: Inline[] }
  /** `term`: a pointer to the list of terms (`gloss`, `term`): a link on screen, no page reference in print. */
  /**
   * `see`: a pointer from one item of a list to another (an index's `Shah of Iran. See Pahlavi`):
   * found in the list itself, so print sets no page number after it (a link all the same).
   */
  | { kind: 'link'; target: LinkTarget; term?: boolean; see?: boolean; children: Inline[] }
  | { kind: 'name'; type: NameKind; key?: string; children: Inline[] }
  /**
   * A name that points at an entry of the edition's register (`persName ref="#id"`): linked to
   * its register page, listed in the indexes. `anchor` is unique in its document (set by the model).
   */
  | { kind: 'mention'; entity: MentionKind; id: string; anchor: string; children: Inline[] }
  | { kind: 'lineBreak' }
  /**
   * A known element with no look of its own (seg, term, num, idno …): its text, its TEI name kept
   * as a class; `id` its anchor (a term of the list of terms), `rend` what of its rendition is no
   * inline look (a block feature, a value the model does not know).
   */
  | { kind: 'span'; role: string; id?: string; rend?: Rendition; children: Inline[] }
  | { kind: 'unknown'; name: string; at?: SourcePosition; children: Inline[] };

export type LinkTarget = { external: string } | { internal: string };

export type LineRole =
  | 'salute'
  | 'signed'
  | 'byline'
  | 'trailer'
  | 'titlePart'
  | 'imprint'
  | 'label'
  | 'bibl'
  | 'idno'
  | 'verse'
  | 'caption';

export type HeadingRole =
  | 'title' // the document's title
  | 'subtitle' // a second head of the document
  | 'section' // a section of a document
  | 'division'; // a division of a volume (chapter), set before its first document

export interface ListItem {
  /** The mark the list sets before the item (`–`, `3.`), the same in every output. */
  marker?: string;
  label?: Inline[];
  blocks: Block[];
}

export type AsideRole = 'headnote' | 'questions' | 'unitIntroduction' | 'readingList' | 'glossary';

/** The TEI `div/@type` of each aside. */
export const ASIDE_TYPES: Record<string, AsideRole> = {
  headnote: 'headnote',
  questions: 'questions',
  'unit-introduction': 'unitIntroduction',
  'reading-list': 'readingList',
  // the source's abbreviations and terms an excerpt uses (a volume's list of terms)
  glossary: 'glossary',
};

/**
 * What a figure shows: an image (`graphic`, whose address is `url`, or `binaryObject`, whose bytes
 * are in the TEI: `data`, base64), or an embedded object the edition cannot hold (a `media`
 * element, an XHTML video player inside a figure). Sizes and the media type as the TEI gives them.
 */
export interface FigureMedia {
  type: 'image' | 'video' | 'embedded';
  /** The address as given (`graphic/@url`: a file name, a URL or a label such as `Document A.1`). */
  url?: string;
  mimeType?: string;
  width?: string;
  height?: string;
  /** An embedded image's bytes (`binaryObject`), base64, white space removed. */
  data?: string;
  at?: SourcePosition;
}

export interface TableCell {
  header: boolean;
  span: number;
  blocks: Block[];
}

export type Block =
  | { kind: 'paragraph'; id?: string; continued: boolean; rend?: Rendition; children: Inline[] }
  | { kind: 'heading'; role: HeadingRole; level: number; id?: string; children: Inline[] }
  /** A document's source note (FRUS: the note on its title; ours: `note type="source"`), line by line. */
  | { kind: 'sourceNote'; id?: string; lines: Inline[][] }
  | { kind: 'editorialNote'; children: Inline[] }
  /** A row of omission dots (`dots`) or a bracketed omission standing alone. */
  | { kind: 'omission'; words: string; stated: boolean; dots: boolean }
  | { kind: 'pageBreak'; n: string; id?: string }
  | { kind: 'list'; style: 'dash' | 'ordered' | 'plain'; head?: Inline[]; items: ListItem[] }
  | { kind: 'table'; head?: Inline[]; rows: TableCell[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'dateline'; children: Inline[] }
  | { kind: 'opener'; children: Block[] }
  | { kind: 'closer'; children: Block[] }
  | { kind: 'postscript'; children: Block[] }
  /** An enclosure or attachment (FRUS `frus:attachment`). */
  | { kind: 'attachment'; id?: string; children: Block[] }
  | { kind: 'division'; id?: string; children: Block[] }
  /**
   * A course reader's own words beside the documents (`div type="headnote"`, `"questions"`,
   * `"unit-introduction"`, `"reading-list"`), and the source's terms an excerpt uses (`"glossary"`):
   * set apart from the source's text in every format.
   */
  | { kind: 'aside'; role: AsideRole; id?: string; children: Block[] }
  /** A line of its own; `number`: the line number the source prints at a verse line's end. */
  | { kind: 'line'; role: LineRole; number?: string; rend?: Rendition; children: Inline[] }
  /**
   * A figure: its caption (`head`, `p`), its description — the alternative text: `figDesc`, else
   * the head, else the caption — and what it shows (`media`: none for an illustration the source
   * only names, `[Illustration: …]`).
   */
  | { kind: 'figure'; id?: string; caption: Inline[]; description: string; media: FigureMedia[] }
  /** Web-page boilerplate and running heads (`fw`): kept in the model, out of the reading text. */
  | { kind: 'boilerplate'; children: Inline[] }
  /** A note with no reference in the text: set with the notes, at the end of its block. */
  | { kind: 'unanchoredNote'; n: string; id?: string; body: Block[] }
  | { kind: 'unknown'; name: string; at?: SourcePosition; children: Block[] };

export type InlineOf<K extends Inline['kind']> = Extract<Inline, { kind: K }>;
export type BlockOf<K extends Block['kind']> = Extract<Block, { kind: K }>;

/** A writer's drawing of every inline kind: a missing kind is a type error. */
export type InlineRules<C, R> = { [K in Inline['kind']]: (node: InlineOf<K>, ctx: C) => R };
/** A writer's drawing of every block kind: a missing kind is a type error. */
export type BlockRules<C, R> = { [K in Block['kind']]: (node: BlockOf<K>, ctx: C) => R };

export function inlineWith<C, R>(rules: InlineRules<C, R>, node: Inline, ctx: C): R {
  return (rules[node.kind] as (n: Inline, c: C) => R)(node, ctx);
}

export function blockWith<C, R>(rules: BlockRules<C, R>, node: Block, ctx: C): R {
  return (rules[node.kind] as (n: Block, c: C) => R)(node, ctx);
}
