import type { FontStyle } from './fonts.ts';
import type { PdfImage } from './image.ts';

/**
 * The print edition's blocks and inline items: what blocks.ts makes of the model and the
 * paginator, the line breaker and the drawing take.
 */
export type Item =
  // uri: a URL link's text; ref: a see-reference's words, a link to the xml:id it names
  | { kind: 'text'; text: string; style: FontStyle; scale?: number; uri?: string; ref?: string }
  | { kind: 'pb'; n: string; id?: string }
  | { kind: 'note'; label: string; items: Item[]; id?: string; unmarked?: boolean }
  | { kind: 'pageref'; target: string; style: FontStyle } // `(p. 37)`: the PDF page of a cross-reference's target
  | { kind: 'open'; id: string } // where a mention begins: no page turns inside a name
  | { kind: 'anchor'; id: string } // where a mention ends (the index's page numbers), where an xml:id's words begin
  | { kind: 'break' };

export type TypeRole = 'body' | 'title' | 'heading' | 'small';

/** Where a document (or the introduction) begins: its outline entry, its contents target, its running head. */
export interface Opening {
  title: string;
  id: string;
  runningHead: string; // the title shortened to fit, at a word
  division: boolean; // opens a right-hand page (no running head there)
  /** The division that holds it (a reader's unit, a volume's chapter): a level of the outline above it. */
  group?: string;
}

export interface PdfBlock {
  tag: 'P' | 'H1' | 'H2' | 'BlockQuote' | 'LI';
  type: TypeRole;
  items: Item[];
  align: 'justify' | 'left' | 'right' | 'center';
  indent: number; // first line, in ems of the type size
  leftIndent: number; // whole block, in points
  rightIndent?: number; // whole block, in points (a contents entry keeps room for its page number)
  spaceBefore: number; // in lines
  spaceAfter?: number; // in lines
  keepWithNext: boolean;
  tocFor?: string; // a contents entry for this document id
  spaceScale?: number; // word spaces this many times the font's (a row of omission dots is spaced wide)
  opening?: Opening; // the first block of a document
  table?: TableRow[]; // a table: set in columns by the paginator (table.ts), its items empty
  image?: PdfImage; // a figure's image: placed by the paginator within the measure (figure.ts), its items empty
}

/**
 * A table's row for the print: each cell's items (its blocks run together), header or not, columns
 * spanned; `artifact` for what a wide table's later panel sets again (its stub, its caption:
 * table-panels.ts), seen but not read twice.
 */
export type TableRow = { items: Item[]; header: boolean; span: number; artifact?: true }[];

export const block = (items: Item[], over: Partial<PdfBlock> = {}): PdfBlock => ({
  tag: 'P',
  type: 'body',
  items,
  align: 'justify',
  indent: 0,
  leftIndent: 0,
  spaceBefore: 0,
  keepWithNext: false,
  ...over,
});

/** Small capitals, drawn from capitals (the npm font has no smcp feature): lower case at 78 %. */
export function smallCaps(list: Item[]): Item[] {
  return list.flatMap((i): Item[] => {
    if (i.kind !== 'text') return [i];
    return (i.text.match(/\p{Ll}+|[^\p{Ll}]+/gu) ?? []).map((part) => {
      const lower = /\p{Ll}/u.test(part);
      return {
        kind: 'text',
        text: lower ? part.toUpperCase() : part,
        style: i.style,
        scale: lower ? 0.78 : undefined,
      };
    });
  });
}

/** The font style inline items are set in, as the inline rules pass it down. */
export interface Ctx {
  style: FontStyle;
}

export const REGULAR: Ctx = { style: 'regular' };

/** Where an element with an xml:id begins (a paragraph, an index's item): what a pointer to it finds. */
export const anchored = (id: string | undefined): Item[] => (id ? [{ kind: 'anchor', id }] : []);

export const text = (t: string, ctx: Ctx): Item[] => (t ? [{ kind: 'text', text: t, style: ctx.style }] : []);
export const bracketed = (inner: Item[], ctx: Ctx, close = ']'): Item[] => [
  ...text('[', ctx),
  ...inner,
  ...text(close, ctx),
];
export const italicOf = (ctx: Ctx): FontStyle => (ctx.style === 'italic' ? 'regular' : 'italic');
