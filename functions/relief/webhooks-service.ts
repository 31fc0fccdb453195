import { recordDeadlineDecline } from '../../shared/alerting.ts';
import { ReliefWebhookDynamoStore } from '../../shared/data/relief-webhook-store.ts';
import { forbidden, HttpProblem, idempotencyKeyReused, notFound, validationFailed } from '../../shared/http/problem.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { reliefNow, reliefProgram } from '../../shared/relief/relief-config.ts';
import { ReliefWebhooks, type WebhookOutcome } from '../../shared/relief/relief-webhooks.ts';
import { secrets } from '../../shared/secrets.ts';

/** The webhooks' service wired to DynamoDB, the active program and the id pepper, once per container. */
export const reliefWebhooks = new ReliefWebhooks({
  store: new ReliefWebhookDynamoStore(),
  program: reliefProgram,
  now: reliefNow,
  pepper: () => secrets.get('id-pepper'),
  onDeadline: recordDeadlineDecline,
});

/** The card company the signature proved, and its delivery's idempotency key. */
export const partnerCall = (principal: Principal, headers: Readonly<Record<string, string | undefined>>): { partnerId: string; webhookId: string } => {
  if (principal.kind !== 'partner') throw forbidden('Only a card company calls the relief webhooks.');
  // The signature covers the webhook-id, so it is always there once verified.
  return { partnerId: principal.partnerId, webhookId: headers['webhook-id'] ?? '' };
};

/** The answer, or the problem a card company can act on; a refusal changes nothing. */
export const answerOf = <A>(outcome: WebhookOutcome<A>): A => {
  switch (outcome.kind) {
    case 'answer':
      return outcome.answer;
    case 'reused':
      throw idempotencyKeyReused(`${outcome.field} was already used for a request with another body; a new request needs a new id.`, {
        errors: [{ field: outcome.field, message: 'was first used for another request' }],
      });
    case 'invalid':
      throw outcome.field === 'body.applicantResidentId' || outcome.field === 'body.donate'
        ? validationFailed([{ field: outcome.field, message: outcome.message }])
        : new HttpProblem({ type: 'unprocessable', title: 'The request cannot be applied', status: 422, detail: `${outcome.field} ${outcome.message}`, errors: [{ field: outcome.field, message: outcome.message }] });
    case 'unknown':
      throw notFound(`No ${outcome.what} of yours exists.`);
  }
};
