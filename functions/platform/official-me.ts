import { httpRoute, json } from '../../shared/http/route.ts';
import { forbidden } from '../../shared/http/problem.ts';
import { getOfficialMe } from '../../shared/platform/contracts.ts';

export const handler = httpRoute(getOfficialMe, async ({ principal }) => {
  if (principal.kind !== 'official') throw forbidden('Only officials have a profile.');
  const { officerId, role, region } = principal;
  return json({ officerId, role, region }, 200, { 'cache-control': 'private, no-store' });
});
