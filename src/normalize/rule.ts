import { localName, type TeiElement, type TeiNode } from '../tei/node.ts';

/**
 * A normalizer rule: one editorial convention of plain texts, read into TEI and written back.
 * Its two halves live in one module (as remark's construct packages keep `fromMarkdown` and
 * `toMarkdown` together): `unparse` says, for each element the rule writes, how the source
 * printed it, so `recto text` gives the source back byte for byte and a new convention cannot
 * forget its inverse. Rules come in families (the publisher's house conventions), and the registry
 * (rules/registry.ts) lists them in order; the golden test finds every rule there and fails for
 * one without fixtures.
 */
export type FamilyId =
  | 'generic'
  | 'frus'
  | 'gutenberg'
  | 'wikisource'
  | 'documentary-edition'
  | 'library-of-congress'
  | 'law-report'
  | 'parliamentary'
  | 'ocr-book'
  | 'newspaper'
  | 'classical'
  | 'verse';

/** What `recto text` needs to print an element: its content through the rules, and the notes by id. */
export interface UnparseContext {
  /** The nodes as the source printed them (each element through its rule). */
  print(nodes: TeiNode[]): string;
  /** A note of the document by its xml:id (an anchor prints the note printed at its place). */
  note(id: string): TeiElement | undefined;
  /** The text of a `rendition` of the document's header by its xml:id (a declared house style's template). */
  rendition(id: string): string | undefined;
  /** What follows an element among its siblings (a gap prints back the elements moved out of it). */
  following(e: TeiElement): TeiNode[];
}

/** The inverse of a rule for the elements it writes. */
export interface Unparser {
  /** Whether the rule wrote this element (by its name and attributes). */
  owns(e: TeiElement): boolean;
  /** The element as the source printed it. */
  print(e: TeiElement, ctx: UnparseContext): string;
}

export interface Rule {
  /** Its name in diagnostics, fixtures (test/fixtures/rules/<id>/) and the README. */
  id: string;
  family: FamilyId;
  /** The inverse: how each element it writes was printed. Rules that write no element have none. */
  unparse?: Unparser[];
}

/** An unparser for the elements of one name that pass a test. */
export function printer(
  name: string,
  test: (e: TeiElement) => boolean,
  print: (e: TeiElement, ctx: UnparseContext) => string,
): Unparser {
  return { owns: (e) => localName(e.name) === name && test(e), print };
}

/** The tokens of an element's `rend`. */
export const rendTokens = (e: TeiElement): string[] => (e.attrs.rend ?? '').split(/\s+/).filter(Boolean);

/** The value of a `name:value` token of an element's `rend`. */
export const rendValue = (e: TeiElement, name: string): string | undefined =>
  rendTokens(e)
    .find((t) => t.startsWith(`${name}:`))
    ?.slice(name.length + 1);
