import { raiseAlert } from '../../shared/alerting.ts';
import { QuarantineCheckinsRepository } from '../../shared/data/quarantine-checkins-repository.ts';
import { conflict, forbidden, HttpProblem, idempotencyKeyReused, notFound, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { CaseCheckins } from '../../shared/quarantine/case-checkins.ts';
import { submitQuarantineCheckin } from '../../shared/quarantine/contracts.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';

const checkins = new CaseCheckins(new QuarantineCheckinsRepository(), raiseAlert, quarantineConfig);
/** A phone's clock runs a little ahead; beyond this a check-in's time is not believed. */
const AHEAD_MS = 5 * 60 * 1000;

export const handler = httpRoute(submitQuarantineCheckin, async ({ body, principal }) => {
  if (principal.kind !== 'device') throw forbidden('Only the check-in app of a case checks in.');
  if (Date.parse(body.at) > Date.now() + AHEAD_MS) throw validationFailed([{ field: 'body.at', message: 'is more than 5 minutes ahead of the server’s clock' }]);
  const outcome = await checkins.submit(principal.caseId, body);
  switch (outcome.kind) {
    case 'recorded':
      return json(outcome.answer, 201, { 'cache-control': 'no-store' });
    case 'repeated':
      return json(outcome.answer, 201, { 'cache-control': 'no-store' });
    case 'reused':
      throw idempotencyKeyReused(`Check-in ${body.checkinId} was already sent with other answers; a new check-in needs a new id.`, {
        errors: [{ field: 'body.checkinId', message: 'was first used for another check-in' }],
      });
    case 'not-found':
      throw notFound('This device token’s case does not exist.');
    case 'ended':
      throw new HttpProblem({ type: 'case-ended', title: 'The quarantine has ended', status: 410, detail: 'This quarantine has ended; no more check-ins are needed.' });
    case 'busy':
      throw conflict('The case kept changing while this check-in was applied; send it again.');
  }
});
