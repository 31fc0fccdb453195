import { describe, expect, it } from 'vitest';
import { cellOf } from '../../../shared/geo/cell-cover.ts';
import { CELL_CACHE_MS, CellCache, REFRESH_AHEAD_MS } from '../../../shared/masks/cell-cache.ts';
import type { StoreSnapshot } from '../../../shared/masks/store.ts';

const cityHall = { lat: 37.5663, lng: 126.9779 };
const busan = { lat: 35.1151, lng: 129.0414 };
const snapshot = (code: string, at: { lat: number; lng: number }, remaining: number): StoreSnapshot => ({
  code,
  name: `약국 ${code}`,
  addr: '서울특별시 중구 태평로1가 31',
  type: '01',
  ...at,
  remaining,
  updatedAt: '2020-03-09T00:00:00Z',
  createdAt: '2020-03-09T00:00:00Z',
});

/** The read model behind the cache: what it holds now, and every read that reached it. */
const readModel = (stores: StoreSnapshot[]) => {
  const reads: string[][] = [];
  let failNext = false;
  return {
    stores,
    reads,
    failOnce: () => (failNext = true),
    reader: {
      read: async (cells: readonly string[]) => {
        reads.push([...cells]);
        await new Promise((r) => setTimeout(r, 5));
        if (failNext) {
          failNext = false;
          throw new Error('throttled');
        }
        return { stores: stores.filter((s) => cells.includes(cellOf(s))), itemsRead: cells.length };
      },
    },
  };
};

describe('the per-container cell cache', () => {
  it('shows a stock change once its time to live has passed, so nearby stays within the 1 s promise', async () => {
    let now = 0;
    const model = readModel([snapshot('10000001', cityHall, 100)]);
    const cache = new CellCache(model.reader, CELL_CACHE_MS, () => now);
    const cell = cellOf(cityHall);
    expect((await cache.read([cell])).stores[0]?.remaining).toBe(100);
    model.stores[0] = snapshot('10000001', cityHall, 3);
    now = CELL_CACHE_MS - 1;
    expect((await cache.read([cell])).stores[0]?.remaining, 'still within the time to live').toBe(100);
    now = CELL_CACHE_MS;
    expect((await cache.read([cell])).stores[0]?.remaining).toBe(3);
    expect(CELL_CACHE_MS, 'leaves the stream at least 300 ms of the 1 s promise').toBeLessThanOrEqual(700);
  });

  it('reads a cell once for many lookups arriving together, and only the cells it lacks', async () => {
    const model = readModel([snapshot('10000001', cityHall, 100), snapshot('10000002', busan, 50)]);
    const cache = new CellCache(model.reader, 1000, () => 0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.read([cellOf(cityHall)])));
    expect(answers.every((a) => a.stores.map((s) => s.code).join() === '10000001')).toBe(true);
    const both = await cache.read([cellOf(cityHall), cellOf(busan)]);
    expect(both.stores.map((s) => s.code).sort()).toEqual(['10000001', '10000002']);
    expect(model.reads).toEqual([[cellOf(cityHall)], [cellOf(busan)]]);
    expect(cache.hitRate).toBeCloseTo(20 / 22);
  });

  it('reads the cells that lookups arriving together miss in one call, each lookup getting only its own', async () => {
    const model = readModel([snapshot('10000001', cityHall, 100), snapshot('10000002', busan, 50)]);
    const cache = new CellCache(model.reader, 1000, () => 0);
    const [seoul, south, both] = await Promise.all([cache.read([cellOf(cityHall)]), cache.read([cellOf(busan)]), cache.read([cellOf(cityHall), cellOf(busan)])]);
    expect(seoul.stores.map((s) => s.code)).toEqual(['10000001']);
    expect(south.stores.map((s) => s.code)).toEqual(['10000002']);
    expect(both.stores.map((s) => s.code)).toEqual(['10000001', '10000002']);
    expect(model.reads).toEqual([[cellOf(cityHall), cellOf(busan)]]);
  });

  it('reads a cell in demand again shortly before it expires, so lookups do not wait for it, and never serves it older', async () => {
    let now = 0;
    const model = readModel([snapshot('10000001', cityHall, 100)]);
    const cache = new CellCache(model.reader, CELL_CACHE_MS, () => now);
    const cell = cellOf(cityHall);
    await cache.read([cell]);
    model.stores[0] = snapshot('10000001', cityHall, 3);
    now = CELL_CACHE_MS - REFRESH_AHEAD_MS;
    expect((await cache.read([cell])).stores[0]?.remaining, 'answered at once from the entry still within its time to live').toBe(100);
    now = CELL_CACHE_MS;
    expect((await cache.read([cell])).stores[0]?.remaining, 'the first read has expired: the second answers').toBe(3);
    expect(model.reads.length, 'read twice in all').toBe(2);
    model.stores[0] = snapshot('10000001', cityHall, 7);
    // The second read started at TTL - REFRESH_AHEAD_MS: it is due again REFRESH_AHEAD_MS before it expires.
    now = 2 * CELL_CACHE_MS - 2 * REFRESH_AHEAD_MS;
    model.failOnce();
    expect((await cache.read([cell])).stores[0]?.remaining, 'a failed read again keeps the entry while it is valid').toBe(3);
    await new Promise((r) => setTimeout(r, 20));
    now = 2 * CELL_CACHE_MS - REFRESH_AHEAD_MS;
    expect((await cache.read([cell])).stores[0]?.remaining, 'and once it expires the cell is read again').toBe(7);
    expect(model.reads.length).toBe(4);
  });

  it('keeps an empty cell as empty, and does not keep a failed read', async () => {
    const model = readModel([snapshot('10000001', cityHall, 100)]);
    const cache = new CellCache(model.reader, 1000, () => 0);
    expect((await cache.read([cellOf(busan)])).stores).toEqual([]);
    expect((await cache.read([cellOf(busan)])).stores).toEqual([]);
    model.failOnce();
    await expect(cache.read([cellOf(cityHall)])).rejects.toThrow('throttled');
    expect((await cache.read([cellOf(cityHall)])).stores.map((s) => s.code)).toEqual(['10000001']);
    expect(model.reads.length).toBe(3);
  });
});
