import { httpRoute, json } from '../../shared/http/route.ts';
import { reliefRegionChange } from '../../shared/relief/contracts.ts';
import { answerOf, partnerCall, reliefWebhooks } from './webhooks-service.ts';

export const handler = httpRoute(reliefRegionChange, async ({ body, principal, headers }) => {
  const { partnerId, webhookId } = partnerCall(principal, headers);
  return json(answerOf(await reliefWebhooks.changeRegion(partnerId, webhookId, body)), 200, { 'cache-control': 'no-store' });
});
