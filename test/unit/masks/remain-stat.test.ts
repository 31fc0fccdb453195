import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REMAIN_STATS, remainStatOf } from '../../../shared/masks/remain-stat.ts';

describe('remainStat', () => {
  it('bands stock as the 2020 API did', () => {
    expect([0, 1, 2, 29, 30, 99, 100, 5000].map((n) => remainStatOf(n))).toEqual(['empty', 'empty', 'few', 'few', 'some', 'some', 'plenty', 'plenty']);
    expect(remainStatOf(500, true)).toBe('break');
    expect(remainStatOf(undefined)).toBeUndefined();
  });

  it('never shows less stock as more', () => {
    const rank = (n: number) => REMAIN_STATS.indexOf(remainStatOf(n) ?? 'break');
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        if (a <= b) expect(rank(a)).toBeGreaterThanOrEqual(rank(b));
      }),
    );
  });
});
