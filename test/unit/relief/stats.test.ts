import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, foldStats, paidPercent, type StatsShard } from '../../../shared/relief/stats.ts';

const REGIONS = ['11', '26', '41'];
const DAYS = daysBetween('2020-05-11', '2020-05-20');

const shard: fc.Arbitrary<StatsShard> = fc.record({
  date: fc.constantFrom(...DAYS, '2020-05-10', '2020-05-21'),
  regionCode: fc.constantFrom(...REGIONS, '48'),
  households: fc.nat({ max: 1_000 }),
  grantedWon: fc.nat({ max: 1_000_000_000 }),
  donatedWon: fc.nat({ max: 10_000_000 }),
  spentWon: fc.nat({ max: 1_000_000_000 }),
  reversedWon: fc.nat({ max: 10_000_000 }),
  expiredWon: fc.nat({ max: 10_000_000 }),
});

const registered = new Map([['11', 40_000], ['26', 15_000], ['41', 50_000], ['48', 13_000]]);

describe('the relief statistics', () => {
  it('sums the shards exactly: the days, the regions and the region-days all add up to the totals, and nothing outside the range or scope counts', () => {
    fc.assert(
      fc.property(fc.array(shard, { maxLength: 300 }), fc.subarray(REGIONS, { minLength: 1 }), (shards, regions) => {
        const stats = foldStats({ from: '2020-05-11', to: '2020-05-20', regions, registered, shards });
        const counted = shards.filter((s) => DAYS.includes(s.date) && regions.includes(s.regionCode));
        for (const figure of ['households', 'grantedWon', 'donatedWon', 'spentWon', 'reversedWon', 'expiredWon'] as const) {
          const expected = counted.reduce((sum, s) => sum + s[figure], 0);
          expect(stats.totals[figure]).toBe(expected);
          expect(stats.days.reduce((sum, d) => sum + d[figure], 0)).toBe(expected);
          expect(stats.byRegion.reduce((sum, r) => sum + r[figure], 0)).toBe(expected);
          expect(stats.byRegionDay.reduce((sum, r) => sum + r[figure], 0)).toBe(expected);
        }
        expect(stats.registeredHouseholds).toBe(regions.reduce((sum, r) => sum + registered.get(r)!, 0));
        expect(stats.byRegionDay.every((r) => regions.includes(r.regionCode))).toBe(true);
      }),
    );
  });

  it('draws the paid curve as a running total that never falls, one point for every day, empty days included', () => {
    fc.assert(
      fc.property(fc.array(shard, { maxLength: 100 }), (shards) => {
        const stats = foldStats({ from: '2020-05-11', to: '2020-05-20', regions: REGIONS, registered, shards });
        expect(stats.days.map((d) => d.date)).toEqual(DAYS);
        stats.days.forEach((day, i) => {
          expect(day.cumulativeHouseholds).toBe((stats.days[i - 1]?.cumulativeHouseholds ?? 0) + day.households);
          if (i > 0) expect(day.paidPercent).toBeGreaterThanOrEqual(stats.days[i - 1]!.paidPercent);
        });
        expect(stats.days.at(-1)!.cumulativeHouseholds).toBe(stats.totals.households);
      }),
    );
  });

  it('says 99.5 % when 995 of 1,000 registered households were paid, and 0 % of an empty registry', () => {
    expect(paidPercent(995, 1_000)).toBe(99.5);
    expect(paidPercent(1, 3)).toBe(33.33);
    expect(paidPercent(5, 0)).toBe(0);
  });

  it('walks calendar days across a month end', () => {
    expect(daysBetween('2020-05-30', '2020-06-02')).toEqual(['2020-05-30', '2020-05-31', '2020-06-01', '2020-06-02']);
    expect(daysBetween('2020-06-02', '2020-06-01')).toEqual([]);
  });
});
