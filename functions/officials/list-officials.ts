import { requireOfficial } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { BadCursorError, OfficialsRepository } from '../../shared/data/officials-repository.ts';
import { validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { listOfficials } from '../../shared/officials/contracts.ts';
import { auditActorOf } from '../../shared/officials/official.ts';
import { listingScope } from '../../shared/officials/official-policy.ts';
import { NO_STORE, refusalProblem } from './refusals.ts';

const directory = new OfficialsRepository();
const audit = new AuditRepository();

export const handler = httpRoute(listOfficials, async ({ query, principal, requestId }) => {
  const actor = requireOfficial(principal);
  const scope = listingScope(actor, query.region);
  if ('refusal' in scope) throw refusalProblem(scope.refusal, actor);
  const page = await directory.list(scope.region, query.limit, query.cursor).catch((error: unknown) => {
    throw error instanceof BadCursorError ? validationFailed([{ field: 'query.cursor', message: error.message }]) : error;
  });
  await audit.append({
    actor: auditActorOf(actor),
    action: 'official.list',
    subject: { kind: 'officials', id: scope.region ?? 'all' },
    region: scope.region ?? actor.region,
    at: new Date().toISOString(),
    requestId,
  });
  return json(page, 200, NO_STORE);
});
