/**
 * The program's figures over time: how many households were paid against the registry (2020's "99.5 %
 * within a month" curve), and the won granted, donated, spent, reversed and expired, by region and
 * Korean day. The ledger adds to one of 16 shards of `stats#<day>` per region in each transfer's own
 * transaction; these folds only add them up, so a national day is a few hundred items, not a Query over
 * millions of transfers.
 */
export interface StatsFigures {
  /** Households granted (one grant per household). */
  readonly households: number;
  readonly grantedWon: number;
  readonly donatedWon: number;
  readonly spentWon: number;
  readonly reversedWon: number;
  readonly expiredWon: number;
}

export interface StatsShard extends StatsFigures {
  readonly date: string;
  readonly regionCode: string;
}

export const NO_STATS: StatsFigures = { households: 0, grantedWon: 0, donatedWon: 0, spentWon: 0, reversedWon: 0, expiredWon: 0 };

const FIGURES = ['households', 'grantedWon', 'donatedWon', 'spentWon', 'reversedWon', 'expiredWon'] as const;

export const addStats = (a: StatsFigures, b: StatsFigures): StatsFigures =>
  Object.fromEntries(FIGURES.map((figure) => [figure, a[figure] + b[figure]])) as unknown as StatsFigures;

/** The share of the registry paid, in percent with two decimals: what the 2020 briefings quoted. */
export const paidPercent = (households: number, registered: number): number =>
  registered > 0 ? Math.round((households / registered) * 10_000) / 100 : 0;

const DAY_MS = 86_400_000;

/** Every Korean day from `from` to `to`, both included (calendar arithmetic: Korea has no daylight saving). */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

export interface StatsDay extends StatsFigures {
  readonly date: string;
  /** Households paid from `from` to this day: the curve. */
  readonly cumulativeHouseholds: number;
  readonly paidPercent: number;
}

export interface StatsRegion extends StatsFigures {
  readonly regionCode: string;
  readonly registeredHouseholds: number;
  readonly paidPercent: number;
}

export interface StatsRegionDay extends StatsFigures {
  readonly date: string;
  readonly regionCode: string;
}

export interface ReliefStats {
  readonly from: string;
  readonly to: string;
  readonly regions: readonly string[];
  readonly registeredHouseholds: number;
  readonly totals: StatsFigures & { readonly paidPercent: number };
  readonly days: readonly StatsDay[];
  readonly byRegion: readonly StatsRegion[];
  /** Only the region-days something happened on, in day then region order. */
  readonly byRegionDay: readonly StatsRegionDay[];
}

/**
 * The figures of `regions` from `from` to `to`, from the shards (any number per region and day, in any
 * order) and the registry's household count of each region. Shards of other regions or days are left
 * out, so a region's admin never sees another region's figures even if the caller read too much.
 */
export const foldStats = (input: {
  readonly from: string;
  readonly to: string;
  readonly regions: readonly string[];
  readonly registered: ReadonlyMap<string, number>;
  readonly shards: Iterable<StatsShard>;
}): ReliefStats => {
  const days = daysBetween(input.from, input.to);
  const inRange = new Set(days);
  const inScope = new Set(input.regions);
  const byDay = new Map<string, StatsFigures>();
  const byRegion = new Map<string, StatsFigures>();
  const byRegionDay = new Map<string, StatsFigures>();
  for (const shard of input.shards) {
    if (!inRange.has(shard.date) || !inScope.has(shard.regionCode)) continue;
    byDay.set(shard.date, addStats(byDay.get(shard.date) ?? NO_STATS, shard));
    byRegion.set(shard.regionCode, addStats(byRegion.get(shard.regionCode) ?? NO_STATS, shard));
    const key = `${shard.date}#${shard.regionCode}`;
    byRegionDay.set(key, addStats(byRegionDay.get(key) ?? NO_STATS, shard));
  }
  const registeredHouseholds = input.regions.reduce((sum, region) => sum + (input.registered.get(region) ?? 0), 0);
  let cumulative = 0;
  const dayRows = days.map((date): StatsDay => {
    const figures = byDay.get(date) ?? NO_STATS;
    cumulative += figures.households;
    return { date, ...pick(figures), cumulativeHouseholds: cumulative, paidPercent: paidPercent(cumulative, registeredHouseholds) };
  });
  const totals = dayRows.reduce<StatsFigures>((sum, day) => addStats(sum, day), NO_STATS);
  return {
    from: input.from,
    to: input.to,
    regions: [...input.regions],
    registeredHouseholds,
    totals: { ...pick(totals), paidPercent: paidPercent(totals.households, registeredHouseholds) },
    days: dayRows,
    byRegion: input.regions.map((regionCode) => {
      const figures = byRegion.get(regionCode) ?? NO_STATS;
      const registered = input.registered.get(regionCode) ?? 0;
      return { regionCode, registeredHouseholds: registered, ...pick(figures), paidPercent: paidPercent(figures.households, registered) };
    }),
    byRegionDay: days.flatMap((date) =>
      input.regions.flatMap((regionCode) => {
        const figures = byRegionDay.get(`${date}#${regionCode}`);
        return figures ? [{ date, regionCode, ...pick(figures) }] : [];
      }),
    ),
  };
};

const pick = (figures: StatsFigures): StatsFigures => Object.fromEntries(FIGURES.map((figure) => [figure, figures[figure]])) as unknown as StatsFigures;
