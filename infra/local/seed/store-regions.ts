import type { Seeder } from './seeder.ts';

/**
 * Stores carry their region (for the console's regional views) since the console came; a data
 * directory from before it gets the region written into each store once, found by the listing index.
 * A new data directory has nothing to do: the stores seeder wrote each store with its region.
 */
export const storeRegionsSeeder: Seeder = {
  name: 'store regions',
  async seed({ progress }) {
    const [{ StoresRepository }, { regionOfAddress }, { boundedParallel }] = await Promise.all([
      import('../../../shared/data/stores-repository.ts'),
      import('../../../shared/geo/regions.ts'),
      import('../../../shared/data/bounded-parallel.ts'),
    ]);
    const stores = new StoresRepository();
    if (await stores.regionsWritten()) return;
    const missing = (await stores.withoutRegion()).flatMap(({ code, addr }) => {
      const region = regionOfAddress(addr);
      return region ? [{ code, region }] : [];
    });
    if (missing.length > 0) progress(`writing the region of ${missing.length.toLocaleString('en')} stores…`);
    await boundedParallel(missing, 8, ({ code, region }) => stores.setRegion(code, region));
    await stores.markRegionsWritten();
  },
};
