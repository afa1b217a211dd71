import type PDFDocument from 'pdfkit';
import type { FontFace, FontSet, FontStyle } from './fonts.ts';
import { num, type Run, type TextOps } from './text-ops.ts';

/**
 * Page numbers the book knows only once it is all laid out (a contents entry's, a reference's to
 * a later page): each a form XObject placed now, in its slot, and written at the end, so the book
 * is laid out and drawn in one pass.
 */
type Doc = InstanceType<typeof PDFDocument>;
type Ref = ReturnType<Doc['ref']>;

/** A page number in a slot: at its left (` (p. N)`), or right-aligned in it (the contents). */
export interface LaterNumber {
  target: string; // the xml:id (or document) whose page it gives
  style: FontStyle;
  size: number;
  box: number; // the slot's width (points), with its tail's
  align: 'left' | 'right';
  /**
   * The rest of the slot's word (`… (p. 118).`, a note's mark after it), set right after the
   * number inside the slot: drawn after the slot, it would stand apart from the number by what the
   * slot keeps for digits it does not need, a space to a reader and to pdftotext (`(p. 118) .`).
   */
  tail?: { text: string; face: FontFace; size: number; rise: number }[];
  /** The text drawn right after the slot, outside it: where it is punctuation, a gap before it is counted. */
  next?: string;
}

/** Punctuation that follows a word with no space (`.`, `,`, `;`, `)`, `”`). */
export const CLOSING_PUNCTUATION = /^[\p{Pe}\p{Pf}\p{Po}]/u;

export class PageNumbers {
  private readonly placed: (LaterNumber & { ref: Ref; fonts: Record<string, unknown> })[] = [];

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
    private readonly text: TextOps,
  ) {}

  /** Places a number on the current page at its slot; returns the operators that place it. */
  place(number: LaterNumber, x: number, baseline: number): string {
    const name = `Pn${this.placed.length + 1}`;
    const fonts: Record<string, unknown> = {}; // filled when its text is set
    const ref = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -number.size, number.box, number.size * 1.2],
      Resources: { Font: fonts },
    });
    this.placed.push({ ...number, ref, fonts });
    (this.doc as unknown as { page: { xobjects: Record<string, unknown> } }).page.xobjects[name] = ref;
    // The form's space is unflipped, its origin on the baseline at the start of the slot.
    return `q 1 0 0 -1 ${num(x)} ${num(baseline)} cm /${name} Do Q`;
  }

  /**
   * Writes every number placed, now that the page of each target is known. Gives how many stand
   * apart from the punctuation that follows them (a gap of a tenth of the type size or more, which
   * a reader and pdftotext take for a space): the layout report's `generatedSpaces`.
   */
  write(pageOf: (id: string) => number | undefined): number {
    let gaps = 0;
    for (const n of this.placed) {
      const page = pageOf(n.target);
      const label = page === undefined ? '' : n.align === 'left' ? ` (p. ${page})` : String(page);
      const runs: Run[] = [];
      let pos = 0;
      for (const r of this.fonts.faces(label, n.style)) {
        runs.push({ text: r.text, face: r.face, size: n.size, x: pos, y: 0 });
        pos += this.fonts.width(r.text, r.face, n.size);
      }
      if (n.align === 'right') for (const r of runs) r.x += n.box - pos;
      // what follows the number: its tail, set here right after it, or the text after the slot
      const end = pos;
      let next: { text: string; x: number } | undefined;
      for (const t of n.tail ?? []) {
        next ??= { text: t.text, x: pos };
        runs.push({ text: t.text, face: t.face, size: t.size, x: pos, y: -t.rise });
        pos += this.fonts.width(t.text, t.face, t.size);
      }
      if (!next && n.next) next = { text: n.next, x: n.box };
      if (label && next && CLOSING_PUNCTUATION.test(next.text) && next.x - end >= n.size / 10) gaps++;
      n.ref.end(this.text.textObject(runs, 0, n.fonts));
    }
    this.placed.length = 0;
    return gaps;
  }
}
