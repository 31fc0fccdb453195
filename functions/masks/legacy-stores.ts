import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacyStores } from '../../shared/masks/contracts.ts';
import { legacyPage, toLegacyStoreInfo } from '../../shared/masks/legacy-format.ts';

const stores = new StoresRepository();

export const handler = httpRoute(legacyStores, async ({ query }) => {
  const { start, ...paging } = legacyPage(query.page, query.perPage, await stores.count());
  const storeInfos = (await stores.listing(start, query.perPage)).map(toLegacyStoreInfo);
  return json({ count: storeInfos.length, page: paging.page, storeInfos, totalCount: paging.totalCount, totalPages: paging.totalPages });
});
