import { describe, expect, it } from 'vitest';
import { stockChangeOf } from '../../../shared/masks/stock-report.ts';

const now = new Date('2020-03-09T09:00:00Z');

describe('stock reports', () => {
  it('date a count by the store’s asOf, in UTC', () => {
    expect(stockChangeOf({ remaining: 80, asOf: '2020-03-09T17:59:00+09:00' }, now)).toEqual({ kind: 'stock', remaining: 80, asOf: '2020-03-09T08:59:00.000Z' });
  });

  it('date a break now', () => {
    expect(stockChangeOf({ status: 'break' }, now)).toEqual({ kind: 'break', asOf: now.toISOString() });
  });

  it('accept a clock a few minutes fast, refuse one far ahead', () => {
    expect(stockChangeOf({ remaining: 1, asOf: '2020-03-09T09:04:59Z' }, now)).toBeDefined();
    expect(stockChangeOf({ remaining: 1, asOf: '2020-03-09T09:05:01Z' }, now)).toBeUndefined();
  });
});
