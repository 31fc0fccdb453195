import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { StoreImportsRepository } from '../../shared/data/store-imports-repository.ts';
import { notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { getStoreImport } from '../../shared/masks/contracts.ts';

const imports = new StoreImportsRepository();

export const handler = httpRoute(getStoreImport, async ({ params, principal }) => {
  requireNationalAdmin(principal);
  const progress = await imports.get(params.importId);
  if (!progress) throw notFound(`There is no import ${params.importId}.`);
  return json(progress, 200, { 'cache-control': 'no-store' });
});
