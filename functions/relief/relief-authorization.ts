import { httpRoute, json } from '../../shared/http/route.ts';
import { reliefAuthorization } from '../../shared/relief/contracts.ts';
import { answerOf, partnerCall, reliefWebhooks } from './webhooks-service.ts';

export const handler = httpRoute(reliefAuthorization, async ({ body, principal, headers }) => {
  const { partnerId, webhookId } = partnerCall(principal, headers);
  return json(answerOf(await reliefWebhooks.authorize(partnerId, webhookId, body)), 200, { 'cache-control': 'no-store' });
});
