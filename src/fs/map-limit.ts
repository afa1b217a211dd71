/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight: a shelf of thousands of
 * documents must not open thousands of files at once (macOS allows 256 by default). Results keep
 * the order of the items.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      results[k] = await fn(items[k] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
