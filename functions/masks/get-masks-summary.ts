import { requireOfficial, requireRegion } from '../../shared/auth/principal.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { REGION_CODES } from '../../shared/geo/regions.ts';
import { getMasksSummary } from '../../shared/masks/regional-contracts.ts';
import { countByBand, regionsToShow } from '../../shared/masks/regional-view.ts';
import { REMAIN_STATS } from '../../shared/masks/remain-stat.ts';

const stores = new StoresRepository();

export const handler = httpRoute(getMasksSummary, async ({ query, principal }) => {
  const official = requireOfficial(principal);
  const regions = regionsToShow(official, query.region, REGION_CODES);
  for (const region of regions) requireRegion(official, region);
  const rows = await Promise.all(
    regions.map(async (region) => {
      const counts = countByBand(await stores.stockLevelsIn(region));
      return { region, counts, total: REMAIN_STATS.reduce((sum, band) => sum + counts[band], 0) };
    }),
  );
  return json({ regions: rows, countedAt: new Date().toISOString() }, 200, { 'cache-control': 'private, no-store' });
});
