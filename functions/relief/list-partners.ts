import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { listPartners } from '../../shared/relief/partner-contracts.ts';
import { NO_STORE, partners } from './partners-service.ts';

export const handler = httpRoute(listPartners, async ({ principal, requestId }) => {
  const official = requireNationalAdmin(principal);
  return json({ items: await partners.list(official, requestId) }, 200, NO_STORE);
});
