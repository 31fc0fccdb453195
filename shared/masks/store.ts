import type { RemainStat } from './remain-stat.ts';
import { remainStatOf } from './remain-stat.ts';

/** `01` pharmacy, `02` post office, `03` NongHyup Hanaro mart: the 2020 API's codes. */
export type StoreType = '01' | '02' | '03';

export interface StoreInfo {
  readonly code: string;
  readonly name: string;
  readonly addr: string;
  readonly type: StoreType;
  readonly lat: number;
  readonly lng: number;
}

/** What nearby lookups read: the store and its latest stock, as the cell read model holds it. */
export interface StoreSnapshot extends StoreInfo {
  readonly remaining?: number;
  readonly onBreak?: boolean;
  /** When the store says the stock arrived (입고 시각). */
  readonly stockAt?: string;
  /** When this record last changed. */
  readonly updatedAt: string;
  readonly createdAt: string;
}

/** Just the store's own description, without stock or bookkeeping. */
export const storeInfoOf = ({ code, name, addr, type, lat, lng }: StoreInfo): StoreInfo => ({ code, name, addr, type, lat, lng });

export const remainStatOfSnapshot = (store: StoreSnapshot): RemainStat | undefined => remainStatOf(store.remaining, store.onBreak);

/**
 * Address prefix search without a Scan: the first two tokens (`서울특별시 강남구`) are the partition,
 * the rest (`논현동 123-4`) sorts within it, so `서울특별시 강남구 논현동` is a begins_with query.
 */
export const addressKey = (addr: string): { district: string; rest: string } | undefined => {
  const tokens = addr.trim().split(/\s+/);
  if (tokens.length < 2) return undefined;
  return { district: `${tokens[0]} ${tokens[1]}`, rest: tokens.slice(2).join(' ') };
};
