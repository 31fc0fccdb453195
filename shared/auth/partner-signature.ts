import { Webhook } from 'standardwebhooks';

/**
 * Card companies sign webhooks the Standard Webhooks way (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`; HMAC-SHA256 over `id.timestamp.body`; a 5-minute timestamp window). Two secrets
 * may be valid at once while a company rotates, so any one of them verifying is enough.
 */
export const verifyPartnerSignature = (
  secrets: readonly string[],
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
): boolean => {
  const required = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  return secrets.some((secret) => {
    try {
      // Not parsed as JSON: a GET signs its path and query, which is no JSON, and the body is parsed later anyway.
      new Webhook(secret).verify(rawBody, required, { jsonParse: false });
      return true;
    } catch {
      return false;
    }
  });
};
