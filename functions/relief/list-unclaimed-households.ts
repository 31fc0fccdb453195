import { auditActorOf } from '../../shared/officials/official.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { BadReportCursorError, ReliefReportsRepository } from '../../shared/data/relief-reports-repository.ts';
import { forbidden, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { listUnclaimedHouseholds } from '../../shared/relief/report-contracts.ts';
import { NO_STORE } from './settlement-reply.ts';

const reports = new ReliefReportsRepository();
const audit = new AuditRepository();

/** Which households never applied is about people: national admins only, and each read is on the trail. */
export const handler = httpRoute(listUnclaimedHouseholds, async ({ query, principal, requestId }) => {
  const official = requireOfficial(principal);
  if (official.role !== 'national-admin') throw forbidden('Only national admins read the unclaimed households.');
  const [page, count] = await Promise.all([
    reports.unclaimedPage({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }).catch((error: unknown) => {
      throw error instanceof BadReportCursorError ? validationFailed([{ field: 'query.cursor', message: error.message }]) : error;
    }),
    query.count === 'false' ? null : reports.unclaimedCount(),
  ]);
  await audit.append({
    actor: auditActorOf(official),
    action: 'relief.unclaimed.read',
    subject: { kind: 'unclaimed-households', id: query.cursor ?? 'first-page' },
    region: official.region,
    at: new Date().toISOString(),
    requestId,
    note: `${page.items.length} household ids`,
  });
  return json({ count, householdIds: page.items, cursor: page.cursor }, 200, NO_STORE);
});
