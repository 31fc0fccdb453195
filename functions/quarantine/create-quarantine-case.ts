import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { createQuarantineCase } from '../../shared/quarantine/contracts.ts';
import { caseService, checkinAppBase, NO_STORE, refusalToProblem } from './cases-service.ts';

const service = caseService();

export const handler = httpRoute(createQuarantineCase, async ({ body, principal, headers, requestId }) => {
  const official = requireOfficial(principal);
  const outcome = await service.create(official, body, checkinAppBase(headers), requestId);
  if (outcome.kind !== 'created') throw refusalToProblem(outcome);
  return json(outcome.view, 201, NO_STORE);
});
