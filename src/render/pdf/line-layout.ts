import { visualPositions } from './bidi.ts';
import type { Line } from './lines.ts';
import type { LinkBox } from './links.ts';
import type { Placed } from './page.ts';
import type { LaterNumber, PageNumbers } from './page-numbers.ts';
import type { Run } from './text-ops.ts';
import type { Fragment } from './words.ts';

// A line of the print laid out for drawing (draw.ts draws it): positions, link boxes, page slots.

export const ASCENT = 0.78; // of the type size, from the top of the line box to the baseline

/** A fragment of plain text: no page-number slot, no link of its own (it may be set in a slot's tail). */
const plain = (f: Fragment): boolean => !f.pageref && !f.uri && !f.ref && f.text !== '';

/** A run of a line's content in reading order: its text, its page-number slots, and its link if any. */
export interface Piece {
  link?: number; // index in the line's links
  runs: Run[];
  ops: string[];
}

/** A line laid out for drawing: its pieces and its links' boxes. */
export interface DrawnLine {
  pieces: Piece[];
  links: LinkBox[];
}

/**
 * Lays out one line: segments of one face and size, justified by word spacing, as pieces in
 * reading order — the words of a link (a cross-reference's page slot, a URL's words, one box
 * over consecutive words) a piece of their own, so that its text goes in its `Link` element.
 */
export function layoutLine(
  line: Line,
  x: number,
  baseline: number,
  measure: number,
  align: Placed['align'],
  later: PageNumbers,
): DrawnLine {
  const gaps = line.words.length - 1;
  const slack = measure - line.indent - line.width;
  const extra = line.justify && gaps > 0 && slack > 0 ? slack / gaps : 0;
  let pos = x + line.indent + (align === 'right' ? slack : align === 'center' ? slack / 2 : 0);
  // where a line holds right-to-left words, each fragment's place in visual order
  const visual = visualPositions(line.words, pos, line.space + extra);
  const pieces: Piece[] = [];
  const links: LinkBox[] = [];
  const piece = (link: number | undefined): Piece => {
    const last = pieces.at(-1);
    if (last && last.link === link) return last;
    const made: Piece = { link, runs: [], ops: [] };
    pieces.push(made);
    return made;
  };
  let lastWord = -1; // the word the last link box was opened or extended in
  const box = (x0: number, w: number, size: number, to: LinkBox['to']): LinkBox => ({
    x: x0,
    y: baseline - size * ASCENT,
    w,
    h: size * 1.1,
    to,
  });
  for (let k = 0; k < line.words.length; k++) {
    const word = line.words[k] as Line['words'][number];
    if (k > 0) pos += line.space + extra;
    let inSlot = 0; // fragments after a page-number slot set in it, right after its number
    for (const [n, f] of word.fragments.entries()) {
      if (visual) pos = visual.get(f) ?? pos;
      if (n < inSlot) {
        pos += f.width;
        continue;
      }
      if (f.pageref) {
        const { target, style } = f.pageref;
        // the rest of its word (`).`, `,`, a note's mark) goes in the slot after the number
        let end = n + 1;
        while (end < word.fragments.length && plain(word.fragments[end] as Fragment)) end++;
        const tail = word.fragments.slice(n + 1, end);
        const width = tail.reduce((w, t) => w + t.width, f.width);
        const number: LaterNumber = {
          target,
          style,
          size: f.size,
          box: width,
          align: 'left',
          tail: tail.map((t) => ({ text: t.text, face: t.face, size: t.size, rise: t.rise })),
          next: word.fragments[end]?.text,
        };
        inSlot = end;
        links.push(box(pos, f.width, f.size, { internal: target }));
        piece(links.length - 1).ops.push(later.place(number, pos, baseline));
      }
      // a URL's words, or a page reference set as text: one box over what is consecutive — a
      // URL's words across spaces, a reference's fragments within its word (two references to
      // one page side by side, `140, 140n` in an index, are two links)
      const to = f.uri ? { uri: f.uri } : f.ref ? { internal: f.ref } : undefined;
      let link: number | undefined;
      if (to) {
        const last = links.at(-1);
        const same =
          last &&
          ('uri' in to
            ? 'uri' in last.to && last.to.uri === to.uri
            : 'internal' in last.to && last.to.internal === to.internal && lastWord === k);
        if (last && same) last.w = pos + f.width - last.x;
        else links.push(box(pos, f.width, f.size, to));
        lastWord = k;
        link = links.length - 1;
      }
      if (f.text)
        piece(link).runs.push({ text: f.text, face: f.face, size: f.size, x: pos, y: baseline - f.rise });
      pos += f.width;
    }
  }
  return { pieces, links };
}
