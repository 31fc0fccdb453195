import { raiseAlert } from '../../shared/alerting.ts';
import { resolveBySystem } from '../../shared/alerts/system-resolution.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import { QuarantineEventsRepository } from '../../shared/data/quarantine-events-repository.ts';
import { conflict, forbidden, HttpProblem, idempotencyKeyReused, notFound, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { submitQuarantinePositions } from '../../shared/quarantine/device-contracts.ts';
import { futureTimes } from '../../shared/quarantine/positions-batch.ts';
import { PositionsIngest } from '../../shared/quarantine/positions-ingest.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';

const alerts = new AlertsRepository();
const ingest = new PositionsIngest(
  new QuarantineCasesRepository(),
  new QuarantineEventsRepository(),
  { raise: raiseAlert, resolve: (request) => resolveBySystem(alerts, { ...request, by: 'submit-quarantine-positions' }) },
  quarantineConfig,
);

export const handler = httpRoute(submitQuarantinePositions, async ({ body, principal }) => {
  // The token names its case: there is no case id in the request to get wrong or to forge.
  if (principal.kind !== 'device') throw forbidden('Only the check-in app of a case sends positions.');
  const now = Date.now();
  const ahead = futureTimes(body, now);
  if (ahead.length > 0) throw validationFailed(ahead);
  const outcome = await ingest.submit(principal.caseId, body, now);
  switch (outcome.kind) {
    case 'not-found':
      throw notFound('This device token’s case does not exist.');
    case 'not-active':
      throw new HttpProblem({ type: 'case-ended', title: 'The quarantine has ended', status: 410, detail: 'This quarantine has ended; the app no longer needs to send positions.' });
    case 'reused':
      throw idempotencyKeyReused(`Position ids ${outcome.ids.join(', ')} were already sent with another fix; a new fix needs a new id.`, {
        errors: outcome.ids.map((id) => ({ field: 'body.positions', message: `id ${id} was first used for another fix` })),
      });
    case 'busy':
      throw conflict('The case kept changing while this upload was applied; send it again.');
    case 'done':
      return json(outcome.body, 200, { 'cache-control': 'no-store' });
  }
});
