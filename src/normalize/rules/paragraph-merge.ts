/**
 * Rule `paragraph-merge`: page extraction leaves a blank line inside a sentence ("must always" /
 * "be solemnly clothed"). When a paragraph ends mid-sentence and the next begins in lower case,
 * they are one paragraph; the break is kept as a milestone.
 */
export function endsMidSentence(text: string): boolean {
  return /[\p{Ll}\p{Lu},\-–]$/u.test(text.trimEnd());
}

export function startsMidSentence(text: string): boolean {
  return /^(?:\[Page [^\]]*\]\s*)?\p{Ll}/u.test(text.trimStart());
}
