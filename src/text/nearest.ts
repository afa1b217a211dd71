/** The edit distance of two words (Levenshtein: insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The valid name nearest a misspelt one (`titel` → `title`, `--sorces` → `--sources`), when it is
 * near enough to be the one meant: two letters wrong, or a third of a long name (case aside), else none.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let distance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < distance) [best, distance] = [c, d];
  }
  return best !== undefined && distance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** `; did you mean "title"?` when a name near enough exists, else nothing. */
export const didYouMean = (name: string, candidates: Iterable<string>): string => {
  const near = nearest(name, candidates);
  return near ? `; did you mean "${near}"?` : '';
};
