import { StoreCellsRepository } from '../../shared/data/store-cells-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacyStoresByGeo } from '../../shared/masks/contracts.ts';
import { toLegacyStore } from '../../shared/masks/legacy-format.ts';
import { CellCache } from '../../shared/masks/cell-cache.ts';
import { findNearby } from '../../shared/masks/nearby.ts';

const cells = new CellCache(new StoreCellsRepository());

export const handler = httpRoute(legacyStoresByGeo, async ({ query }) => {
  const { stores } = await findNearby(cells, { center: { lat: query.lat, lng: query.lng }, radiusM: query.m });
  return json({ count: stores.length, stores: stores.map(toLegacyStore) }, 200, { 'cache-control': 'public, max-age=5' });
});
