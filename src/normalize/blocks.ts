import type { Line } from './lines.ts';
import type { NoteList } from './note-types.ts';
import type { Rule } from './rule.ts';
import type { Span } from './rules/footnote-refs.ts';

export type { Span };

/** How a list's items are marked: `- ` before each (dash), or as printed (plain). */
export type ListRend = 'dash' | 'plain';

/** A row of a table set in plain text: its line, its cells. */
export interface TableRow {
  line: Span; // the whole line
  cells: Span[];
  header: boolean;
  /** Where the line begins in the source (its indentation before `line`): the columns a cell stands in. */
  lineStart?: number;
  /** A wiki table's: what each cell is printed after (`||`, `| style="…" |`), as printed. */
  marks?: Span[];
}

/** The block structure of one source document, in source order (the normalizer's own model). */
export type Block =
  | { kind: 'fw' | 'source' | 'editorial' | 'despatch' | 'dateline'; span: Span }
  | { kind: 'page'; span: Span } // a page marker above or on a header line: `[Page 15]Chicago, …`
  | { kind: 'head'; spans: Span[]; bold: boolean }
  | { kind: 'section'; spans: Span[]; bold: boolean }
  | { kind: 'p'; spans: Span[] }
  | { kind: 'quote'; spans: Span[] }
  | { kind: 'list'; rend: ListRend; label?: Span; items: Span[] }
  | { kind: 'omission-row'; span: Span }
  | { kind: 'thought-break'; span: Span }
  | { kind: 'running-head'; span: Span; n: string } // `FOREIGN RELATIONS, 1950, VOLUME III 130`
  | { kind: 'salute' | 'signed' | 'postscript' | 'collection'; span: Span }
  | { kind: 'source-block'; spans: Span[] }
  /** A documentary edition's source note: its label (`Note:`) and the note, on one line or two. */
  | { kind: 'source-note'; spans: Span[] }
  /** The notes listed at the end: each is set at its reference, an anchor left where it is printed. */
  | { kind: 'notes'; list: NoteList }
  /** A line of a printed page's furniture (OCR): its running head, folio or signature, and the page it begins. */
  | { kind: 'furniture'; span: Span; role: 'header' | 'pageNum' | 'sig'; page?: { n: string; rend: string } }
  /**
   * A table set in plain text: its rows, a line each (`rule`: the row that is a pipe table's rule);
   * a wiki table's rows may run over lines, and its `markup` (`{| …`, `|-`, `|}`) stands between them.
   */
  | { kind: 'table'; form: 'pipe' | 'columns' | 'wiki'; rows: TableRow[]; rule?: number; markup?: Span[] }
  /** A stanza: its lines (`quoted`: indented in prose, a `quote` around it). */
  | { kind: 'verse'; lines: Span[]; quoted: boolean }
  /** A picture the text says is there (`[Illustration: caption]`): from its `[` to its `]` (after a diff's sign, at `diffSign`). */
  | {
      kind: 'figure';
      label: string;
      diffSign?: number;
      start: number;
      caption?: { from: number; to: number };
      close: number;
    };

export type BlockKind = Block['kind'];

/** What a block rule read at the start of a run of lines. */
export interface BlockMatch {
  blocks: Block[];
  /** How many lines of the run it took. */
  lines: number;
  /** It took the next run too (a list's label line and its items). */
  takesNext?: boolean;
}

/**
 * A rule that reads body blocks (markdown-it's block rules): given a run of lines with no blank
 * line between them, and the run after it, it reads what stands at the start of the run, or
 * declines. The segmenter tries the rules in the registry's order; the first that reads wins.
 */
export interface BlockRule extends Rule {
  parse(run: Line[], next: Line[] | undefined): BlockMatch | null;
}

/** The spans of a block whose text may carry footnote references. */
export function refSpans(block: Block): Span[] {
  switch (block.kind) {
    case 'head':
    case 'section':
    case 'p':
    case 'quote':
      return block.spans;
    case 'list':
      return block.items;
    case 'verse':
      return block.lines;
    case 'table':
      return block.rows.flatMap((r) => r.cells);
    case 'signed':
    case 'postscript':
    case 'salute':
    case 'dateline':
      return [block.span];
    case 'fw':
    case 'source':
    case 'editorial':
    case 'despatch':
    case 'omission-row':
    case 'thought-break':
    case 'running-head':
    case 'page':
    case 'collection':
    case 'source-block':
    case 'source-note':
    case 'notes':
    case 'figure':
    case 'furniture':
      return [];
  }
}
