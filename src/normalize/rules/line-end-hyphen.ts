import { el } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { printer } from '../rule.ts';

/**
 * Rule `line-end-hyphen`: a word the printer broke at a line's end with a hyphen (`admi-` /
 * `nistration`), as hard-wrapped copies keep it (OCR'd books, typed copies, Gutenberg texts). The
 * line break does not break the word: `<lb break="no"/>`, so every output reads the word whole.
 * Whether the hyphen is the printer's or the word's own is read off the document's vocabulary, as
 * a proof-reader would: where the document prints the word hyphenated within a line (`well-known`)
 * the hyphen stays, as text before the break; otherwise it was the printer's (the common case) and
 * the break says so, `rend="hyphen"`, so `recto text` prints it back. Only a letter before the
 * hyphen and a lower-case letter after the break: `Anglo-` / `Saxon` and `1919-` / `1920` stay as
 * printed. A word the OCR garbled (Greek read as Latin letters, a sign glued before its letters:
 * `^v-` / `XoKpiviiv`) is broken whatever case the OCR gave the letter after the break: its
 * capitals are misread letters, not a name's.
 */
const BROKEN = /(?<=\p{L})-\n(?=\p{Ll})/uy;
const GARBLED_BROKEN = /(?<=[\^$~|\\]\p{L}+)-\n(?=\p{L})/uy;
const WORD_BEFORE = /\p{L}+$/u;
const WORD_AFTER = /\p{L}+/uy;

/** The words a document prints with a hyphen inside one line (`well-known`), lower-cased. */
let hyphenated: { source: string; words: Set<string> } | null = null;

function hyphenatedWords(source: string): Set<string> {
  if (hyphenated?.source !== source) {
    const words = new Set<string>();
    for (const m of source.matchAll(/\p{L}+-\p{L}+/gu)) words.add(m[0].toLowerCase());
    hyphenated = { source, words };
  }
  return hyphenated.words;
}

export const lineEndHyphen: InlineRule = {
  id: 'line-end-hyphen',
  family: 'generic',
  trigger: '-',
  parse(ctx, at, end) {
    BROKEN.lastIndex = at;
    GARBLED_BROKEN.lastIndex = at;
    if (!(BROKEN.test(ctx.source) || GARBLED_BROKEN.test(ctx.source)) || at + 2 >= end) return null;
    const before = WORD_BEFORE.exec(ctx.source.slice(Math.max(0, at - 40), at))?.[0] ?? '';
    WORD_AFTER.lastIndex = at + 2;
    const after = WORD_AFTER.exec(ctx.source)?.[0] ?? '';
    const own = hyphenatedWords(ctx.source).has(`${before}-${after}`.toLowerCase());
    const nodes = own ? ['-', el('lb', { break: 'no' })] : [el('lb', { break: 'no', rend: 'hyphen' })];
    return { nodes, next: at + 2 };
  },
  unparse: [
    printer(
      'lb',
      (e) => e.attrs.rend === 'hyphen',
      () => '-\n',
    ),
  ],
};
