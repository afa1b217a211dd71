import { el, type TeiNode } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { inPageRun, type ProposedPage } from '../page-run.ts';
import { printer } from '../rule.ts';

/**
 * Rule `flattened-head`: a page's running head and folio that an OCR text run into its lines
 * (a page view flattened to one paragraph: `… a political power which 20 ANNUAL MESSAGE OF THE
 * PRESIDENT. they already possess`, `THE SACRED BOOKS OF THE EAST. 305 published will be`). Where
 * a sentence goes on in lower case across a folio and a run of words in capitals, that run is the
 * head of the page that begins there: a page break with the folio's number, the folio and the head
 * kept as forme work (`fw`), in place, out of the reading text. Strict, so that a sentence's own
 * capitals are left alone (`by 2 USSR SATELLITES in March`): see `headLike`, and the sentence
 * goes on in lower case after them.
 */
const WORD = String.raw`\p{Lu}[\p{Lu}'’&.,-]*`;
const HEAD = `(?:${WORD} ){1,8}${WORD}`;
/**
 * The folio, then the head: after a word in lower case (`which 20 ANNUAL MESSAGE …. they`), or
 * opening a line the page's text goes on in (`76 GREEK AND ROMAN MYTHOLOGY 2 sg.) Like his …`;
 * a numbered heading alone on its line is none).
 */
const FOLIO_FIRST = new RegExp(
  String.raw`(?:(?<=[\p{Ll},;:] )|(?<=^|\n))(\d{1,4}) (${HEAD}) (?=\p{Ll}|\d{1,3} \p{Ll})`,
  'uy',
);
/** The head, then the folio: at a line's start or after a word (`… EAST. 305 published`). */
const HEAD_FIRST = new RegExp(String.raw`(?<=^|\n|[\p{Ll},;:.] )(${HEAD}) (\d{1,4}) (?=\p{Ll})`, 'uy');

/**
 * A running head: a book's or a chapter's title in capitals, two words or more and twelve capitals
 * or more, that ends with a full stop or reads as a title (three words or more, one of them a
 * function word: `GREEK AND ROMAN MYTHOLOGY`); a sentence's capitals rarely do (`2 USSR SATELLITES`).
 */
const headLike = (head: string): boolean => {
  const words = head.split(' ').filter((w) => /^\p{Lu}{2,}/u.test(w));
  if (words.length < 2 || head.replace(/[^\p{Lu}]/gu, '').length < 12) return false;
  return head.endsWith('.') || (words.length >= 3 && /\b(?:OF|THE|AND|ON|IN|TO|FOR)\b/.test(head));
};

/** Every flattened head of a source, each at its folio or its head (where its rule is tried). */
function flattenedFolios(source: string): ProposedPage[] {
  const found: ProposedPage[] = [];
  for (const [re, folioFirst] of [
    [FOLIO_FIRST, true],
    [HEAD_FIRST, false],
  ] as const)
    for (const m of source.matchAll(new RegExp(re.source, 'gu'))) {
      const [folio, head] = folioFirst ? [m[1] ?? '', m[2] ?? ''] : [m[2] ?? '', m[1] ?? ''];
      if (headLike(head)) found.push({ n: folio, offset: m.index });
    }
  return found;
}

function parseAt(re: RegExp, source: string, at: number, end: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(source);
  return m && m.index === at && at + m[0].length <= end ? m : null;
}

// The page break prints nothing: the folio and the head print themselves (`fw`).
const UNPARSE = [
  printer(
    'pb',
    (e) => e.attrs.rend === 'flattened-head',
    () => '',
  ),
];

function flattenedHead(trigger: string, folioFirst: boolean, inverse: boolean): InlineRule {
  return {
    id: 'flattened-head',
    family: 'generic',
    trigger,
    parse(ctx, at, end) {
      // (both forms begin a word: a quick test before the expression, which every capital and
      // every figure of a text would otherwise run)
      const before = ctx.source[at - 1];
      if (at > 0 && before !== ' ' && before !== '\n') return null;
      const m = parseAt(folioFirst ? FOLIO_FIRST : HEAD_FIRST, ctx.source, at, end);
      if (!m) return null;
      const [folio, head] = folioFirst ? [m[1] ?? '', m[2] ?? ''] : [m[2] ?? '', m[1] ?? ''];
      if (!headLike(head)) return null;
      // (a folio run into the text proves little alone: the document's must read as pages, page-run.ts)
      if (!inPageRun(FLATTENED_HEADS, ctx.source, at, () => flattenedFolios(ctx.source), true)) return null;
      const pb = el('pb', { n: folio, rend: 'flattened-head', 'xml:id': ctx.ids.take(`pg${folio}`) });
      const num = el('fw', { type: 'pageNum' }, [folio]);
      const header = el('fw', { type: 'header' }, [head]);
      // (the white space after the head is the sentence's, kept as text)
      const nodes: TeiNode[] = folioFirst ? [pb, num, ' ', header, ' '] : [pb, header, ' ', num, ' '];
      return { nodes, next: at + m[0].length };
    },
    // (one rule per trigger character; the first carries the inverse for all)
    unparse: inverse ? UNPARSE : [],
  };
}

const DIGITS = '0123456789'.split('');
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export const FLATTENED_HEADS: InlineRule[] = [
  ...DIGITS.map((d, k) => flattenedHead(d, true, k === 0)),
  ...CAPITALS.map((c) => flattenedHead(c, false, false)),
];
