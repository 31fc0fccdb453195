import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockChangeOf } from '../../../shared/masks/stock-report.ts';

const now = new Date('2020-03-09T09:00:00Z');

describe('stock reports', () => {
  it('date a count by the store’s asOf, in UTC', () => {
    expect(stockChangeOf({ remaining: 80, asOf: '2020-03-09T17:59:00+09:00' }, now)).toEqual({ change: { kind: 'stock', remaining: 80, asOf: '2020-03-09T08:59:00.000Z' } });
  });

  it('date a break now, or at the asOf the store sends with it', () => {
    expect(stockChangeOf({ status: 'break' }, now)).toEqual({ change: { kind: 'break', asOf: now.toISOString() } });
    expect(stockChangeOf({ status: 'break', asOf: '2020-03-09T17:58:00+09:00' }, now)).toEqual({ change: { kind: 'break', asOf: '2020-03-09T08:58:00.000Z' } });
  });

  it('accept a clock a few minutes fast, refuse one far ahead', () => {
    expect(stockChangeOf({ remaining: 1, asOf: '2020-03-09T09:04:59Z' }, now)).toHaveProperty('change');
    expect(stockChangeOf({ remaining: 1, asOf: '2020-03-09T09:05:01Z' }, now)).toEqual({ tooFarAhead: 'asOf' });
    expect(stockChangeOf({ status: 'break', asOf: '2020-03-09T09:05:01Z' }, now)).toEqual({ tooFarAhead: 'asOf' });
  });

  it('refuse a stock time far in the future, which the 2020 API showed as the year 10000', () => {
    expect(stockChangeOf({ remaining: 1, stockAt: '9999-12-31T23:59:59Z', asOf: '2020-03-09T09:00:00Z' }, now)).toEqual({ tooFarAhead: 'stockAt' });
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }), (offset) => {
        const stockAt = new Date(now.getTime() + offset).toISOString();
        const outcome = stockChangeOf({ remaining: 1, stockAt, asOf: '2020-03-09T09:00:00Z' }, now);
        expect('change' in outcome).toBe(offset <= 5 * 60_000);
      }),
    );
  });
});
