import {
  type Block,
  type BlockOf,
  type BlockRules,
  blockWith,
  type Inline,
  type InlineRules,
  inlineWith,
} from './types.ts';

/**
 * The display text of the model: the words a reader sees, as the source edition prints them —
 * an omission with the editors' words in brackets, a correction as `of [on]`, a conjecture as
 * `[by?]`, a note's reference as its label. Notes are gathered apart (`notes`), each as its label
 * and its text. Used for titles, tooltips, the search index and the cross-format test; it is not
 * the round-trip writer (`recto text`), which gives back the source's own characters.
 */
export interface TextSink {
  notes: string[];
  labels: boolean; // a note's reference shown as its label (reading text), or left out (a title)
  /** A word set after a cross-reference that a writer follows with its target's page (the PDF). */
  pageRef?: (target: string) => string | undefined;
  /** The words a writer sets before a figure's caption in place of what it cannot show (a placeholder). */
  figure?: (figure: BlockOf<'figure'>) => string | undefined;
}

const inlines = (nodes: Inline[], sink: TextSink): string =>
  nodes.map((n) => inlineWith(INLINE_TEXT, n, sink)).join('');
const bracket = (s: string): string => `[${s}]`;

export const INLINE_TEXT: InlineRules<TextSink, string> = {
  text: (n) => n.text,
  emphasis: (n, s) => inlines(n.children, s),
  citedTitle: (n, s) => inlines(n.children, s),
  pageBreak: () => '', // white space around it is the text's own (a break may fall inside a word)
  footnote: (n, s) => {
    const k = s.notes.length;
    s.notes.push('');
    s.notes[k] = `${n.n} ${blocksText(n.body, s)}`;
    return s.labels ? n.n : '';
  },
  editorialNote: (n, s) => bracket(inlines(n.children, s)),
  gap: (n) => bracket(n.words),
  supplied: (n, s) => bracket(`${inlines(n.children, s)}${n.conjecture ? '?' : ''}`),
  correction: (n, s) =>
    n.by === 'source'
      ? `${inlines(n.original, s)} ${bracket(inlines(n.corrected, s))}`
      : inlines(n.corrected, s),
  link: (n, s) => {
    // (a pointer to the list of terms is no cross-reference: its words alone; nor is a
    // see-reference to another item of its list, found there)
    const mark = 'internal' in n.target && !n.term && !n.see ? s.pageRef?.(n.target.internal) : undefined;
    return mark ? `${inlines(n.children, s)} ${mark} ` : inlines(n.children, s);
  },
  name: (n, s) => inlines(n.children, s),
  mention: (n, s) => inlines(n.children, s),
  lineBreak: () => '\n',
  span: (n, s) => inlines(n.children, s),
  unknown: (n, s) => inlines(n.children, s),
};

const blocks = (nodes: Block[], s: TextSink): string[] => nodes.map((b) => blockWith(BLOCK_TEXT, b, s));

export const BLOCK_TEXT: BlockRules<TextSink, string> = {
  paragraph: (b, s) => inlines(b.children, s),
  heading: (b, s) => inlines(b.children, s),
  sourceNote: (b, s) => b.lines.map((l) => inlines(l, s)).join('\n'),
  editorialNote: (b, s) => bracket(inlines(b.children, s)),
  omission: (b) => (b.dots ? '. . . . . . .' : bracket(b.words)),
  pageBreak: () => '',
  list: (b, s) =>
    [
      inlines(b.head ?? [], s),
      ...b.items.map(
        (i) => `${i.marker ?? ''} ${inlines(i.label ?? [], s)} ${blocks(i.blocks, s).join('\n')}`,
      ),
    ].join('\n'),
  table: (b, s) =>
    [
      inlines(b.head ?? [], s),
      ...b.rows.map((r) => r.map((c) => blocks(c.blocks, s).join('\n')).join('\n')),
    ].join('\n'),
  quote: (b, s) => blocks(b.children, s).join('\n'),
  dateline: (b, s) => inlines(b.children, s),
  opener: (b, s) => blocks(b.children, s).join('\n'),
  closer: (b, s) => blocks(b.children, s).join('\n'),
  postscript: (b, s) => blocks(b.children, s).join('\n'),
  attachment: (b, s) => blocks(b.children, s).join('\n'),
  aside: (b, s) => blocks(b.children, s).join('\n'),
  division: (b, s) => blocks(b.children, s).join('\n'),
  line: (b, s) => inlines(b.children, s) + (b.number ? ` ${b.number}` : ''),
  figure: (b, s) => {
    const shown = s.figure?.(b);
    return shown ? `${shown}\n${inlines(b.caption, s)}` : inlines(b.caption, s);
  },
  boilerplate: () => '', // out of the reading text
  unanchoredNote: (b, s) => {
    s.notes.push(`${b.n} ${blocksText(b.body, s)}`);
    return '';
  },
  unknown: (b, s) => blocks(b.children, s).join('\n'),
};

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function blocksText(nodes: Block[], sink: TextSink): string {
  return squash(blocks(nodes, sink).join('\n'));
}

/** The reading text of inline content, notes left out (titles, tooltips, search). */
export function displayText(nodes: Inline[]): string {
  return squash(inlines(nodes, { notes: [], labels: false }));
}

/** The reading text of blocks: the running text and, apart, each note (label and text) in order. */
export function readingText(
  nodes: Block[],
  options: Pick<TextSink, 'pageRef' | 'figure'> = {},
): { text: string; notes: string[] } {
  const sink: TextSink = { notes: [], labels: true, ...options };
  const text = squash(blocks(nodes, sink).join('\n'));
  return { text, notes: sink.notes };
}
