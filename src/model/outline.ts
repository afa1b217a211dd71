import type { ModelDocument, ModelEdition } from './edition.ts';
import { displayText, readingText } from './reading-text.ts';
import {
  type Block,
  type BlockRules,
  blockWith,
  type Inline,
  type Rendition,
  type SourcePosition,
  type TableCell,
} from './types.ts';

/**
 * The edition model as an outline a person reads (`recto model FILE.xml`, as pandoc's `-t native`
 * shows its AST): the edition, then each document and its blocks one a line, indented by nesting,
 * with their kind, what tells one of a kind from another (a heading's role, a list's style) and
 * their text abridged; the inline kinds a block holds follow in brackets, and a footnote's body
 * comes under the block whose text refers to it. The JSON (`--json`, json.ts) is the full model.
 */

/** One line of the outline, and what hangs under it. */
interface Entry {
  head: string;
  /** Its xml:id, set at the end of the line (what an internal link or a `#p225` names). */
  id?: string;
  text?: Inline[];
  blocks?: Block[];
  entries?: Entry[];
}

const WIDTH = 60;
const CELL = 24;

/** Display text on one line, cut at a word boundary near WIDTH, quoted. */
function abridged(text: string, width = WIDTH): string {
  if (text.length <= width) return JSON.stringify(text);
  const cut = text.slice(0, width);
  const space = cut.lastIndexOf(' ');
  return JSON.stringify(`${space > width / 2 ? cut.slice(0, space) : cut}…`);
}

const where = (at: SourcePosition | undefined): string => (at ? ` at ${at.line}:${at.column}` : '');
/** "1 line", "2 lines". */
const count = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;
// (a source note's lines are parted by a slash: a line break node would be counted as the text's own)
const SLASH: Inline = { kind: 'text', text: ' / ' };

const cellText = (c: TableCell): string =>
  `${c.header ? 'header ' : ''}${c.span > 1 ? `span ${c.span} ` : ''}${abridged(readingText(c.blocks).text, CELL)}`;

/** A block's rendition after its kind: ` [center italic +rend-marginal]`. */
const rendered = (rend: Rendition | undefined): string =>
  rend ? ` [${[...rend.features, ...(rend.classes ?? []).map((c) => `+${c}`)].join(' ')}]` : '';

const BLOCK_OUTLINE: BlockRules<void, Entry> = {
  paragraph: (b) => ({
    head: `${b.continued ? 'paragraph (continued)' : 'paragraph'}${rendered(b.rend)}`,
    id: b.id,
    text: b.children,
  }),
  heading: (b) => ({ head: `heading ${b.role} level ${b.level}`, id: b.id, text: b.children }),
  sourceNote: (b) => ({
    head: `sourceNote (${count(b.lines.length, 'line')})`,
    id: b.id,
    text: b.lines.flatMap((line, k) => (k ? [SLASH, ...line] : line)),
  }),
  editorialNote: (b) => ({ head: 'editorialNote', text: b.children }),
  omission: (b) => ({
    head: ['omission', b.dots && 'dots', b.stated && 'stated'].filter(Boolean).join(' '),
    text: [{ kind: 'text', text: b.words }],
  }),
  pageBreak: (b) => ({ head: `pageBreak ${b.n}`, id: b.id }),
  list: (b) => ({
    head: `list ${b.style} (${count(b.items.length, 'item')})`,
    text: b.head,
    entries: b.items.map((i) => ({
      head: `item${i.marker ? ` ${i.marker}` : ''}`,
      text: i.label,
      blocks: i.blocks,
    })),
  }),
  // (a row on one line, its cells' text abridged: a table's nesting, row, cell, paragraph, is
  // three lines a cell otherwise)
  table: (b) => ({
    head: `table (${count(b.rows.length, 'row')})`,
    text: b.head,
    entries: b.rows.map((row) => ({ head: `row ${row.map(cellText).join(' | ')}` })),
  }),
  quote: (b) => ({ head: 'quote', blocks: b.children }),
  dateline: (b) => ({ head: 'dateline', text: b.children }),
  opener: (b) => ({ head: 'opener', blocks: b.children }),
  closer: (b) => ({ head: 'closer', blocks: b.children }),
  postscript: (b) => ({ head: 'postscript', blocks: b.children }),
  attachment: (b) => ({ head: 'attachment', id: b.id, blocks: b.children }),
  division: (b) => ({ head: 'division', id: b.id, blocks: b.children }),
  aside: (b) => ({ head: `aside ${b.role}`, id: b.id, blocks: b.children }),
  line: (b) => ({ head: `line ${b.role}${rendered(b.rend)}`, text: b.children }),
  figure: (b) => ({
    head: [
      'figure',
      ...b.media.map((m) => `${m.type} ${m.url ? `"${m.url}"` : m.data ? '(bytes)' : '(no address)'}`),
    ].join(' '),
    id: b.id,
    text: b.caption,
  }),
  boilerplate: (b) => ({ head: 'boilerplate', text: b.children }),
  unanchoredNote: (b) => ({ head: `unanchoredNote ${b.n}`, id: b.id, blocks: b.body }),
  unknown: (b) => ({ head: `unknown <${b.name}>${where(b.at)}`, blocks: b.children }),
};

