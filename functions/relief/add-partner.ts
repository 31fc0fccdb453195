import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { addPartner } from '../../shared/relief/partner-contracts.ts';
import { NO_STORE, partners, refusalToProblem } from './partners-service.ts';

export const handler = httpRoute(addPartner, async ({ body, principal, requestId }) => {
  const official = requireNationalAdmin(principal);
  const outcome = await partners.add(official, body, requestId);
  if (outcome.kind !== 'added') throw refusalToProblem(outcome);
  return json({ ...outcome.partner, secret: outcome.secret, acceptedFrom: outcome.acceptedFrom }, 201, NO_STORE);
});
