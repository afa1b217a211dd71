import { childElements, el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const NOTICE =
  /\[(apparent omission|text omitted|[^\]\n]*\bnot declass\w*[^\]\n]*|Here follows?\b[^\]\n]*|[^\]\n]{0,80}\b[Oo]mitted\b[^\]\n]*|[^\]\n]{0,120}\b(?:[Pp]rinted (?:ante|supra|post|infra)|[Ss]ee (?:ante|post|supra|infra)\b|are printed with)[^\]\n]*)\]/y;

/** A whole line that is an omission notice (so the header rule leaves it to the body). */
export const isOmissionNotice = (text: string): boolean => {
  NOTICE.lastIndex = 0;
  const m = NOTICE.exec(text.trim());
  return m !== null && m[0].length === text.trim().length;
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
    return { nodes: [el('gap', { reason, resp }, [el('desc', {}, [words])])], next: at + m[0].length };
  },
  unparse: [
    printer(
      'gap',
      (e) => e.attrs.rend === undefined,
      (e, ctx) => `[${ctx.print(childElements(e, 'desc').flatMap((d) => d.children))}]`,
    ),
  ],
};
