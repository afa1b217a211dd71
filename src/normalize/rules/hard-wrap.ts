import type { BlockRule } from '../blocks.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `hard-wrap`: fixed-width text (typed copies, OCR page views, cables) breaks its lines at a
 * width, not at paragraphs. A run of lines (no blank line between) is hard-wrapped when it is wide
 * (its longest line 50 characters or more) and at least two of its lines, filled to near that
 * width, break inside a sentence. Such lines go on with the line after them; a paragraph ends at a
 * short line or before an enumerated line (`2. The members …`) after a full stop. Lines of a
 * participants list or a distribution list are short and do not break sentences: they stay a list.
 */
const MIN_WIDTH = 50;
const FULL = 0.7;
const HALF = 0.5;
const ENUMERATED = /^(?:\d{1,3}\.|\(\w{1,3}\)|[a-z]\.)\s/;
const TERMINAL = /[.:;!?”"’)\]]$/;

/** For each line but the last, whether it goes on in the next line; null if the run is not hard-wrapped. */
export function hardWrapJoins(lines: string[]): boolean[] | null {
  if (lines.length < 2) return null;
  const trimmed = lines.map((l) => l.trim());
  if (trimmed.some((l) => l.startsWith('- ') || /^\[Page [^\]]*\]$/.test(l))) return null;
  const width = Math.max(...trimmed.map((l) => l.length));
  if (width < MIN_WIDTH) return null;
  const joins = trimmed.slice(0, -1).map((line, k) => {
    const next = trimmed[k + 1] ?? '';
    // A paragraph's first line may be short (indented, or after `Sir:`): it still goes on when it
    // breaks a sentence and the next line begins in lower case.
    if (line.length >= HALF * width && !TERMINAL.test(line) && /^\p{Ll}/u.test(next)) return true;
    // a word broken at the line's end (`ad-` / `vises`) goes on, however short the line
    if (/\p{L}-$/u.test(line) && /^\p{Ll}/u.test(next)) return true;
    if (line.length < FULL * width) return false;
    return !(TERMINAL.test(line) && ENUMERATED.test(next));
  });
  const midSentence = trimmed
    .slice(0, -1)
    .filter(
      (line, k) => joins[k] && !TERMINAL.test(line) && /^[\p{Ll}\p{N}(“"‘]/u.test(trimmed[k + 1] ?? ''),
    );
  return midSentence.length >= 2 ? joins : null;
}

/** A hard-wrapped run: one paragraph per paragraph, each one span over its lines. */
export const hardWrap: BlockRule = {
  id: 'hard-wrap',
  family: 'generic',
  parse(run) {
    const joins = hardWrapJoins(run.map((l) => l.text.trim()));
    if (!joins) return null;
    const blocks: { kind: 'p'; spans: { text: string; offset: number }[] }[] = [];
    let start = 0;
    run.forEach((line, k) => {
      if (joins[k]) return;
      const a = spanOf(run[start] as (typeof run)[number]);
      const b = spanOf(line);
      // (the span's text stands for the source's characters: the line breaks as spaces; the
      // TEI is made from the source itself)
      const text = `${a.text}${' '.repeat(Math.max(0, b.offset - a.offset - a.text.length))}${b.text}`;
      blocks.push({ kind: 'p', spans: [start === k ? a : { text, offset: a.offset }] });
      start = k + 1;
    });
    return { blocks, lines: run.length };
  },
};
