import { childElements, el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

/**
 * Rule `omission-signs`: the signs other publishers set where the text is absent — a documentary
 * edition's `[illegible]`, `[illeg.]`, `[indecipherable]`, `[2 words illegible]`, `[torn]`, `[mutilated]`, `[remainder missing]`,
 * `[blank]`, `[. . .]`, `[* * *]` (asterisks in brackets: text left out, not a thought break), `[---]`, `[&c.]` (the complimentary close not printed), a cataloguer's `[etc.]` (words of a long title left out: the Internet Archive's `Texts [etc.] chiefly from …`), the Library of Congress's `[???]` (a `?` a word), Google Books'
 * `[blocks in formation]`, `[ocr errors]`, `[subsumed]`, `[merged small]`, a converter's `{table}`, an `<illegible>` in angle brackets → `<gap>`
 * with the reason and the sign's words kept in `desc` (the form of its brackets in `rend`), so a
 * reader sees the sign where it stands and `recto text` prints it back.
 * Google Books' `[graphic]` stands where its OCR found a picture: not text left out but a picture
 * the page holds, so a `<figure n="graphic">` where it stands (printed back by rule `figure`).
 */
const GRAPHIC = /\[(graphic)\]/y;

const SIGNS =
  /(?:\d+ (?:words?|lines?|letters?|characters?|pages?) )?(?:illegible|illeg\.|undecipherable|indecipherable|unreadable|torn|mutilated|damaged|faded|erased|blank|missing|lacuna|gap)(?: (?:words?|lines?|letters?|text|in (?:the )?(?:MS|manuscript|original)))?|(?:remainder|rest|text|word|words|page|line|lines) (?:missing|illegible|torn|lost|torn away)|blocks in formation|ocr errors?|subsumed|merged small|&c\.|etc\.|\?{2,}|(?:\. ?){2,}\.|\*(?: ?\*){2,}|-{2,}|—+|…/u;

/**
 * A word that says the text is not there or cannot be read, in whatever words the editors put
 * around it (`[two words illegible]`, `[MS. torn]`, `[remainder of the letter wanting]`, `[word
 * obliterated]`, `[seal torn away]`, `[Illegible.]`).
 */
const ABSENT = String.raw`(?:illegible|illeg\.|undecipherable|indecipherable|unreadable|unintelligible|indistinct|obliterated|torn(?: (?:away|off|out))?|mutilated|damaged|defaced|faded|erased|blotted|missing|wanting|lacuna|omitted|omission)`;
const WORD = String.raw`[\p{L}\d'’&-]+\.?`;
/** What an absence word may go on with: what is absent, or where (`illegible words`, `omitted in the MS.`). */
const WHAT = String.raw`(?:\d+ )?(?:words?|lines?|letters?|characters?|signature|name|date|text|passages?|paragraphs?|pages?|figures?|here|(?:in|from) (?:the )?(?:MS\.?|manuscript|original|copy|letter-?book))`;

/**
 * The sign's words: one of the fixed signs, or editorial words of absence — up to six words, then
 * the absence word, then at most what is absent (no sentence: a bracket that says more is the
 * editors' remark; an absence word before any other word is a phrase's, `[missing link]`).
 */
const WORDS = new RegExp(String.raw`${SIGNS.source}|(?:${WORD},? ){0,6}${ABSENT}(?: ${WHAT})?\.?`, 'u');

const BRACKETS: [string, string, string | undefined][] = [
  ['[', ']', undefined],
  ['{', '}', 'brace'],
  ['<', '>', 'angle'],
];

function reasonOf(words: string): string {
  if (/illeg|decipherable|unreadable|unintelligib|indistinct|faded|\?/.test(words)) return 'illegible';
  if (/torn|mutilated|damaged|defaced|obliterat|blotted|lost|erased/.test(words)) return 'damage';
  if (/blank/.test(words)) return 'blank';
  // Google Books' marks for a region of the page its OCR did not give as text
  if (/blocks in formation|ocr error|subsumed|merged small/.test(words)) return 'not-transcribed';
  return 'omitted';
}

function signRule(open: string, close: string, rend: string | undefined): InlineRule {
  // (only a bracket that is a pattern's own sign is escaped: `\\<` is no escape in a `u` pattern)
  const quoted = (c: string): string => (/[[\]{}]/.test(c) ? `\\${c}` : c);
  const re = new RegExp(`${quoted(open)}(${WORDS.source})${quoted(close)}`, 'iuy');
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

/**
 * A whole line that is an omission sign (`[blocks in formation]` under a Google Books view's
 * header, `[illegible]`): the header leaves it to the body, where it is a `gap`, not an editorial note.
 */
export const isOmissionSign = (text: string): boolean =>
  new RegExp(String.raw`^\[(?:${WORDS.source}|graphic)\]$`, 'iu').test(text.trim());

/** One rule a bracket form: `[…]`, `{…}`, `<…>`. */
export const OMISSION_SIGNS: InlineRule[] = BRACKETS.map(([open, close, rend]) =>
  signRule(open, close, rend),
);
