import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacyStores } from '../../shared/masks/contracts.ts';
import { legacyPageOf, toLegacyStoreInfo } from '../../shared/masks/legacy-format.ts';

const stores = new StoresRepository();

export const handler = httpRoute(legacyStores, async ({ query }) =>
  json(await legacyPageOf(stores, query, 'storeInfos', toLegacyStoreInfo), 200, { 'cache-control': 'public, max-age=5' }),
);
