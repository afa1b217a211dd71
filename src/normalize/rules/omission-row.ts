/**
 * Rule `omission-row`: a line of spaced dots (`. . . . . . .`) or asterisks (`* * * * *`, as web
 * copies print the same omission) marks text the source's editors left out.
 */
export const isOmissionRow = (text: string): boolean =>
  /^(?:\.\s*){3,}$/.test(text.trim()) || /^…$/.test(text.trim()) || isAsteriskRow(text);

/** `* * * * *` (three asterisks or more, spaced: `**bold**` and `***` are not rows). */
export const isAsteriskRow = (text: string): boolean => /^\*(?:[ \t\u00a0]+\*){2,}$/.test(text.trim());
