import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../../shared/geo/cell-cover.ts';
import { distanceM } from '../../../shared/geo/distance.ts';
import { findNearby, selectNearby } from '../../../shared/masks/nearby.ts';
import type { StoreSnapshot } from '../../../shared/masks/store.ts';

const store = (code: string, lat: number, lng: number, remaining?: number, onBreak = false): StoreSnapshot => ({
  code,
  name: `약국 ${code}`,
  addr: '서울특별시 중구 명동 1-1',
  type: '01',
  lat,
  lng,
  ...(remaining === undefined ? {} : { remaining }),
  ...(onBreak ? { onBreak } : {}),
  updatedAt: '2020-03-09T00:00:00Z',
  createdAt: '2020-03-09T00:00:00Z',
});

const center = { lat: 37.5636, lng: 126.9827 };
const stores = fc.array(
  fc.record({ dLat: fc.double({ min: -0.03, max: 0.03, noNaN: true }), dLng: fc.double({ min: -0.03, max: 0.03, noNaN: true }), remaining: fc.option(fc.nat(300), { nil: undefined }) }),
  { maxLength: 60 },
).map((rows) => rows.map((r, i) => store(String(10_000_000 + i), center.lat + r.dLat, center.lng + r.dLng, r.remaining)));

describe('selecting nearby stores', () => {
  it('returns exactly the stores within the radius, nearest first', () => {
    fc.assert(
      fc.property(stores, fc.integer({ min: 100, max: 5000 }), (candidates, radius) => {
        const selected = selectNearby(candidates, { center, radiusM: radius });
        const within = candidates.filter((s) => distanceM(center, s) <= radius);
        expect(selected.map((s) => s.code).sort()).toEqual(within.map((s) => s.code).sort());
        for (let i = 1; i < selected.length; i++) expect(selected[i]?.distanceM).toBeGreaterThanOrEqual(selected[i - 1]?.distanceM ?? 0);
      }),
    );
  });

  it('filters by status and keeps the nearest up to the limit', () => {
    const candidates = [store('10000001', 37.5637, 126.9827, 150), store('10000002', 37.564, 126.9827, 10), store('10000003', 37.5645, 126.9827, 200, true), store('10000004', 37.5636, 126.9828)];
    expect(selectNearby(candidates, { center, radiusM: 1000, statuses: ['plenty', 'few'] }).map((s) => s.code)).toEqual(['10000001', '10000002']);
    expect(selectNearby(candidates, { center, radiusM: 1000, limit: 2 }).map((s) => [s.code, s.remainStat])).toEqual([
      ['10000004', undefined],
      ['10000001', 'plenty'],
    ]);
    expect(selectNearby(candidates, { center, radiusM: 1000, statuses: ['break'] }).map((s) => s.code)).toEqual(['10000003']);
  });
});

describe('the nearby lookup', () => {
  it('says when the limit cut the list', async () => {
    const candidates = [store('10000001', 37.5637, 126.9827, 150), store('10000002', 37.564, 126.9827, 10), store('10000003', 37.5645, 126.9827, 200)];
    const reader = { read: async () => ({ stores: candidates, itemsRead: 1 }) };
    expect(await findNearby(reader, { center, radiusM: 1000, limit: 2 })).toMatchObject({ truncated: true, stores: [{ code: '10000001' }, { code: '10000002' }] });
    expect((await findNearby(reader, { center, radiusM: 1000, limit: 3 })).truncated).toBe(false);
  });

  it('says how many stores the radius holds, however many the limit lets through', async () => {
    const candidates = [store('10000001', 37.5637, 126.9827, 150), store('10000002', 37.564, 126.9827, 10), store('10000003', 37.5645, 126.9827, 200), store('10000004', 37.7, 126.9827, 200)];
    const reader = { read: async () => ({ stores: candidates, itemsRead: 1 }) };
    expect(await findNearby(reader, { center, radiusM: 1000, limit: 1 })).toMatchObject({ total: 3, truncated: true, stores: [{ code: '10000001' }] });
    expect(await findNearby(reader, { center, radiusM: 1000 })).toMatchObject({ total: 3, truncated: false });
  });
});

describe('the nearby lookup over the cell read model', () => {
  /** The read model as the projection leaves it: each store in the cell of its position. */
  const cellsOf = (all: readonly StoreSnapshot[]) => {
    const reads: string[][] = [];
    const reader = {
      read: async (cells: readonly string[]) => {
        reads.push([...cells]);
        return { stores: all.filter((s) => cells.includes(cellOf(s))), itemsRead: cells.length };
      },
    };
    return { reader, reads };
  };
  const spread = fc.array(
    fc.record({ dLat: fc.double({ min: -0.06, max: 0.06, noNaN: true }), dLng: fc.double({ min: -0.08, max: 0.08, noNaN: true }) }),
    { maxLength: 80 },
  ).map((rows) => rows.map((r, i) => store(String(10_000_000 + i), center.lat + r.dLat, center.lng + r.dLng, i % 300)));

  it('misses no store within the radius, returns none outside it, nearest first, and counts them all', async () => {
    await fc.assert(
      fc.asyncProperty(spread, fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 100 }), async (all, radius, limit) => {
        const { reader } = cellsOf(all);
        const found = await findNearby(reader, { center, radiusM: radius, limit });
        const within = all.filter((s) => distanceM(center, s) <= radius);
        expect(found.total).toBe(within.length);
        expect(found.truncated).toBe(within.length > limit);
        expect(found.stores.length).toBe(Math.min(limit, within.length));
        expect(found.stores.every((s) => distanceM(center, s) <= radius)).toBe(true);
        for (let i = 1; i < found.stores.length; i++) expect(found.stores[i]?.distanceM).toBeGreaterThanOrEqual(found.stores[i - 1]?.distanceM ?? 0);
        // Nearest first means nothing left out is nearer than the farthest returned.
        const farthest = found.stores.at(-1)?.distanceM ?? 0;
        const returned = new Set(found.stores.map((s) => s.code));
        expect(within.filter((s) => !returned.has(s.code)).every((s) => Math.round(distanceM(center, s)) >= farthest)).toBe(true);
      }),
    );
  });

  it('reads at most four cells for a 1 km circle and twenty for 5 km', async () => {
    const { reader, reads } = cellsOf([]);
    await findNearby(reader, { center, radiusM: 1000 });
    await findNearby(reader, { center, radiusM: 5000 });
    expect(reads[0]?.length).toBeLessThanOrEqual(4);
    expect(reads[1]?.length).toBeLessThanOrEqual(20);
  });
});
