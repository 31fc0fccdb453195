/**
 * Runs `work` over `items` with at most `limit` calls in flight: enough to hide DynamoDB's round trips,
 * few enough that a 25,000-row import does not trip its own throttling.
 */
export const boundedParallel = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
