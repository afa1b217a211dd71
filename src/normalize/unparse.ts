import {
  childElements,
  isElement,
  localName,
  type TeiElement,
  type TeiNode,
  teiDocuments,
} from '../tei/node.ts';
import { ILLEGAL_CHARACTER } from '../tei/write.ts';
import { printer, type UnparseContext, type Unparser } from './rule.ts';
import { movedOutOfGap } from './rules/omission.ts';
import { RULES } from './rules/registry.ts';

/**
 * TEI → the plain text it was normalized from: the normalizer's inverse, and the round-trip check
 * (`recto text`). The document's text is walked in order; its characters are printed as they are
 * (white space included: the TEI keeps the source's), and each element is printed by the rule
 * that wrote it (`pb` as `[Page 225]`, a correction as `of [on]`, a note's anchor as its entry in
 * the list), the first rule of the registry that owns it; an element no rule owns prints its
 * content. The source comes back byte for byte.
 */

/** The character a writer's `n="U+0007"` stands for. */
function illegalCharacter(n: string | undefined): string | undefined {
  const code = /^U\+([0-9A-F]{4,6})$/.exec(n ?? '');
  return code ? String.fromCodePoint(Number.parseInt(code[1] as string, 16)) : undefined;
}

/** The structure the normalizer and the serializer write around the source's text. */
const CORE: Unparser[] = [
  // the header is about the text, not of it
  printer(
    'teiHeader',
    () => true,
    () => '',
  ),
  // a character XML cannot carry, kept by the TEI writer: given back
  printer(
    'g',
    (e) => e.attrs.type === ILLEGAL_CHARACTER,
    (e, ctx) => illegalCharacter(e.attrs.n) ?? ctx.print(e.children),
  ),
  printer(
    'anchor',
    (e) => e.attrs.type === ILLEGAL_CHARACTER,
    (e) => illegalCharacter(e.attrs.n) ?? '',
  ),
  // white space between blocks that XML does not hold as such there (no-break spaces)
  printer(
    'anchor',
    (e) => e.attrs.type === 'white-space',
    (e) => e.attrs.n ?? '',
  ),
  printer(
    'hi',
    (e) => e.attrs.rend === ILLEGAL_CHARACTER,
    (e, ctx) => illegalCharacter(e.attrs.n) ?? ctx.print(e.children),
  ),
  // a line break the normalizer set between a heading's lines, or one inside a word whose hyphen
  // is the word's own (rule line-end-hyphen prints the printer's hyphen with its break)
  printer(
    'lb',
    (e) => e.attrs.rend !== 'hyphen',
    () => '\n',
  ),
  // the containers around a document: their white space is the writer's layout, not the source's
  ...['TEI', 'text', 'body'].map((name) =>
    printer(
      name,
      () => true,
      (e, ctx) => ctx.print(e.children.filter(isElement)),
    ),
  ),
];

// (an element moved out of a gap's words is printed by the gap, before any rule may print it)
const UNPARSERS: Unparser[] = [movedOutOfGap, ...CORE, ...RULES.flatMap((r) => r.unparse ?? [])];

/** Every element of one name of a document by its id: the notes an anchor prints, the header's renditions. */
function byId(root: TeiElement, name: string): Map<string, TeiElement> {
  const out = new Map<string, TeiElement>();
  const visit = (e: TeiElement): void => {
    if (localName(e.name) === name && e.attrs['xml:id']) out.set(e.attrs['xml:id'], e);
    for (const c of e.children) if (isElement(c)) visit(c);
  };
  visit(root);
  return out;
}

function contextFor(
  notes: Map<string, TeiElement>,
  renditions = new Map<string, TeiElement>(),
): UnparseContext {
  const where = new Map<TeiElement, { nodes: TeiNode[]; at: number }>();
  const ctx: UnparseContext = {
    note: (id) => notes.get(id),
    following: (e) => {
      const w = where.get(e);
      return w ? w.nodes.slice(w.at + 1) : [];
    },
    rendition: (id) => {
      const r = renditions.get(id);
      return r ? r.children.filter((c) => typeof c === 'string').join('') : undefined;
    },
    print: (nodes) => {
      let out = '';
      for (const [at, n] of nodes.entries()) {
        if (typeof n === 'string') out += n;
        else {
          where.set(n, { nodes, at });
          out += (UNPARSERS.find((u) => u.owns(n))?.print ?? ((e, c) => c.print(e.children)))(n, ctx);
        }
      }
      return out;
    },
  };
  return ctx;
}

/** Inline content as the plain text prints it (brackets, notes' references), a note's own text left out. */
export function inlineText(nodes: TeiNode[]): string {
  return contextFor(new Map()).print(nodes);
}

/** The plain text of one TEI document: its source, as it was. */
export function documentText(tei: TeiElement): string {
  const text = childElements(tei, 'text')[0];
  const header = childElements(tei, 'teiHeader')[0];
  return text
    ? contextFor(byId(text, 'note'), header ? byId(header, 'rendition') : undefined).print([text])
    : '';
}

/** The plain text of every document in a TEI or teiCorpus file, separated by form feeds. */
export function teiToText(root: TeiElement): string {
  return teiDocuments(root)
    .map((doc) => documentText(doc))
    .join('\n\f\n');
}
