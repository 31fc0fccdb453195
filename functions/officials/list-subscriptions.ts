import { listMySubscriptions } from '../../shared/alerts/subscription-contracts.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { asAnswer, PRIVATE, subscriptions } from './subscriptions-service.ts';

export const handler = httpRoute(listMySubscriptions, async ({ principal }) => {
  const official = requireOfficial(principal);
  const items = await subscriptions.list(official);
  return json({ items: items.map(asAnswer) }, 200, PRIVATE);
});
