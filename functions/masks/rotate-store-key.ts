import { requireAdmin, requireNationalAdmin, requireRegion } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { rotateStoreKey } from '../../shared/masks/contracts.ts';
import { regionOfAddress } from '../../shared/geo/regions.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { secrets } from '../../shared/secrets.ts';

const stores = new StoresRepository();
const audit = new AuditRepository();
const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));

/** An admin of the store's region rotates its key; a store whose address names no province, only a national admin. */
export const handler = httpRoute(rotateStoreKey, async ({ params, principal, requestId }) => {
  requireAdmin(principal);
  const store = await stores.get(params.code);
  if (!store) throw notFound(`There is no store ${params.code}.`);
  const region = regionOfAddress(store.addr);
  const official = region ? requireRegion(principal, region) : requireNationalAdmin(principal);
  const apiKey = await credentials.issue('store', params.code);
  await audit.append({
    actor: { kind: 'official', officerId: official.officerId, role: official.role, region: official.region },
    action: 'store.key-rotate',
    subject: { kind: 'store', id: params.code },
    region: region ?? official.region,
    at: new Date().toISOString(),
    requestId,
  });
  return json({ code: params.code, apiKey }, 201, { 'cache-control': 'no-store' });
});
