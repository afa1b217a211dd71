/**
 * The round-trip comparison: equal modulo white space and the editorial markers themselves (a row
 * of omission dots is one marker however many dots it has; a BOM and CRLF are not content).
 */
export function canonicalText(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => (/^(?:\.\s*){3,}$/.test(line.trim()) ? '§omission-row§' : line))
    .join('\n')
    .replace(/\s+/g, '');
}

/** Where two canonical texts first differ, with context, for a readable failure. */
export function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: source «${a.slice(Math.max(0, i - 40), i + 40)}» vs text «${b.slice(Math.max(0, i - 40), i + 40)}»`;
}
