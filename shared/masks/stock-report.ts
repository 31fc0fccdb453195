/** A store's clock may run a little fast; a report dated far ahead would lock out every later one. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export type StockReport = { readonly remaining: number; readonly stockAt?: string; readonly asOf: string } | { readonly status: 'break' };

/**
 * What a report changes, dated: a stock count at the store's `asOf`, or a break as of now (a break has no
 * date of its own). Undefined when the report is dated too far in the future to trust.
 */
export const stockChangeOf = (report: StockReport, now: Date) => {
  if ('status' in report) return { kind: 'break' as const, asOf: now.toISOString() };
  const asOf = new Date(report.asOf);
  if (asOf.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS) return undefined;
  return { kind: 'stock' as const, remaining: report.remaining, ...(report.stockAt ? { stockAt: report.stockAt } : {}), asOf: asOf.toISOString() };
};
