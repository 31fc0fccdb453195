import type { CreateOutcome } from '../../shared/alerts/official-subscriptions.ts';
import { MAX_SUBSCRIPTIONS_PER_OFFICIAL } from '../../shared/alerts/official-subscriptions.ts';
import { forbidden, HttpProblem, idempotencyKeyReused, unavailable } from '../../shared/http/problem.ts';

const unprocessable = (type: string, title: string, field: string, message: string): HttpProblem =>
  new HttpProblem({ type, title, status: 422, detail: `${field}: ${message}`, errors: [{ field, message }] });

/** SNS down or throttling: the console may retry after a minute. */
export const snsUnavailable = (): HttpProblem =>
  new HttpProblem({ ...unavailable('SNS is not answering just now; nothing was changed. Try again in a minute.').problem }, { 'retry-after': '60' });

/** What each refusal of a new subscription looks like to the console. */
export const subscriptionRefusal = (outcome: Exclude<CreateOutcome, { created: unknown }>): HttpProblem => {
  if ('outsideRegion' in outcome) {
    return forbidden(`You see region ${outcome.outsideRegion.region} only as a national administrator; subscribe to your own region.`, {
      errors: [{ field: `body.${outcome.outsideRegion.field}`, message: `region ${outcome.outsideRegion.region} is outside your region` }],
    });
  }
  if ('tooComplex' in outcome) return unprocessable('filter-too-complex', 'The filter is more than SNS takes', `body.${outcome.tooComplex.field}`, outcome.tooComplex.message);
  if ('idReused' in outcome) return idempotencyKeyReused(`subscriptionId ${outcome.idReused} was already used for another subscription.`);
  if ('tooMany' in outcome) {
    return unprocessable('too-many-subscriptions', 'You hold as many subscriptions as one official may', 'body', `you hold ${outcome.tooMany}; delete one first (at most ${MAX_SUBSCRIPTIONS_PER_OFFICIAL})`);
  }
  if ('endpointRefused' in outcome) return unprocessable('endpoint-refused', 'SNS refused this endpoint', 'body.endpoint', 'SNS does not deliver to this address or number');
  if ('topicFull' in outcome) {
    return new HttpProblem({
      type: 'subscriptions-full',
      title: 'The alerts topic holds as many subscriptions as its quota allows',
      status: 503,
      detail: 'Nothing was subscribed. Operations must raise the SNS filter-policy quota (see the runbook); try again after.',
    });
  }
  return snsUnavailable();
};
