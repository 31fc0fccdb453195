import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { createQuarantineCase } from '../../shared/quarantine/contracts.ts';
import { casesService, checkinAppBase, NO_STORE, refusalToProblem } from './cases-service.ts';

export const handler = httpRoute(createQuarantineCase, async ({ body, principal, headers }) => {
  const official = requireOfficial(principal);
  const outcome = await casesService(checkinAppBase(headers)).create(official, body);
  if (outcome.kind !== 'created') throw refusalToProblem(outcome);
  return json(outcome.view, 201, NO_STORE);
});
