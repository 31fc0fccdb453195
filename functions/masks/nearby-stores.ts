import { StoreCellsRepository } from '../../shared/data/store-cells-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { getNearbyStores } from '../../shared/masks/contracts.ts';
import { CellCache } from '../../shared/masks/cell-cache.ts';
import { findNearby } from '../../shared/masks/nearby.ts';

const cells = new CellCache(new StoreCellsRepository());

export const handler = httpRoute(getNearbyStores, async ({ query }) => {
  const { stores, total, truncated } = await findNearby(cells, {
    center: { lat: query.lat, lng: query.lng },
    radiusM: query.radius,
    limit: query.limit,
    statuses: query.status,
  });
  return json(
    {
      count: stores.length,
      total,
      truncated,
      stores: stores.map((s) => ({
        code: s.code,
        name: s.name,
        addr: s.addr,
        type: s.type,
        lat: s.lat,
        lng: s.lng,
        distanceM: s.distanceM,
        remainStat: s.remainStat ?? null,
        remaining: s.remaining ?? null,
        stockAt: s.stockAt ?? null,
        updatedAt: s.updatedAt,
      })),
    },
    200,
    // Stock moves by the minute; a few seconds at the edge spare the table without misleading anyone.
    { 'cache-control': 'public, max-age=5' },
  );
});
