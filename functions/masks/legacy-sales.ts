import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacySales } from '../../shared/masks/contracts.ts';
import { legacyPageOf, toLegacySale } from '../../shared/masks/legacy-format.ts';

const stores = new StoresRepository();

export const handler = httpRoute(legacySales, async ({ query }) =>
  json(await legacyPageOf(stores, query, 'sales', toLegacySale), 200, { 'cache-control': 'public, max-age=5' }),
);
