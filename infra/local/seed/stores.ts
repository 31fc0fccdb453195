import { generateDemoStores } from './demo-stores.ts';
import type { StoreSnapshot } from '../../../shared/masks/store.ts';
import type { Seeder } from './seeder.ts';

/** Stores that get a demo API key in demo-credentials.json: enough to try every store route. */
const STORES_WITH_KEYS = 20;
/** Stores written between two progress lines. */
const CHUNK = 2_000;

const counted = (done: number, total: number): string => `${done.toLocaleString('en')}/${total.toLocaleString('en')}`;

/**
 * ~23,000 demo stores across Korea (DEMO_STORES to change the number). New stores start with a stock
 * report dated 2020-03-09, so any real report made during the demo is newer and is never overwritten.
 */
export const storesSeeder = (count: number): Seeder => ({
  name: 'stores',
  fills: ['stores'],
  async seed({ derive, credentials, progress }) {
    const [{ StoresRepository }, { StoreCellsRepository }, { projectToCells }, { Credentials }, { CredentialsRepository }, { secrets }] =
      await Promise.all([
        import('../../../shared/data/stores-repository.ts'),
        import('../../../shared/data/store-cells-repository.ts'),
        import('../../../shared/masks/cell-projection.ts'),
        import('../../../shared/platform/credentials.ts'),
        import('../../../shared/data/credentials-repository.ts'),
        import('../../../shared/secrets.ts'),
      ]);
    const stores = new StoresRepository();
    const demo = generateDemoStores(count);
    const asOf = '2020-03-09T00:00:00.000Z';
    const now = new Date().toISOString();
    // The first start: nothing to read back before writing, and the seed writes the read model itself
    // (the same projection as the stream function), whole cells at once instead of 23,000 updates.
    const firstStart = (await stores.count()) === 0;
    const created = [];
    for (let start = 0; start < demo.length; start += CHUNK) {
      const chunk = demo.slice(start, start + CHUNK).map(({ code, name, addr, type, lat, lng }, offset) => ({
        code,
        name,
        addr,
        type,
        lat,
        lng,
        // A spread over every band, deterministic so two runs of the demo look alike.
        initialStock: { remaining: [250, 120, 80, 45, 20, 5, 1, 0][(start + offset) % 8] ?? 0, stockAt: '2020-03-09T08:30:00+09:00', asOf },
      }));
      const { createdRecords } = await stores.upsert(chunk, now, { allNew: firstStart });
      created.push(...createdRecords);
      progress(`seeding demo stores… ${counted(start + chunk.length, demo.length)}`);
    }

    const readModel = new StoreCellsRepository();
    const fillReadModel = async (all: readonly StoreSnapshot[]) => {
      // Every store of each cell is known, so whole cells are written in batches instead of one
      // update per store.
      const cells = projectToCells(all.map((after) => ({ after })));
      let shown = 0;
      await readModel.fill(cells, (written) => {
        if (written - shown < cells.length / 10 && written < cells.length) return;
        shown = written;
        progress(`placing stores on the map… ${counted(written, cells.length)} cells`);
      });
      await readModel.markCurrentLayout();
    };

    if (!firstStart && !(await readModel.hasCurrentLayout())) {
      // A data directory from before the read model's layout changed: its cells are ones no lookup asks
      // for. Every store (demo and imported) is listed by the 2020 listing index, a Query, not a Scan.
      const all = await stores.listing(0, await stores.count());
      progress(`rebuilding the nearby read model for ${counted(all.length, all.length)} stores…`);
      await fillReadModel(all);
    }

    if (firstStart && created.length > 0) {
      // The read model is as empty as the stores table was. A stores table created for this start has
      // no stream yet (`fills`): no record of these stores will reach the projection.
      await fillReadModel(created);
    }

    const issuer = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));
    for (const store of demo.slice(0, STORES_WITH_KEYS)) {
      // Issued only to a store without a key, so a restart never revives a rotated one; a rotated store's
      // key was shown once to whoever rotated it, and is not listed here.
      const apiKey = await issuer.issueIfNone('store', store.code, `sk_${derive(`store-key:${store.code}`)}`);
      if (apiKey) credentials.stores.push({ code: store.code, apiKey });
    }
  },
});
