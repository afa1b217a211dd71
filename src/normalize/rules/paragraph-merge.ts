import { printer, type Rule } from '../rule.ts';

/**
 * Rule `paragraph-merge`: page extraction leaves a blank line inside a sentence ("must always" /
 * "be solemnly clothed"). When a paragraph ends mid-sentence and the next begins in lower case,
 * they are one paragraph; the break is kept as a milestone, and the word space the blank line
 * stood for is kept after it (`always<milestone/> be`), so the paragraph's text reads
 * "always be". `recto text` writes the milestone back as the blank line and drops that space.
 */
export function endsMidSentence(text: string): boolean {
  return /[\p{Ll}\p{Lu},\-–]$/u.test(text.trimEnd());
}

/** An enumerated item (`a. The …`, `b) that …`, `iv. …`) starts a paragraph of its own. */
const ENUMERATOR = /^(?:[a-z]|[ivx]{1,4})[.)]\s/;

export function startsMidSentence(text: string): boolean {
  const t = text.trimStart().replace(/^\[Page [^\]]*\]\s*/, '');
  return /^\p{Ll}/u.test(t) && !ENUMERATOR.test(t);
}

/**
 * Whether the break between `before` (the text up to the break) and `after` stood for a word
 * space. After a hyphen or dash (`well-` / `known`, `1958–` / `59`) it did not: the string reads
 * `well-known`, as the source's characters do. (`recto text` gives back the blank line either way.)
 */
export function breakIsWordSpace(before: string, after: string): boolean {
  return !/[-–—\u00ad]$/.test(before.trimEnd()) && after.trim() !== '';
}

/** The rule: its break milestone prints nothing (the white space around it is the source's). */
export const paragraphMerge: Rule = {
  id: 'paragraph-merge',
  family: 'generic',
  unparse: [
    printer(
      'milestone',
      (e) => e.attrs.type === 'extraction-break',
      () => '',
    ),
  ],
};
