import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TransactionConflictException',
]);
const TRANSIENT_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded', 'InternalServerError']);

/**
 * Whether DynamoDB said "not now" rather than "no": throttling, a transaction that met another on one
 * item (TransactionConflict), a server error. A cancelled transaction in which any condition failed is
 * an answer, never transient, whatever else it lists.
 */
export const isTransient = (error: unknown): boolean => {
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    return !codes.includes('ConditionalCheckFailed') && codes.some((code) => TRANSIENT_REASONS.has(code));
  }
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return TRANSIENT_NAMES.has(name) || (error as { $retryable?: unknown } | undefined)?.$retryable !== undefined;
};

/** Full jitter over an exponential ceiling (10 ms doubling to 200 ms): concurrent retries spread out instead of colliding again. */
export const retryDelayMs = (attempt: number): number => Math.random() * Math.min(200, 10 * 2 ** attempt);
