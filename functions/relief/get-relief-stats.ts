import { ReliefReportsRepository } from '../../shared/data/relief-reports-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { getReliefStats } from '../../shared/relief/report-contracts.ts';
import { statsScope } from '../../shared/relief/report-scope.ts';
import { foldStats } from '../../shared/relief/stats.ts';
import { NO_STORE, refusalToProblem } from './settlement-reply.ts';

const reports = new ReliefReportsRepository();

/** Counts and sums only, no household: not a read of anyone's data. */
export const handler = httpRoute(getReliefStats, async ({ query, principal }) => {
  const scope = statsScope(principal, query, new Date());
  if ('kind' in scope) throw refusalToProblem(scope);
  const onlyRegion = scope.regions.length === 1 ? scope.regions[0] : undefined;
  const [shards, registered] = await Promise.all([reports.statsShards(scope.days, onlyRegion), reports.registeredHouseholds(scope.regions)]);
  return json(foldStats({ from: scope.from, to: scope.to, regions: scope.regions, registered, shards }), 200, NO_STORE);
});
