import { childElements, isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';
import { meaningOf, TEXT_BLOCKS } from './elements.ts';
import type { Notices } from './notices.ts';
import { isInlineFeature, readRendition, withRendition } from './rendition.ts';
import type { Block, CorrectionKind, Inline, InlineOf, Rendition, SourcePosition } from './types.ts';

/**
 * TEI inline content → model inlines: the one place where the editorial meaning of each element
 * is decided. What cannot stand in running text (a note with no reference, boilerplate) is handed
 * to `lift`, and the block reader sets it after the block it came from.
 */
export interface InlineReader {
  /** Blocks of a note's body (mixed content, paragraphs, lists): the block reader. */
  flow: (nodes: TeiNode[]) => Block[];
  /** A block that cannot stand inline, set after the current block. */
  lift: (block: Block) => void;
  /** Counts footnotes without a printed label, for the label they are given. */
  notes: number;
  /** What the reading met that is reported (unknown renditions, internal remarks). */
  notices: Notices;
}

const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/**
 * An element of another namespace declared as the default one (`<div xmlns="http://www.w3.org/1999/xhtml">`
 * in a FRUS volume): not the TEI element of its local name. (A prefixed element of another
 * namespace is read by its local name when the table knows it, `frus:attachment`, and is unknown
 * otherwise.)
 */
export const isForeign = (e: TeiElement): boolean =>
  e.attrs.xmlns !== undefined && e.attrs.xmlns !== TEI_NS && !e.name.includes(':');

/** The name an element of another namespace is reported by: `{namespace}name`. */
export const foreignName = (e: TeiElement): string => `{${e.attrs.xmlns}}${e.name}`;

/** All the character data of an element of another namespace: its words, whatever its structure. */
export const foreignText = (e: TeiElement): string =>
  e.children.map((c) => (typeof c === 'string' ? c : foreignText(c))).join('');

/** An internal remark (`uh-oh`): out of the reading text, reported once per element name. */
export function remark(e: TeiElement, notices: Notices): void {
  notices.add(
    'tei-internal-remark',
    e.name,
    `<${e.name}> is an internal remark, not the edition's text: kept out of every format`,
    positionOf(e),
  );
}

/**
 * The children of an element the model does not know, as words: where its content is elements
 * only (a tree's `eTree`/`eLeaf`, a `tree`'s `root`/`iNode`/`leaf`: no text of its own but white
 * space), the elements are separate, so two that touch (`<eLeaf><label>Alpha</label></eLeaf><eLeaf>`)
 * are read with a word space between them, not glued into one word.
 */
export function unknownContent(children: TeiNode[]): TeiNode[] {
  if (children.some((c) => typeof c === 'string' && c.trim() !== '')) return children;
  const out: TeiNode[] = [];
  for (const c of children) {
    if (isElement(c) && out.length && isElement(out[out.length - 1] as TeiNode)) out.push(' ');
    out.push(c);
  }
  return out;
}

/**
 * The description an element the model does not know gives of itself (a spoken text's
 * `<incident><desc>passing truck</desc></incident>`, a `vocal`, a `kinesic`) is its only words:
 * read as a segment of text where `desc` elsewhere (a figure's, an omission's) is read by its owner.
 */
function describedAsText(n: TeiNode): TeiNode {
  return isElement(n) && localName(n.name) === 'desc' ? { ...n, name: 'seg', attrs: {} } : n;
}

/** An element the model does not know (no meaning in the table, not of another namespace). */
export const isUnknownElement = (e: TeiElement): boolean =>
  !isForeign(e) && meaningOf(localName(e.name)) === undefined;

export const positionOf = (e: TeiElement): SourcePosition | undefined =>
  e.line ? { line: e.line, column: e.column ?? 1 } : undefined;

/** Block-level elements: where they stand in running text, the paragraph is split around them. */
export const isBlockElement = (e: TeiElement): boolean => {
  const splits = meaningOf(localName(e.name))?.splits;
  if (splits === 'always') return true;
  return (
    splits === 'holdingText' && e.children.some((c) => isElement(c) && TEXT_BLOCKS.has(localName(c.name)))
  );
};

/** The editors' words of an omission: its `desc`, else its reason, else a plain "text omitted". */
export function omissionWords(e: TeiElement): { words: string; stated: boolean } {
  const desc = childElements(e, 'desc')
    .map((d) => plainText(d.children))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (desc) return { words: desc, stated: true };
  const reason = e.attrs.reason?.replace(/[-_]/g, ' ');
  return { words: reason && reason !== 'editorial omission' ? reason : 'text omitted', stated: false };
}

/** Character data without notes (for an omission's words and a correction's title). */
function plainText(nodes: TeiNode[]): string {
  return nodes
    .map((n) => (typeof n === 'string' ? n : localName(n.name) === 'note' ? '' : plainText(n.children)))
    .join('');
}

export type NoteMeaning = 'source' | 'editorial' | 'unanchored' | 'footnote';

/** What a TEI note is: decided here only. */
export function noteMeaning(e: TeiElement): NoteMeaning {
  const { type, place } = e.attrs;
  if (type === 'source') return 'source';
  if (type === 'unanchored') return 'unanchored';
  if (type === 'editorial' || place === 'inline') return 'editorial';
  return 'footnote';
}

function correction(e: TeiElement, reader: InlineReader): Inline[] {
  const part = (...names: string[]): TeiElement | undefined =>
    e.children.filter(isElement).find((c) => names.includes(localName(c.name)));
  const pairs: [string, string, CorrectionKind][] = [
    ['sic', 'corr', 'source'],
    ['orig', 'reg', 'regularization'],
    ['abbr', 'expan', 'expansion'],
  ];
  for (const [from, to, by] of pairs) {
    const original = part(from);
    const corrected = part(to);
    if (!original && !corrected) continue;
    if (!original || !corrected) return readInlines((original ?? corrected)?.children ?? [], reader);
    const kind = by === 'source' && corrected.attrs.type === 'editorial' ? 'edition' : by;
    return [
      {
        kind: 'correction',
        by: kind,
        original: readInlines(original.children, reader),
        corrected: readInlines(corrected.children, reader),
      },
    ];
  }
  return readInlines(e.children, reader);
}

/** A pointer to the list of terms (`gloss target="#t_NIE1"`, `term ref="#…"`): a link to the term's item. */
function termPointer(e: TeiElement, reader: InlineReader): Inline[] | undefined {
  const target = /^#(\S+)$/.exec((e.attrs.target ?? e.attrs.ref ?? '').trim())?.[1];
  if (!target) return undefined;
  return [
    { kind: 'link', target: { internal: target }, term: true, children: readInlines(e.children, reader) },
  ];
}

function link(e: TeiElement, reader: InlineReader): Inline[] {
  const target = (e.attrs.target ?? '').trim().split(/\s+/)[0] ?? '';
  const children = readInlines(e.children, reader);
  // A note inside a link is set after it: the note's reference is a link itself.
  const notes = children.filter((c) => c.kind === 'footnote');
  const words = children.filter((c) => c.kind !== 'footnote');
  if (/^https?:\/\//.test(target))
    return [
      { kind: 'link', target: { external: target }, children: words.length ? words : [text(target)] },
      ...notes,
    ];
  if (target.startsWith('#') && target.length > 1)
    return [{ kind: 'link', target: { internal: target.slice(1) }, children: words }, ...notes];
  return [{ kind: 'span', role: localName(e.name), children: words }, ...notes];
}

const text = (t: string): Inline => ({ kind: 'text', text: t });

/** A span in a rendition: the look of type around it, the rest (a block's feature, an unknown value) on the span. */
function inRendition(span: InlineOf<'span'>, rend: Rendition | undefined): Inline[] {
  if (!rend) return [span];
  const rest = rend.features.filter((f) => !isInlineFeature(f));
  if (rest.length || rend.classes)
    span.rend = { features: rest, ...(rend.classes ? { classes: rend.classes } : {}) };
  return withRendition([span], { features: rend.features.filter(isInlineFeature) });
}

function readInline(e: TeiElement, reader: InlineReader): Inline[] {
  if (isForeign(e))
    return [{ kind: 'unknown', name: foreignName(e), at: positionOf(e), children: [text(foreignText(e))] }];
  const name = localName(e.name);
  const a = e.attrs;
  const children = (): Inline[] => readInlines(e.children, reader);
  switch (name) {
    case 'note':
      switch (noteMeaning(e)) {
        case 'editorial':
          return [{ kind: 'editorialNote', children: children() }];
        case 'unanchored':
          reader.lift({
            kind: 'unanchoredNote',
            n: a.n ?? '',
            id: a['xml:id'],
            body: reader.flow(e.children),
          });
          return [];
        case 'source':
        case 'footnote':
          reader.notes++;
          return [
            {
              kind: 'footnote',
              n: a.n ?? (noteMeaning(e) === 'source' ? 'Source' : String(reader.notes)),
              id: a['xml:id'],
              body: reader.flow(e.children),
            },
          ];
      }
      break;
    case 'pb':
      return a.n ? [{ kind: 'pageBreak', n: a.n, id: a['xml:id'] }] : [];
    case 'lb':
      // a break inside a word (`break="no"`: a hyphenated line end) is no break to a reader
      return a.break === 'no' ? [] : [{ kind: 'lineBreak' }];
    case 'gap':
      return [{ kind: 'gap', ...omissionWords(e) }];
    case 'supplied':
      return [
        { kind: 'supplied', conjecture: a.cert === 'low' || a.reason === 'conjecture', children: children() },
      ];
    case 'choice':
      return correction(e, reader);
    case 'hi': {
      if (a.rend === 'xml-illegal-character') return children();
      const rend = readRendition(e, reader.notices);
      // looks of type only: emphasis; anything else (no look, a block's feature, an unknown value) a span
      if (rend && !rend.classes && rend.features.every(isInlineFeature))
        return withRendition(children(), rend);
      return inRendition({ kind: 'span', role: 'hi', children: children() }, rend);
    }
    case 'emph':
    case 'foreign':
      return [{ kind: 'emphasis', style: 'italic', children: children() }];
    case 'title':
      return [{ kind: 'citedTitle', children: children() }];
    case 'ref':
    case 'ptr':
      return link(e, reader);
    case 'g':
      return children();
    case 'fw':
      reader.lift({ kind: 'boilerplate', children: children() });
      return [];
    case 'gloss':
    case 'term': {
      const pointer = termPointer(e, reader);
      if (pointer) return withRendition(pointer, readRendition(e, reader.notices));
      // a term of the list of terms: the anchor its pointers link to
      const rend = readRendition(e, reader.notices);
      const span: Inline = { kind: 'span', role: name, children: children() };
      if (a['xml:id']) span.id = a['xml:id'];
      return inRendition(span, rend);
    }
    default: {
      const meaning = meaningOf(name);
      if (meaning?.remark) {
        remark(e, reader.notices);
        return [];
      }
      if (meaning?.inline === 'silent') return [];
      const kind = typeof meaning?.inline === 'object' ? meaning.inline.name : undefined;
      if (kind) {
        // A pointer to an entry of a register in the same file (`ref="#p_KGF1"`): a mention.
        const pointer = /^#([^\s#]+)$/.exec(a.ref ?? a.corresp ?? '')?.[1];
        const rend = readRendition(e, reader.notices);
        if (pointer && (kind === 'person' || kind === 'place' || kind === 'org') && name !== 'rs')
          return withRendition(
            [{ kind: 'mention', entity: kind, id: pointer, anchor: '', children: children() }],
            rend,
          );
        const key = (a.ref ?? a.corresp ?? a.key)?.replace(/^#/, '');
        return withRendition([{ kind: 'name', type: kind, key, children: children() }], rend);
      }
      const tail: Inline[] = meaning?.endsLine ? [{ kind: 'lineBreak' }] : [];
      if (meaning?.inline === 'span') {
        // (a paragraph or a block read as a span keeps its rendition where it is a block)
        const rend = meaning.block ? undefined : readRendition(e, reader.notices);
        return [...inRendition({ kind: 'span', role: name, children: children() }, rend), ...tail];
      }
      return [
        {
          kind: 'unknown',
          name: e.name,
          at: positionOf(e),
          children: readInlines(unknownContent(e.children).map(describedAsText), reader),
        },
      ];
    }
  }
  return [];
}

/** Indentation before punctuation that takes no space before it, and after one that takes none after it. */
const INDENT_BEFORE_CLOSING = /^[ \t]*\n\s*(?=[)\]}.,;:!?\u2019\u201d\u00bb])/;
const INDENT_AFTER_OPENING = /([([{\u2018\u201c\u00ab])[ \t]*\n\s*$/;

/**
 * White space as an XML reader of TEI reads it: the indentation a pretty-printer put between an
 * element and punctuation — a line break and the spaces after it — is layout, not a word space
 * (`(\n  <persName>Lie</persName>\n  )` reads `(Lie)`, `</placeName>\n  , November 19` reads
 * `Paris, November 19`). Spaces on one line are the text's own and stay: Recto's TEI keeps its
 * source's white space exactly, and its indentation never stands there.
 */
function layoutSpace(t: string, before: TeiNode | undefined, after: TeiNode | undefined): string {
  let out = t;
  if (before !== undefined && isElement(before)) out = out.replace(INDENT_BEFORE_CLOSING, '');
  if (after !== undefined && isElement(after)) out = out.replace(INDENT_AFTER_OPENING, '$1');
  return out;
}

export function readInlines(nodes: TeiNode[], reader: InlineReader): Inline[] {
  const out: Inline[] = [];
  // A paragraph joined across an extraction break (a blank line page extraction left inside a
  // sentence) reads the white space after the break as one word space, or as none where the words
  // join (`rend="joined"`: `well-` / `known`); so does a note between its parts printed at the
  // feet of two pages (`type="note-continued"`).
  let afterBreak: string | undefined;
  for (const [k, n] of nodes.entries()) {
    if (typeof n === 'string') {
      const spaced = layoutSpace(n, nodes[k - 1], nodes[k + 1]);
      const t = afterBreak === undefined ? spaced : afterBreak + spaced.replace(/^\s+/, '');
      afterBreak = undefined;
      if (t) out.push(text(t));
    } else if (
      localName(n.name) === 'milestone' &&
      (n.attrs.type === 'extraction-break' || n.attrs.type === 'note-continued')
    )
      afterBreak = n.attrs.rend === 'joined' ? '' : ' ';
    else if (localName(n.name) === 'lb' && n.attrs.break === 'no') {
      // a line broken inside a word (EpiDoc's `ὀρνί <lb break="no"/>θια`): the white space
      // around the break is layout, the word is one
      trimEnd(out);
      afterBreak = '';
    } else out.push(...readInline(n, reader));
  }
  return spacedEditorialNotes(out);
}

/** Drops the white space that ends a run of inlines (the text before a break inside a word). */
function trimEnd(out: Inline[]): void {
  const last = out.at(-1);
  if (last?.kind !== 'text') return;
  const kept = last.text.replace(/\s+$/, '');
  if (kept) last.text = kept;
  else out.pop();
}

/**
 * An editors' note set in the line (`amet<note place="inline">…</note> ipsum`) is bracketed text
 * of its own, not part of the word it touches: without a space every format would print
 * `amet[Inline note…]`, one word to a reader. A space is put between it and a word or a closing
 * mark before it, and a word after it; punctuation after it keeps touching it.
 */
function spacedEditorialNotes(out: Inline[]): Inline[] {
  for (const [k, n] of out.entries()) {
    if (n.kind !== 'editorialNote') continue;
    const before = out[k - 1];
    const after = out[k + 1];
    if (before?.kind === 'text' && /[^\s([{\u2018\u201c]$/u.test(before.text)) before.text += ' ';
    if (after?.kind === 'text' && /^[\p{L}\p{N}]/u.test(after.text)) after.text = ` ${after.text}`;
  }
  return out;
}
