import { koreanDayOf } from '../../shared/audit/audit-trail.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { auditReport, BadAuditCursorError } from '../../shared/officials/audit-report.ts';
import { readAuditTrail } from '../../shared/officials/contracts.ts';
import { auditActorOf } from '../../shared/officials/official.ts';
import { auditScope } from '../../shared/officials/official-policy.ts';
import { NO_STORE, refusalProblem } from './refusals.ts';

const audit = new AuditRepository();

export const handler = httpRoute(readAuditTrail, async ({ query, principal, requestId }) => {
  const actor = requireOfficial(principal);
  const scope = auditScope(actor, query.region);
  if ('refusal' in scope) throw refusalProblem(scope.refusal, actor);
  const at = new Date().toISOString();
  const day = query.day ?? koreanDayOf(at);
  let report;
  try {
    report = auditReport(scope.region, day, await audit.day(scope.region, day), query);
  } catch (error) {
    throw error instanceof BadAuditCursorError ? validationFailed([{ field: 'query.cursor', message: error.message }]) : error;
  }
  await audit.append({
    actor: auditActorOf(actor),
    action: 'audit.read',
    subject: { kind: 'audit-day', id: `${scope.region}#${day}` },
    region: scope.region,
    at,
    requestId,
  });
  const items = report.items.map(({ at, actor, action, subject, region, requestId, note, log, seq }) => ({ at, actor, action, subject, region, requestId, note, log, seq }));
  return json({ region: scope.region, day, items, cursor: report.cursor, chains: report.chains }, 200, NO_STORE);
});
