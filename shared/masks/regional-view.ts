import { REMAIN_STATS, remainStatOf, type RemainStat } from './remain-stat.ts';

/** What decides a store's band: its last count and whether it stopped selling. */
export interface StockLevel {
  readonly remaining?: number;
  readonly onBreak?: boolean;
}

export type BandCounts = Readonly<Record<RemainStat, number>>;

/**
 * Counts a region's reporting stores by band, every band present (zero where none), so a chart and
 * its table always show the same five columns. A store that never reported has no band and is not
 * counted: its stock is unknown, not empty.
 */
export const countByBand = (levels: readonly StockLevel[]): BandCounts => {
  const counts = Object.fromEntries(REMAIN_STATS.map((band) => [band, 0])) as Record<RemainStat, number>;
  for (const level of levels) {
    const band = remainStatOf(level.remaining, level.onBreak ?? false);
    if (band) counts[band] += 1;
  }
  return counts;
};

/** The regions an official may look at: one asked for, else their own, else (a national admin) all. */
export const regionsToShow = (
  official: { readonly role: string; readonly region: string },
  asked: string | undefined,
  all: readonly string[],
): readonly string[] => {
  if (asked) return [asked];
  return official.role === 'national-admin' ? all : [official.region];
};
