import type { Seeder } from './seeder.ts';

/** The nine card companies that paid the 2020 grant as card points. */
export const DEMO_PARTNERS: readonly { readonly partnerId: string; readonly name: string }[] = [
  { partnerId: 'kb-kookmin', name: 'KB Kookmin Card' },
  { partnerId: 'nh', name: 'NH NongHyup Card' },
  { partnerId: 'lotte', name: 'Lotte Card' },
  { partnerId: 'bc', name: 'BC Card' },
  { partnerId: 'samsung', name: 'Samsung Card' },
  { partnerId: 'shinhan', name: 'Shinhan Card' },
  { partnerId: 'woori', name: 'Woori Card' },
  { partnerId: 'hana', name: 'Hana Card' },
  { partnerId: 'hyundai', name: 'Hyundai Card' },
];

const LEASE_MS = 30_000;

/**
 * The nine card companies as partners, each with a secret derived from the data directory's demo
 * seed (the same on every restart, so a saved script keeps signing). Added once: a partner an admin
 * rotated keeps its new secret, and its demo secret is listed in demo-credentials.json only while it
 * still verifies.
 */
export const partnersSeeder: Seeder = {
  name: 'card companies',
  async seed({ derive, credentials, progress }) {
    const [{ PartnersRepository }, { secrets }, { parsePartnerKeys, partnerSecretOf, validSecrets, withPartnerSecret }] = await Promise.all([
      import('../../../shared/data/partners-repository.ts'),
      import('../../../shared/secrets.ts'),
      import('../../../shared/relief/partner-secrets.ts'),
    ]);
    const directory = new PartnersRepository();
    const secretOf = (partnerId: string) => partnerSecretOf(Buffer.from(derive(`relief-partner-secret:${partnerId}`), 'base64url'));
    const holder = derive(`relief-partner-seed:${Date.now()}`);
    // The gateway is up while seeders run: an admin's change of the secret waits for this, and this for it.
    while (!(await directory.acquireLease(holder, new Date(), new Date(Date.now() + LEASE_MS)))) await new Promise((done) => setTimeout(done, 50));
    try {
      let keys = parsePartnerKeys(await secrets.get('partner-keys', { fresh: true }));
      const missing = [];
      for (const demo of DEMO_PARTNERS) if (!(await directory.get(demo.partnerId))) missing.push(demo);
      for (const demo of missing) keys = withPartnerSecret(keys, demo.partnerId, secretOf(demo.partnerId));
      // The secrets before the partners, as the admin route does: a start cut short here adds them next time.
      if (missing.length > 0) await secrets.put('partner-keys', JSON.stringify(keys));
      const addedAt = new Date().toISOString();
      for (const demo of missing) await directory.create({ ...demo, addedAt, addedBy: 'demo-seed' });
      const now = new Date();
      for (const { partnerId } of DEMO_PARTNERS) {
        const secret = secretOf(partnerId);
        if (validSecrets(keys[partnerId] ?? [], now).includes(secret)) credentials.partners.push({ id: partnerId, secret });
      }
      progress(`demo card companies: ${missing.length} new, ${credentials.partners.length} with their demo secret`);
    } finally {
      await directory.releaseLease(holder);
    }
  },
};
