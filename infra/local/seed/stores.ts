import { generateDemoStores } from './demo-stores.ts';
import type { Seeder } from './seeder.ts';

/** Stores that get a demo API key in demo-credentials.json: enough to try every store route. */
const STORES_WITH_KEYS = 20;

/**
 * ~23,000 demo stores across Korea (DEMO_STORES to change the number). New stores start with a stock
 * report dated 2020-03-09, so any real report made during the demo is newer and is never overwritten.
 */
export const storesSeeder = (count: number): Seeder => ({
  name: 'stores',
  async seed({ derive, credentials }) {
    const [{ StoresRepository }, { Credentials }, { CredentialsRepository }, { secrets }] = await Promise.all([
      import('../../../shared/data/stores-repository.ts'),
      import('../../../shared/platform/credentials.ts'),
      import('../../../shared/data/credentials-repository.ts'),
      import('../../../shared/secrets.ts'),
    ]);
    const demo = generateDemoStores(count);
    const asOf = '2020-03-09T00:00:00.000Z';
    await new StoresRepository().upsert(
      demo.map(({ code, name, addr, type, lat, lng }, i) => ({
        code,
        name,
        addr,
        type,
        lat,
        lng,
        // A spread over every band, deterministic so two runs of the demo look alike.
        initialStock: { remaining: [250, 120, 80, 45, 20, 5, 1, 0][i % 8] ?? 0, stockAt: '2020-03-09T08:30:00+09:00', asOf },
      })),
      new Date().toISOString(),
    );
    const issuer = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));
    for (const store of demo.slice(0, STORES_WITH_KEYS)) {
      // Issued only to a store without a key, so a restart never revives a rotated one; a rotated store's
      // key was shown once to whoever rotated it, and is not listed here.
      const apiKey = await issuer.issueIfNone('store', store.code, `sk_${derive(`store-key:${store.code}`)}`);
      if (apiKey) credentials.stores.push({ code: store.code, apiKey });
    }
  },
});
