/**
 * Rule `heading`: section headings inside a document — `PART 1: …`, a line in capitals of four
 * words or more, or a `**bold**` block that may span several lines.
 */
export function isSectionHeading(text: string): boolean {
  const t = text.trim();
  if (/^PART [0-9IVXL]+\b/.test(t)) return true;
  if (t.length > 200 || /[a-z]/.test(t) || !/[A-Z]{2}/.test(t)) return false;
  if (/^\[.*\]$/.test(t)) return false;
  return t.split(/\s+/).filter((w) => /[A-Z]/.test(w)).length >= 4;
}

export const opensBoldHeading = (text: string): boolean => /^\*\*(?!\s)/.test(text.trim());
export const closesBoldHeading = (text: string): boolean => /\S\*\*$/.test(text.trim());
