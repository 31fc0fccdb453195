import { toLegacyTime } from './korean-time.ts';
import { remainStatOfSnapshot, storeInfoOf, type StoreSnapshot } from './store.ts';

/**
 * The 2020 public-mask API's store object, field for field, so its 150+ client apps work unchanged.
 * `created_at` was "when this row's data was made": our last change, in `YYYY/MM/DD HH:mm:ss` KST.
 */
export const toLegacyStore = (store: StoreSnapshot) => ({
  ...storeInfoOf(store),
  stock_at: toLegacyTime(store.stockAt),
  remain_stat: remainStatOfSnapshot(store) ?? null,
  created_at: toLegacyTime(store.updatedAt),
});

export const toLegacyStoreInfo = storeInfoOf;

export const toLegacySale = (store: StoreSnapshot) => {
  const { code, stock_at, remain_stat, created_at } = toLegacyStore(store);
  return { code, stock_at, remain_stat, created_at };
};

/** What the 2020 paged listings read: stores numbered in import order, and how many there are. */
export interface StoreListing {
  count(): Promise<number>;
  listing(start: number, count: number): Promise<StoreSnapshot[]>;
}

/**
 * One page of the 2020 `stores/json` or `sales/json` listing, in its field order; `page` comes back as
 * a string, as it did then. The count and the page are read at once.
 */
export const legacyPageOf = async <Field extends string, Item>(
  stores: StoreListing,
  query: { page: number; perPage: number },
  field: Field,
  format: (store: StoreSnapshot) => Item,
) => {
  const [totalCount, rows] = await Promise.all([stores.count(), stores.listing((query.page - 1) * query.perPage, query.perPage)]);
  const items = rows.map(format);
  return {
    count: items.length,
    page: String(query.page),
    ...({ [field]: items } as Record<Field, Item[]>),
    totalCount,
    totalPages: Math.ceil(totalCount / query.perPage),
  };
};
