import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { StoreCellsRepository } from '../../shared/data/store-cells-repository.ts';
import { cellOf } from '../../shared/geo/cell-cover.ts';
import type { StoreSnapshot } from '../../shared/masks/store.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let cells: StoreCellsRepository;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoStores: 0 });
  const { StoreCellsRepository } = await import('../../shared/data/store-cells-repository.ts');
  cells = new StoreCellsRepository();
});
afterAll(() => runtime.stop());

/** Stores around Jeju city hall, all in one cell of the read model. */
const jeju = { lat: 33.4996, lng: 126.5312 };
const snapshot = (i: number, remaining: number): StoreSnapshot => ({
  code: String(50_000_000 + i),
  name: `제주약국 ${i}`,
  addr: '제주특별자치도 제주시 이도이동 1-1',
  type: '01',
  lat: jeju.lat + i * 1e-5,
  lng: jeju.lng,
  remaining,
  updatedAt: '2020-03-09T00:00:00Z',
  createdAt: '2020-03-09T00:00:00Z',
});

describe('the nearby read model', () => {
  it('keeps every store when ten projections write the same cell at the same moment', async () => {
    const cell = cellOf(jeju);
    expect(new Set(Array.from({ length: 40 }, (_, i) => cellOf(snapshot(i, 0)))).size).toBe(1);
    // Forty stores, written by ten projections of four stores each, all at once.
    await Promise.all(Array.from({ length: 10 }, (_, w) => cells.apply(cell, [0, 1, 2, 3].map((j) => snapshot(w * 4 + j, w * 4 + j)), [])));
    const { stores } = await cells.read([cell]);
    expect(stores.map((s) => [s.code, s.remaining]).sort()).toEqual(Array.from({ length: 40 }, (_, i) => [snapshot(i, i).code, i]).sort());
  });

  it('replaces a store’s snapshot and takes out the stores that left, leaving the others', async () => {
    const cell = cellOf(jeju);
    await cells.apply(cell, [snapshot(1, 99), snapshot(2, 98)], [snapshot(3, 0).code, snapshot(4, 0).code]);
    const { stores, itemsRead } = await cells.read([cell, cellOf({ lat: 37.5663, lng: 126.9779 })]);
    expect(itemsRead).toBe(1);
    const byCode = new Map(stores.map((s) => [s.code, s.remaining]));
    expect(byCode.size).toBe(38);
    expect([byCode.get(snapshot(1, 0).code), byCode.get(snapshot(2, 0).code), byCode.get(snapshot(5, 0).code)]).toEqual([99, 98, 5]);
    expect(byCode.has(snapshot(3, 0).code)).toBe(false);
  });
});
