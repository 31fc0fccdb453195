import { EndpointRefused, NotifierUnavailable, SubscriptionLimitReached } from '../ports/notifier.ts';

/** SNS's words for "not now": a retry later may succeed, and nothing was changed. */
const UNAVAILABLE = new Set(['ThrottledException', 'InternalErrorException', 'KMSThrottlingException', 'ConcurrentAccessException']);
const LIMITS = new Set(['FilterPolicyLimitExceededException', 'SubscriptionLimitExceededException']);
const REFUSED = new Set(['InvalidParameterException', 'OptedOutException']);

/**
 * What an SNS failure means for the official who asked, as the port's errors; anything else (a missing
 * permission, a bug) goes up unchanged and becomes a 500. Shared by the SNS adapter and the local one,
 * which fails with SNS's error names when a fault is injected.
 */
export const asSubscriptionFailure = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  if (UNAVAILABLE.has(error.name) || status >= 500) return new NotifierUnavailable(`SNS is unavailable (${error.name})`, { cause: error });
  if (LIMITS.has(error.name)) return new SubscriptionLimitReached(`SNS refused another subscription (${error.name})`, { cause: error });
  if (REFUSED.has(error.name)) return new EndpointRefused(`SNS refused the endpoint (${error.name}: ${error.message})`, { cause: error });
  return error;
};
