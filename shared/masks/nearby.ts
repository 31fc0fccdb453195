import { coverCircle } from '../geo/cell-cover.ts';
import { distanceM, type LatLng } from '../geo/distance.ts';
import { remainStatOfSnapshot, type StoreSnapshot } from './store.ts';
import type { RemainStat } from './remain-stat.ts';

export interface NearbyStore extends StoreSnapshot {
  readonly distanceM: number;
  readonly remainStat: RemainStat | undefined;
}

/** Reads the cells' stores: the per-cell read model on DynamoDB, a fake in tests. */
export interface CellReader {
  /** The geohash precision of its cells; the read model's (CELL_PRECISION) when absent. */
  readonly precision?: number;
  read(cells: readonly string[]): Promise<{ stores: StoreSnapshot[]; itemsRead: number }>;
}

export interface NearbyQuery {
  readonly center: LatLng;
  readonly radiusM: number;
  readonly limit?: number;
  readonly statuses?: readonly string[];
}

/** The stores within the radius, nearest first; cells give candidates, the exact distance decides. */
export const selectNearby = (candidates: readonly StoreSnapshot[], query: NearbyQuery): NearbyStore[] => {
  const selected: NearbyStore[] = [];
  for (const store of candidates) {
    const distance = distanceM(query.center, store);
    if (distance > query.radiusM) continue;
    const remainStat = remainStatOfSnapshot(store);
    if (query.statuses && !(remainStat && query.statuses.includes(remainStat))) continue;
    selected.push({ ...store, distanceM: Math.round(distance), remainStat });
  }
  selected.sort((a, b) => a.distanceM - b.distanceM || a.code.localeCompare(b.code));
  return query.limit === undefined ? selected : selected.slice(0, query.limit);
};

export const findNearby = async (
  reader: CellReader,
  query: NearbyQuery,
): Promise<{ stores: NearbyStore[]; total: number; truncated: boolean; itemsRead: number; candidates: number }> => {
  const { stores, itemsRead } = await reader.read(coverCircle(query.center, query.radiusM, reader.precision));
  const within = selectNearby(stores, { ...query, limit: undefined });
  const limit = query.limit ?? within.length;
  return { stores: within.slice(0, limit), total: within.length, truncated: within.length > limit, itemsRead, candidates: stores.length };
};
