import { childElements, el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

/**
 * Rule `omission-signs`: the signs other publishers set where the text is absent — a documentary
 * edition's `[illegible]`, `[illeg.]`, `[indecipherable]`, `[2 words illegible]`, `[torn]`, `[mutilated]`, `[remainder missing]`,
 * `[blank]`, `[. . .]`, `[---]`, `[&c.]` (the complimentary close not printed), a cataloguer's `[etc.]` (words of a long title left out: the Internet Archive's `Texts [etc.] chiefly from …`), the Library of Congress's `[???]` (a `?` a word), Google Books'
 * `[blocks in formation]`, `[ocr errors]`, `[subsumed]`, `[merged small]`, a converter's `{table}`, an `<illegible>` in angle brackets → `<gap>`
 * with the reason and the sign's words kept in `desc` (the form of its brackets in `rend`), so a
 * reader sees the sign where it stands and `recto text` prints it back.
 * Google Books' `[graphic]` stands where its OCR found a picture: not text left out but a picture
 * the page holds, so a `<figure n="graphic">` where it stands (printed back by rule `figure`).
 */
const GRAPHIC = /\[(graphic)\]/y;

const WORDS =
  /(?:\d+ (?:words?|lines?|letters?|characters?|pages?) )?(?:illegible|illeg\.|undecipherable|indecipherable|unreadable|torn|mutilated|damaged|faded|erased|blank|missing|lacuna|gap)(?: (?:words?|lines?|letters?|text|in (?:the )?(?:MS|manuscript|original)))?|(?:remainder|rest|text|word|words|page|line|lines) (?:missing|illegible|torn|lost|torn away)|blocks in formation|ocr errors?|subsumed|merged small|&c\.|etc\.|\?{2,}|(?:\. ?){2,}\.|-{2,}|—+|…/;

const BRACKETS: [string, string, string | undefined][] = [
  ['[', ']', undefined],
  ['{', '}', 'brace'],
  ['<', '>', 'angle'],
];

function reasonOf(words: string): string {
  if (/illeg|decipherable|unreadable|faded|\?/.test(words)) return 'illegible';
  if (/torn|mutilated|damaged|lost|erased/.test(words)) return 'damage';
  if (/blank/.test(words)) return 'blank';
  // Google Books' marks for a region of the page its OCR did not give as text
  if (/blocks in formation|ocr error|subsumed|merged small/.test(words)) return 'not-transcribed';
  return 'omitted';
}

function signRule(open: string, close: string, rend: string | undefined): InlineRule {
  const quoted = (c: string): string => `\\${c}`;
  const re = new RegExp(`${quoted(open)}(${WORDS.source})${quoted(close)}`, 'iy');
  const table = open === '{' ? /\{(table)\}/y : undefined;
  return {
    id: 'omission-signs',
    family: 'generic',
    trigger: open,
    parse(ctx, at, end) {
      const graphic = open === '[' ? matchAt(GRAPHIC, ctx.source, at, end) : null;
      if (graphic)
        return { nodes: [el('figure', { n: graphic[1], rend: 'bracketed' })], next: at + graphic[0].length };
      const m = matchAt(re, ctx.source, at, end) ?? (table ? matchAt(table, ctx.source, at, end) : null);
      if (!m) return null;
      const words = m[1] ?? '';
      const reason = /^table$/.test(words) ? 'not-transcribed' : reasonOf(words.toLowerCase());
      return {
        nodes: [el('gap', { reason, rend, resp: ctx.ids.resp('source-editors') }, [el('desc', {}, [words])])],
        next: at + m[0].length,
      };
    },
    unparse: rend
      ? [
          printer(
            'gap',
            (e) => e.attrs.rend === rend,
            (e, ctx) => `${open}${ctx.print(childElements(e, 'desc').flatMap((d) => d.children))}${close}`,
          ),
        ]
      : undefined,
  };
}

/** One rule a bracket form: `[…]`, `{…}`, `<…>`. */
export const OMISSION_SIGNS: InlineRule[] = BRACKETS.map(([open, close, rend]) =>
  signRule(open, close, rend),
);
