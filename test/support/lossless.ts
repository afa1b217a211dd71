/**
 * The round trip (issue #25): `recto text` gives the source back byte for byte, after the two
 * stated normalisations only (a byte-order mark removed, CR line ends read as LF; each reported).
 * The comparison is of the exact characters: no white space or marker is let off.
 */
export function sourceText(s: string): string {
  return s.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Where a text given back first differs from its source, with context, for a readable failure; null if equal. */
export function firstDifference(source: string, back: string): string | null {
  const a = sourceText(source);
  if (a === back) return null;
  let i = 0;
  while (i < a.length && a[i] === back[i]) i++;
  const show = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `at character ${i}: source ${show(a)} vs text ${show(back)}`;
}
