import { requireOfficial, requireRegion } from '../../shared/auth/principal.ts';
import { decodeCursor, encodeCursor } from '../../shared/data/page-cursor.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { listRegionStores } from '../../shared/masks/regional-contracts.ts';
import type { RemainStat } from '../../shared/masks/remain-stat.ts';

const stores = new StoresRepository();
/** The keys of a `byRegionStock` page: the table's and the index's. */
const CURSOR_KEYS = ['code', 'region', 'remaining'];

export const handler = httpRoute(listRegionStores, async ({ query, principal }) => {
  const region = query.region ?? requireOfficial(principal).region;
  requireRegion(principal, region);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CURSOR_KEYS);
  if (query.cursor !== undefined && (!after || after.region !== region)) {
    throw validationFailed([{ field: 'query.cursor', message: 'is not a cursor of this region’s pages; send the cursor the last page answered' }]);
  }
  const page = await stores.inRegionBand(region, query.remainStat as RemainStat, query.limit, after);
  return json(
    {
      region,
      remainStat: query.remainStat,
      items: page.stores.map(({ code, name, addr, type, lat, lng, remaining, stockAt, updatedAt }) => ({
        code, name, addr, type, lat, lng, remaining: remaining ?? null, stockAt: stockAt ?? null, updatedAt,
      })),
      cursor: encodeCursor(page.next),
    },
    200,
    { 'cache-control': 'private, no-store' },
  );
});
