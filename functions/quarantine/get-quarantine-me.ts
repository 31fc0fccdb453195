import { forbidden, notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import { statusOf } from '../../shared/quarantine/case-checkins.ts';
import { getQuarantineMe } from '../../shared/quarantine/contracts.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';

const cases = new QuarantineCasesRepository();

export const handler = httpRoute(getQuarantineMe, async ({ principal }) => {
  // The token names its case: a phone sees only its own.
  if (principal.kind !== 'device') throw forbidden('Only the check-in app of a case reads its status.');
  const record = await cases.get(principal.caseId);
  if (!record) throw notFound('This device token’s case does not exist.');
  return json(statusOf(record, quarantineConfig, new Date()), 200, { 'cache-control': 'private, no-store' });
});
