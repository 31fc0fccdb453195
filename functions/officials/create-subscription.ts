import { createMySubscription } from '../../shared/alerts/subscription-contracts.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { subscriptionRefusal } from './subscription-problems.ts';
import { asAnswer, PRIVATE, subscriptions } from './subscriptions-service.ts';

export const handler = httpRoute(createMySubscription, async ({ principal, body, requestId }) => {
  const official = requireOfficial(principal);
  const outcome = await subscriptions.create(official, body, requestId);
  if (!('created' in outcome)) throw subscriptionRefusal(outcome);
  return json(asAnswer(outcome.created), 201, PRIVATE);
});
