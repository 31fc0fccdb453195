import { deleteMySubscription } from '../../shared/alerts/subscription-contracts.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { notFound } from '../../shared/http/problem.ts';
import { httpRoute } from '../../shared/http/route.ts';
import { snsUnavailable } from './subscription-problems.ts';
import { PRIVATE, subscriptions } from './subscriptions-service.ts';

export const handler = httpRoute(deleteMySubscription, async ({ principal, params, requestId }) => {
  const official = requireOfficial(principal);
  const outcome = await subscriptions.remove(official, params.subscriptionId, requestId);
  if ('notFound' in outcome) throw notFound(`You have no subscription ${params.subscriptionId}.`);
  if ('unavailable' in outcome) throw snsUnavailable();
  return { status: 204, headers: PRIVATE };
});
