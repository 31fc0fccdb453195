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

/** The 2020 API's paging: `page` comes back as a string, as it did then. */
export const legacyPage = (page: number, perPage: number, totalCount: number) => ({
  start: (page - 1) * perPage,
  page: String(page),
  totalCount,
  totalPages: Math.ceil(totalCount / perPage),
});
