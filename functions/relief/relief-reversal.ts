import { httpRoute, json } from '../../shared/http/route.ts';
import { reliefReversal } from '../../shared/relief/contracts.ts';
import { answerOf, partnerCall, reliefWebhooks } from './webhooks-service.ts';

export const handler = httpRoute(reliefReversal, async ({ body, principal, headers }) => {
  const { partnerId, webhookId } = partnerCall(principal, headers);
  return json(answerOf(await reliefWebhooks.reverse(partnerId, webhookId, body)), 200, { 'cache-control': 'no-store' });
});
