import { el, type TeiElement, type TeiNode } from '../../tei/node.ts';
import { layout } from '../between.ts';
import type { Block } from '../blocks.ts';
import type { InlineContext } from '../inline.ts';
import type { Line } from '../lines.ts';
import { printer, type Rule } from '../rule.ts';

/**
 * Rule `figure` (Project Gutenberg's transcribers): `[Illustration]`, `[Illustration: caption]`,
 * `[Picture: …]`, `[Music]`, `[Music illustration: …]`, `[Frontispiece Text: …]`, alone on their
 * lines (the caption may run over several lines and paragraphs): the book's pictures, kept where they stand as
 * `<figure n="Illustration">` with the caption as its `head`. The picture itself is not in the text:
 * the figure says it is there. `recto text` prints the bracket back.
 * The label ends at a colon or at the closing bracket (`[Maple trees]`, `[Plate 3]` are no figure
 * of this form: read as the text they are, never cut to `[Map]`, `[Plate]`).
 * A Gutenberg text as a git web view shows it (a commit's or a file's unified diff) prints each of
 * its lines after the diff's sign (`+ [Illustration]`, a line the commit added; `-`, one it took
 * out; a space, one it kept): after the diff's first hunk (`@@ -0,0 +1,8202 @@`) the sign is the
 * view's, not the book's, and the figure is as it would be without it — the sign kept before it
 * (`anchor type="diff-line"`, the sign in `n`).
 */
/**
 * A figure's label as transcribers print it, in capitals or not (`ILLUSTRATION`), an illustration
 * with its number if it has one (`Illustration 12`, `Illustration No. 4`; `[Plate 3]` is a
 * reference to a plate, no figure). Matched without regard to case, then held to a capital first
 * (`[map]` is a word).
 */
export const FIGURE_LABEL = String.raw`(?:Illustrations?(?: (?:No\. ?)?(?:\d{1,4}|[IVXLC]{1,6}))?|Picture|Music illustration|Music|Frontispiece(?: Text)?|Plate|Map)`;

const START = new RegExp(String.raw`^(\s*)\[(${FIGURE_LABEL})(?:(:)|(?=\]))`, 'i');

/** A unified diff's hunk header: the lines after it begin with the diff's sign. */
const HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;

export interface FigureBlock {
  block: Extract<Block, { kind: 'figure' }>;
  firstLine: number;
  endLine: number;
}

export function findFigures(lines: Line[]): FigureBlock[] {
  const out: FigureBlock[] = [];
  let inDiff = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    inDiff ||= HUNK.test(line.text);
    const sign = inDiff && /^[+-]/.test(line.text) ? 1 : 0;
    const m = START.exec(line.text.slice(sign));
    if (!m || !/^\p{Lu}/u.test(m[2] ?? '')) continue;
    const from = sign + (m[1] ?? '').length;
    // the figure ends where its bracket closes (a caption may hold brackets of its own)
    let depth = 0;
    let close = -1;
    let j = i;
    for (; j < lines.length && close === -1; j++) {
      const text = (lines[j] as Line).text;
      for (let k = j === i ? from : 0; k < text.length; k++) {
        if (text[k] === '[') depth++;
        else if (text[k] === ']' && --depth === 0) {
          close = (lines[j] as Line).offset + k;
          break;
        }
      }
    }
    const last = lines[j - 1] as Line;
    if (close === -1 || last.text.slice(close - last.offset + 1).trim() !== '') continue;
    const start = line.offset + from;
    const labelEnd = start + 1 + (m[2] ?? '').length;
    out.push({
      block: {
        kind: 'figure',
        label: m[2] ?? '',
        diffSign: sign ? line.offset : undefined,
        start,
        // the caption: what stands between the colon and the closing bracket
        caption: m[3] ? { from: labelEnd + 1, to: close } : undefined,
        close,
      },
      firstLine: i,
      endLine: j,
    });
    i = j - 1;
  }
  return out;
}

/** The rule's inverse: the bracket, the label, the colon and what the figure holds (its caption, spaced as printed). */
export const figure: Rule = {
  id: 'figure',
  family: 'gutenberg',
  unparse: [
    printer(
      'figure',
      (e) => e.attrs.n !== undefined && (e.attrs.rend ?? '').split(' ').includes('bracketed'),
      (e, ctx) =>
        `[${e.attrs.n ?? ''}${(e.attrs.rend ?? '').includes('colon') ? ':' : ''}${ctx.print(e.children)}]`,
    ),
    printer(
      'anchor',
      (e) => e.attrs.type === 'diff-line',
      (e) => e.attrs.n ?? '',
    ),
  ],
};

/**
 * The `<figure>` of `[label: caption]` (or `[label]`, no caption): the caption the `head`, the white
 * space around it kept as printed. On a line of its own (the block) or inside running text
 * (`figure-inline`): the same element.
 */
export function captionedFigure(
  label: string,
  caption: { from: number; to: number } | undefined,
  ctx: InlineContext,
): TeiElement {
  const attrs = { n: label, rend: caption ? 'bracketed colon' : 'bracketed' };
  if (!caption) return el('figure', attrs);
  const { from, to } = caption;
  const text = ctx.source.slice(from, to);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  const children: TeiNode[] = [];
  if (lead) children.push(...layout(text.slice(0, lead)));
  if (text.trim()) children.push(el('head', {}, ctx.inline(from + lead, to - trail)));
  if (trail && text.trim()) children.push(...layout(text.slice(text.length - trail)));
  return el('figure', attrs, children);
}
