import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { rotatePartnerSecret } from '../../shared/relief/partner-contracts.ts';
import { NO_STORE, partners, refusalToProblem } from './partners-service.ts';

export const handler = httpRoute(rotatePartnerSecret, async ({ params, principal, requestId }) => {
  const official = requireNationalAdmin(principal);
  const outcome = await partners.rotate(official, params.partnerAction, requestId);
  if (outcome.kind !== 'rotated') throw refusalToProblem(outcome);
  const { partnerId, secret, previousValidUntil, acceptedFrom } = outcome;
  return json({ partnerId, secret, previousValidUntil, acceptedFrom }, 200, NO_STORE);
});
