import type { Span } from './blocks.ts';
import type { Line } from './lines.ts';

/** A line without its surrounding white space (indentation such as `\u00a0 \u00a0 ` included). */
export function spanOf(line: Line, from = 0): Span {
  const raw = line.text.slice(from);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: line.offset + from + lead };
}
