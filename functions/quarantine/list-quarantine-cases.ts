import { requireOfficial } from '../../shared/auth/principal.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { BadCaseCursorError, QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import { validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { CASE_ALERT_TYPES, caseListItem } from '../../shared/quarantine/case-views.ts';
import { listQuarantineCases } from '../../shared/quarantine/contracts.ts';
import { caseListScope } from '../../shared/quarantine/quarantine-cases.ts';
import { NO_STORE, refusalToProblem } from './cases-service.ts';

const cases = new QuarantineCasesRepository();
const alerts = new AlertsRepository();

export const handler = httpRoute(listQuarantineCases, async ({ query, principal }) => {
  const official = requireOfficial(principal);
  const scope = caseListScope(official, query);
  if ('kind' in scope) throw refusalToProblem(scope);
  const { region, officerId } = scope;
  const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  const found = await (officerId ? cases.listOfOfficer(region, officerId, query.state, page) : cases.listOfRegion(region, query.state, page)).catch((error: unknown) => {
    throw error instanceof BadCaseCursorError ? validationFailed([{ field: 'query.cursor', message: error.message }]) : error;
  });
  const open = await alerts.unresolvedCounts(found.items.map((c) => ({ kind: 'case' as const, id: c.caseId })), CASE_ALERT_TYPES);
  return json({ items: found.items.map((c) => caseListItem(c, open.get(c.caseId) ?? 0)), cursor: found.cursor }, 200, NO_STORE);
});