/** The inline kinds other than text a block's text holds (with counts), and its footnotes. */
function marks(nodes: Inline[]): { kinds: string; notes: Entry[] } {
  const counts = new Map<string, number>();
  const notes: Entry[] = [];
  const visit = (list: Inline[]): void => {
    for (const n of list) {
      if (n.kind !== 'text') counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
      switch (n.kind) {
        case 'footnote':
          notes.push({ head: `footnote ${n.n}`, id: n.id, blocks: n.body });
          break;
        case 'correction':
          visit(n.original);
          visit(n.corrected);
          break;
        case 'text':
        case 'pageBreak':
        case 'gap':
        case 'lineBreak':
          break;
        default:
          visit(n.children);
      }
    }
  };
  visit(nodes);
  const kinds = [...counts].map(([kind, k]) => (k > 1 ? `${kind} ×${k}` : kind)).join(', ');
  return { kinds: kinds && ` [${kinds}]`, notes };
}

function print(entry: Entry, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const found = entry.text ? marks(entry.text) : { kinds: '', notes: [] };
  const text = entry.text?.length ? ` ${abridged(displayText(entry.text))}` : '';
  out.push(`${indent}${entry.head}${text}${found.kinds}${entry.id ? ` #${entry.id}` : ''}`);
  for (const note of found.notes) print(note, depth + 1, out);
  for (const block of entry.blocks ?? []) print(blockWith(BLOCK_OUTLINE, block, undefined), depth + 1, out);
  for (const sub of entry.entries ?? []) print(sub, depth + 1, out);
}

function documentHead(doc: ModelDocument, k: number, count: number): string {
  const pages = doc.record.pages;
  const facts = [
    doc.kind === 'document' ? undefined : doc.kind,
    doc.excerpt && 'excerpt',
    doc.number && `no. ${doc.number}`,
    doc.date,
    pages && (pages.from === pages.to ? `p. ${pages.from}` : `pp. ${pages.from}–${pages.to}`),
    doc.group,
  ].filter(Boolean);
  return `document ${k + 1}/${count} #${doc.id} ${JSON.stringify(doc.title)}${facts.length ? ` (${facts.join('; ')})` : ''}`;
}

export function modelOutline(edition: ModelEdition): string {
  const { meta, documents, register, mentions, unknown } = edition;
  const mentioned = [...mentions.values()].reduce((sum, list) => sum + list.length, 0);
  const out = [
    `edition #${meta.id} ${JSON.stringify(meta.title)}: ${count(documents.length, 'document')}, ${count(register.length, 'register entry', 'register entries')}, ${count(mentioned, 'mention')}`,
  ];
  for (const u of unknown) out.push(`  unknown element <${u.name}> ×${u.count}${where(u.at)}`);
  if (edition.introduction) print({ head: 'introduction', blocks: edition.introduction }, 0, out);
  documents.forEach((doc, k) => {
    print({ head: documentHead(doc, k, documents.length), blocks: doc.blocks }, 0, out);
  });
  return `${out.join('\n')}\n`;
}
