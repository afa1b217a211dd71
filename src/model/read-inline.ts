import { childElements, isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';
import { meaningOf, TEXT_BLOCKS } from './elements.ts';
import type { Block, CorrectionKind, EmphasisStyle, Inline, SourcePosition } from './types.ts';

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
}

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

const EMPHASIS: [RegExp, EmphasisStyle][] = [
  [/italic/, 'italic'],
  [/bold/, 'bold'],
  [/small-?caps/, 'smallcaps'],
  [/underline/, 'underline'],
  [/sup/, 'superscript'],
  [/sub/, 'subscript'],
];

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

function readInline(e: TeiElement, reader: InlineReader): Inline[] {
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
      const style = EMPHASIS.find(([pattern]) => pattern.test(a.rend ?? ''))?.[1];
      if (a.rend === 'xml-illegal-character') return children();
      return style
        ? [{ kind: 'emphasis', style, children: children() }]
        : [{ kind: 'span', role: 'hi', children: children() }];
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
    default: {
      const meaning = meaningOf(name);
      if (meaning?.inline === 'silent') return [];
      const kind = typeof meaning?.inline === 'object' ? meaning.inline.name : undefined;
      if (kind) {
        // A pointer to an entry of a register in the same file (`ref="#p_KGF1"`): a mention.
        const pointer = /^#([^\s#]+)$/.exec(a.ref ?? a.corresp ?? '')?.[1];
        if (pointer && (kind === 'person' || kind === 'place' || kind === 'org') && name !== 'rs')
          return [{ kind: 'mention', entity: kind, id: pointer, anchor: '', children: children() }];
        const key = (a.ref ?? a.corresp ?? a.key)?.replace(/^#/, '');
        return [{ kind: 'name', type: kind, key, children: children() }];
      }
      const tail: Inline[] = meaning?.endsLine ? [{ kind: 'lineBreak' }] : [];
      if (meaning?.inline === 'span') return [{ kind: 'span', role: name, children: children() }, ...tail];
      return [{ kind: 'unknown', name: e.name, at: positionOf(e), children: children() }];
    }
  }
  return [];
}

export function readInlines(nodes: TeiNode[], reader: InlineReader): Inline[] {
  const out: Inline[] = [];
  // A paragraph joined across an extraction break (a blank line page extraction left inside a
  // sentence) reads the white space after the break as one word space, or as none where the words
  // join (`rend="joined"`: `well-` / `known`); so does a note between its parts printed at the
  // feet of two pages (`type="note-continued"`).
  let afterBreak: string | undefined;
  for (const n of nodes) {
    if (typeof n === 'string') {
      const t = afterBreak === undefined ? n : afterBreak + n.replace(/^\s+/, '');
      afterBreak = undefined;
      if (t) out.push(text(t));
    } else if (
      localName(n.name) === 'milestone' &&
      (n.attrs.type === 'extraction-break' || n.attrs.type === 'note-continued')
    )
      afterBreak = n.attrs.rend === 'joined' ? '' : ' ';
    else out.push(...readInline(n, reader));
  }
  return out;
}
