import { childElements, el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { printer } from '../rule.ts';

/** The combining mark each sign of Distributed Proofreaders' bracket notation stands for, above the letter. */
const ABOVE: Record<string, string> = {
  '=': '\u0304', // macron
  ')': '\u0306', // breve
  ':': '\u0308', // diaeresis
  '^': '\u0302', // circumflex
  '~': '\u0303', // tilde
  '`': '\u0300', // grave
  "'": '\u0301', // acute
  v: '\u030C', // caron
  o: '\u030A', // ring
};
/** Below the letter: only the signs that cannot be a bracketed word's ending (`[K.]` is an editor's siglum). */
const BELOW: Record<string, string> = {
  '=': '\u0331', // macron below
  ')': '\u032E', // breve below
};
const LIGATURES: Record<string, string> = { ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ' };

// (the ligatures first: `[oe]` is œ, not a ring over e)
const NOTATION = /\[(?:(ae|AE|oe|OE)|([=):^~`'vo])([A-Za-z])|([A-Za-z])([=)]))\]/y;

/** The character a notation stands for (`[=a]` → `ā`), or null. */
export function dpCharacter(notation: string): string | null {
  const m = matchAt(NOTATION, notation, 0, notation.length);
  if (!m || m[0].length !== notation.length) return null;
  if (m[1]) return LIGATURES[m[1]] ?? null;
  const [letter, mark] = m[3] ? [m[3], ABOVE[m[2] ?? '']] : [m[4] ?? '', BELOW[m[5] ?? '']];
  return mark ? `${letter}${mark}`.normalize('NFC') : null;
}

/**
 * Rule `dp-diacritic` (gutenberg): Distributed Proofreaders' bracket notation for a letter with a
 * diacritic or a ligature the transcriber could not type (`[=a]` ā, `[)a]` ă, `[:o]` ö, `[a)]`
 * breve below, `[ae]` æ), left in a Project Gutenberg text by its post-processor →
 * `<choice><orig>[=a]</orig><reg>ā</reg></choice>`: the text reads the character, the copy's
 * notation is kept (and printed back by `recto text`). Not an editor's insertion.
 */
export const dpDiacritic: InlineRule = {
  id: 'dp-diacritic',
  family: 'gutenberg',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(NOTATION, ctx.source, at, end);
    const character = m ? dpCharacter(m[0]) : null;
    if (!m || !character) return null;
    return {
      nodes: [el('choice', {}, [el('orig', {}, [m[0]]), el('reg', {}, [character])])],
      next: at + m[0].length,
    };
  },
  unparse: [
    printer(
      'choice',
      (e) => childElements(e, 'orig').length === 1 && childElements(e, 'reg').length === 1,
      (e, ctx) => ctx.print(childElements(e, 'orig')[0]?.children ?? []),
    ),
  ],
};
