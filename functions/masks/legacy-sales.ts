import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacySales } from '../../shared/masks/contracts.ts';
import { legacyPage, toLegacySale } from '../../shared/masks/legacy-format.ts';

const stores = new StoresRepository();

export const handler = httpRoute(legacySales, async ({ query }) => {
  const { start, ...paging } = legacyPage(query.page, query.perPage, await stores.count());
  const sales = (await stores.listing(start, query.perPage)).map(toLegacySale);
  return json({ count: sales.length, page: paging.page, sales, totalCount: paging.totalCount, totalPages: paging.totalPages }, 200, {
    'cache-control': 'public, max-age=5',
  });
});
