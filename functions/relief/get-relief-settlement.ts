import { ReliefReportsRepository } from '../../shared/data/relief-reports-repository.ts';
import { httpRoute } from '../../shared/http/route.ts';
import { getReliefSettlement } from '../../shared/relief/report-contracts.ts';
import { settlementScope } from '../../shared/relief/report-scope.ts';
import { refusalToProblem, settlementReply } from './settlement-reply.ts';

const reports = new ReliefReportsRepository();

/** A national admin reads any card company's day. */
export const handler = httpRoute(getReliefSettlement, async ({ query, principal, headers }) => {
  const scope = settlementScope(principal, query.partner);
  if ('kind' in scope) throw refusalToProblem(scope);
  return settlementReply(reports, { ...query, partnerId: scope.partnerId, accept: headers['accept'], path: '/v1/admin/relief/settlements' });
});
