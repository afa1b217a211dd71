import { childElements, el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

const BRACKETED = /\[([^[\]\n]{1,40})\]/y;
const WORD_BEFORE = /([\p{L}\p{N}][\p{L}\p{N}'’-]*) $/u;

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** Prepositions and the like: one put in brackets after another (`from [to]`) replaces it. */
const FUNCTION_WORDS = new Set(
  'at by for from in into of off on onto out over to toward towards under up upon with within without'.split(
    ' ',
  ),
);

/** A bracketed word close in spelling to the word before it reads as its correction. */
export function looksLikeCorrection(word: string, bracketed: string): boolean {
  if (/\s/.test(bracketed) || word.toLowerCase() === bracketed.toLowerCase()) return false;
  if (FUNCTION_WORDS.has(word.toLowerCase()) && FUNCTION_WORDS.has(bracketed.toLowerCase())) return true;
  const longest = Math.max(word.length, bracketed.length);
  return editDistance(word.toLowerCase(), bracketed.toLowerCase()) <= Math.max(1, Math.floor(longest / 2));
}

/** Rule `correction`: `of [on]`, `in [is]`, `from [to]`, `4[48]` → `<choice><sic>of</sic><corr>on</corr></choice>`. */
export const correction: InlineRule = {
  id: 'correction',
  family: 'frus',
  trigger: '[',
  parse(ctx, at, end, state) {
    const m = matchAt(BRACKETED, ctx.source, at, end);
    if (!m) return null;
    const corr = m[1] ?? '';
    // A number corrected in brackets glued to it (`telegram 4[48]`): the printed number was cut
    // short or mistyped; an editorial insertion would read "telegram 448".
    const glued = /^\d+$/.test(corr) ? /(?:^|[^\p{L}\p{N}])(\d+)$/u.exec(state.buffer)?.[1] : undefined;
    const before = glued ? undefined : WORD_BEFORE.exec(state.buffer);
    const word = glued ?? before?.[1];
    if (!word || word === corr || (!glued && !looksLikeCorrection(word, corr))) return null;
    state.buffer = state.buffer.slice(0, state.buffer.length - word.length - (glued ? 0 : 1));
    // No text between sic and corr: TEI's choice holds only its alternatives.
    const choice = el('choice', { rend: glued ? 'glued' : undefined }, [
      el('sic', {}, [word]),
      el('corr', { resp: ctx.ids.resp('source-editors') }, [corr]),
    ]);
    return { nodes: [choice], next: at + m[0].length };
  },
  unparse: [
    printer(
      'choice',
      (e) => childElements(e, 'sic').length > 0 && childElements(e, 'corr')[0]?.attrs.type !== 'editorial',
      (e, ctx) => {
        const sic = ctx.print(childElements(e, 'sic')[0]?.children ?? []);
        const corr = ctx.print(childElements(e, 'corr')[0]?.children ?? []);
        // `telegram 4[48]`: the bracket glued to the number it corrects
        return `${sic}${e.attrs.rend === 'glued' ? '' : ' '}[${corr}]`;
      },
    ),
  ],
};
