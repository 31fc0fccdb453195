import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { legacyStoresByAddr } from '../../shared/masks/contracts.ts';
import { toLegacyStore } from '../../shared/masks/legacy-format.ts';
import { addressKey } from '../../shared/masks/store.ts';

const stores = new StoresRepository();

export const handler = httpRoute(legacyStoresByAddr, async ({ query }) => {
  const address = query.address.split(/\s+/).join(' ');
  const key = addressKey(address);
  const found = key ? await stores.byAddressPrefix(key.district, key.rest) : [];
  return json({ address, count: found.length, stores: found.map(toLegacyStore) }, 200, { 'cache-control': 'public, max-age=5' });
});
