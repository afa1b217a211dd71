import { childElements, el, isElement, localName, type TeiElement, type TeiNode } from '../../tei/node.ts';
import { type InlineContext, type InlineRule, matchAt } from '../inline.ts';
import { printer, rendTokens, type Unparser } from '../rule.ts';
import { isOmissionSign } from './omission-signs.ts';

// A notice's words: anything but a bracket or a line break, or a bracket pair inside it (a page
// marker, `[Here follows … [Page 69] …]`).
const W = String.raw`(?:[^\[\]\n]|\[[^\[\]\n]*\])`;
const NOTICE = new RegExp(
  String.raw`\[(apparent omission|text omitted|${W}*\bnot declass\w*${W}*|Here follows?\b${W}*|${W}{0,80}\b[Oo]mitted\b${W}*|${W}{0,120}\b(?:[Pp]rinted (?:ante|supra|post|infra)|[Ss]ee (?:ante|post|supra|infra)\b|are printed with)${W}*)\]`,
  'y',
);
const PAGE_MARKER = /\[(?:Facsimile )?Page (?:\d{1,5}|[ivxlcdm]{1,8}|\[\d{1,5}\])\]/gi;
/** The `rend` token of an element moved out of a gap's words: where in them it was printed. */
const IN_GAP = 'in-gap:';

/**
 * A page marker or a note's reference printed inside an omission notice (`[Here follows a
 * discussion, during which he was present2 … [Page 69] …]`): TEI allows neither in a gap's `desc`,
 * so each stands just after the gap, its place in the words kept (`rend="in-gap:58"`), the words
 * kept without it.
 */
function movedOut(
  ctx: InlineContext,
  words: string,
  start: number,
): { at: number; length: number; nodes: TeiNode[] }[] {
  const out: { at: number; length: number; nodes: TeiNode[] }[] = [];
  for (const m of words.matchAll(PAGE_MARKER)) {
    const from = start + m.index;
    out.push({ at: m.index, length: m[0].length, nodes: ctx.inline(from, from + m[0].length) });
  }
  for (const [offset, anchor] of [...ctx.anchors]) {
    if (
      offset < start ||
      offset >= start + words.length ||
      out.some((o) => offset - start >= o.at && offset - start < o.at + o.length)
    )
      continue;
    const nodes = anchor.nodes();
    if (!nodes.some((n) => isElement(n) && localName(n.name) === 'note')) continue;
    ctx.anchors.delete(offset);
    out.push({ at: offset - start, length: anchor.length, nodes });
  }
  out.sort((a, b) => a.at - b.at);
  for (const o of out)
    for (const n of o.nodes)
      if (isElement(n)) n.attrs.rend = [n.attrs.rend, `${IN_GAP}${o.at}`].filter(Boolean).join(' ');
  return out;
}

const inGapAt = (e: TeiElement): number | undefined => {
  const token = rendTokens(e).find((t) => t.startsWith(IN_GAP));
  return token === undefined ? undefined : Number(token.slice(IN_GAP.length));
};

/** An element moved out of a gap, as printed where it stood: its `rend` without the move. */
const unmoved = (e: TeiElement): TeiElement => {
  const { rend: _moved, ...attrs } = e.attrs;
  const rend = rendTokens(e)
    .filter((t) => !t.startsWith(IN_GAP))
    .join(' ');
  return { ...e, attrs: rend ? { ...attrs, rend } : attrs };
};

/** An element moved out of a gap prints nothing where it stands: the gap prints it in its words. */
export const movedOutOfGap: Unparser = { owns: (e) => inGapAt(e) !== undefined, print: () => '' };

/** A whole line that is an omission notice or sign (so the header rule leaves it to the body). */
export const isOmissionNotice = (text: string): boolean => {
  NOTICE.lastIndex = 0;
  const m = NOTICE.exec(text.trim());
  return (m !== null && m[0].length === text.trim().length) || isOmissionSign(text);
};

function reasonFor(words: string): string {
  if (/^apparent omission$/i.test(words)) return 'apparent-omission';
  if (/not declass/i.test(words)) return 'not-declassified';
  return 'editorial-omission';
}

/**
 * Rule `omission`: bracketed omission notices — `[apparent omission]` (the telegram as received
 * lacked words), `[1 paragraph … not declassified]`, `[Here follows …]`, `[Omitted here is …]`, and a
 * text printed elsewhere (`[Quotes notes exchanged, printed ante.]`, `[For this inclosure see post—…]`) → `<gap>` that keeps the
 * editor's words in `<desc>` and says who omitted the text.
 */
export const omission: InlineRule = {
  id: 'omission',
  family: 'frus',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(NOTICE, ctx.source, at, end);
    if (!m) return null;
    const words = m[1] ?? '';
    const reason = reasonFor(words);
    const resp =
      reason === 'apparent-omission' ? ctx.ids.resp('original-transmission') : ctx.ids.resp('source-editors');
    const moved = movedOut(ctx, words, at + 1);
    let kept = '';
    let cursor = 0;
    for (const o of moved) {
      kept += words.slice(cursor, o.at);
      cursor = o.at + o.length;
    }
    kept += words.slice(cursor);
    const gap = el('gap', { reason, resp }, [el('desc', {}, [kept])]);
    return { nodes: [gap, ...moved.flatMap((o) => o.nodes)], next: at + m[0].length };
  },
  unparse: [
    printer(
      'gap',
      (e) => e.attrs.rend === undefined,
      (e, ctx) => {
        const words = ctx.print(childElements(e, 'desc').flatMap((d) => d.children));
        // (what was moved out of the words stands just after the gap: each goes back to its place)
        const moved: TeiElement[] = [];
        for (const n of ctx.following(e)) {
          if (!isElement(n) || inGapAt(n) === undefined) break;
          moved.push(n);
        }
        let out = '';
        let cursor = 0; // in the words as kept
        let printed = 0; // characters of the original words already given back
        for (const n of moved) {
          const at = inGapAt(n) ?? 0;
          const take = at - printed;
          out += words.slice(cursor, cursor + take);
          cursor += take;
          const back = ctx.print([unmoved(n)]);
          out += back;
          printed = at + back.length;
        }
        return `[${out}${words.slice(cursor)}]`;
      },
    ),
  ],
};
