/**
 * Rule `list`: consecutive lines (no blank line between them) that are list items — all `- …`,
 * all enumerated (`(1)`, `(a)`, `1.`), or all short (participants, distribution lists).
 * A label line such as `PARTICIPANTS` before them becomes the list's head.
 */
export type ListRend = 'dash' | 'plain';

const ENUMERATOR = /^(?:\(\w{1,4}\)|\d{1,3}\.|[a-zA-Z]\.)\s/;
const PAGE_ONLY = /^\[Page [^\]]*\]$/;

export function listRendFor(lines: string[]): ListRend | null {
  const items = lines.filter((l) => !PAGE_ONLY.test(l.trim()));
  if (items.length < 2) return null;
  if (items.every((l) => l.startsWith('- '))) return 'dash';
  if (items.every((l) => ENUMERATOR.test(l))) return 'plain';
  if (items.every((l) => l.length < 160)) return 'plain';
  return null;
}

const LIST_LABELS =
  /^(SUBJECTS?|PARTICIPANTS|OTHERS PRESENT|ALSO PRESENT|PRESENT|IN ATTENDANCE|REFERENCES?|DISTRIBUTION)$/;

export const isListLabel = (text: string): boolean => LIST_LABELS.test(text.trim());

export const listTypeForLabel = (text: string): string =>
  text.trim().toLowerCase().replace(/\s+/g, '-').replace(/s$/, '');
