import type { Position } from '../diagnostics.ts';

/** One physical line of the decoded source, with where it starts (for diagnostics and round trips). */
export interface Line {
  text: string;
  offset: number; // of the first character in the decoded source
  index: number; // 0-based line number
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const [index, t] of text.split('\n').entries()) {
    lines.push({ text: t, offset, index });
    offset += t.length + 1;
  }
  return lines;
}

export const isBlank = (line: Line): boolean => line.text.trim() === '';

/** Maps offsets in the decoded source to 1-based line:column. */
export class PositionMap {
  private readonly starts: number[];
  constructor(lines: Line[]) {
    this.starts = lines.map((l) => l.offset);
  }
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}
