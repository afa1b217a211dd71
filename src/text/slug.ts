/**
 * A slug of a heading, for ids and anchors: lower-case letters and digits, hyphens between words,
 * at most 40 characters ("untitled" when nothing is left). Shared by the normalizer's stable ids
 * and the HTML's section anchors, so the two spell a heading the same way.
 */
export function slug(text: string): string {
  const s = text
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 40).replace(/-+$/, '') || 'untitled';
}
