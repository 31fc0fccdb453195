import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { createQuarantineOuting } from '../../shared/quarantine/contracts.ts';
import { caseService, NO_STORE, refusalToProblem } from './cases-service.ts';

const service = caseService();

export const handler = httpRoute(createQuarantineOuting, async ({ params, body, principal, requestId }) => {
  const official = requireOfficial(principal);
  const outcome = await service.addOuting(official, params.caseId, body, requestId);
  if (outcome.kind !== 'granted') throw refusalToProblem(outcome);
  const { outingId, from, to, reason } = outcome.outing;
  return json({ outingId, from, to, reason }, 201, NO_STORE);
});
