import { requireAdmin } from '../../shared/auth/principal.ts';
import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { rotateStoreKey } from '../../shared/masks/contracts.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { secrets } from '../../shared/secrets.ts';

const stores = new StoresRepository();
const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));

export const handler = httpRoute(rotateStoreKey, async ({ params, principal }) => {
  requireAdmin(principal);
  if (!(await stores.get(params.code))) throw notFound(`There is no store ${params.code}.`);
  const apiKey = await credentials.issue('store', params.code);
  return json({ code: params.code, apiKey }, 201, { 'cache-control': 'no-store' });
});
