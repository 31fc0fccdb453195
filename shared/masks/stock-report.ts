/** A store's clock may run a little fast; a report dated far ahead would lock out every later one. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export type StockReport =
  | { readonly remaining: number; readonly stockAt?: string; readonly asOf: string }
  | { readonly status: 'break'; readonly asOf?: string };

export type StockChange = { kind: 'stock'; remaining: number; stockAt?: string; asOf: string } | { kind: 'break'; asOf: string };

/** The change to apply, or the field dated too far in the future to trust (9999-12-31 showed as year 10000 in 2020). */
export type StockChangeOutcome = { readonly change: StockChange } | { readonly tooFarAhead: 'asOf' | 'stockAt' };

const aheadOf = (now: Date, iso: string | undefined): boolean => iso !== undefined && Date.parse(iso) > now.getTime() + MAX_CLOCK_AHEAD_MS;

/**
 * What a report changes, dated: a stock count at the store's `asOf`, or a break at its `asOf` (now when
 * it has none).
 *
 * A break is applied unless a report already stored is both later and not in the future: a store that says
 * it stopped is stopped at once, even after a report its fast clock dated a few minutes ahead. It takes the
 * break's date as the store's `asOf`, so the next stock report dated after the break resumes sales, and
 * one delayed from before the break does not.
 */
export const stockChangeOf = (report: StockReport, now: Date): StockChangeOutcome => {
  if (aheadOf(now, report.asOf)) return { tooFarAhead: 'asOf' };
  if ('status' in report) return { change: { kind: 'break', asOf: new Date(report.asOf ?? now).toISOString() } };
  if (aheadOf(now, report.stockAt)) return { tooFarAhead: 'stockAt' };
  const { remaining, stockAt } = report;
  return { change: { kind: 'stock', remaining, ...(stockAt ? { stockAt } : {}), asOf: new Date(report.asOf).toISOString() } };
};
