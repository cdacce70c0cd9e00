// Runs an async function over many items with at most `limit` in flight, and reports every
// failure instead of stopping at the first: orphaning the 10,000 dependents of one owner
// must neither open 10,000 requests at once nor give up on the rest when one fails.

export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return errors;
}
