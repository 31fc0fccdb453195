import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { actOnQuarantineCase } from '../../shared/quarantine/contracts.ts';
import { caseService, checkinAppBase, NO_STORE, refusalToProblem } from './cases-service.ts';

const service = caseService();

export const handler = httpRoute(actOnQuarantineCase, async ({ params, body, principal, headers, requestId }) => {
  const official = requireOfficial(principal);
  const [caseId = '', action] = params.caseId.split(':');
  if (action === 'reissue-code') {
    const issued = await service.reissueCode(official, caseId, requestId, checkinAppBase(headers));
    if (issued.kind !== 'issued') throw refusalToProblem(issued);
    return json(issued.view, 201, NO_STORE);
  }
  const outcome = action === 'close' ? await service.close(official, caseId, body.reason, requestId) : await service.extend(official, caseId, body.endsAt, requestId);
  if (outcome.kind !== 'changed') throw refusalToProblem(outcome);
  const { state, endsAt, endedAt } = outcome.record;
  return json({ caseId, state, endsAt, ...(endedAt ? { endedAt } : {}) }, 200, NO_STORE);
});
