import { Duration } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';

/**
 * Stream consumers: start from the oldest record so a new consumer (or one redeployed after an outage)
 * misses nothing; split a failing batch to isolate the poison record; give up after a bounded number of
 * retries so one record cannot block its shard for a day. What is given up on leaves its shard and
 * sequence numbers in the function's DLQ, whose alarm tells operators to replay it within the stream's
 * 24 h retention (the alert outbox also has its own redrive sweep).
 */
export const streamSourceDefaults = {
  startingPosition: StartingPosition.TRIM_HORIZON,
  bisectBatchOnError: true,
  retryAttempts: 5,
  maxRecordAge: Duration.hours(6),
  reportBatchItemFailures: true,
} as const;

/** Batch size when the manifest gives none: small batches keep a retry's blast radius small. */
export const defaultStreamBatchSize = 10;

/**
 * EventBridge → Lambda (schedules and event rules): delivery retries by EventBridge, then a DLQ;
 * function errors retried by Lambda's asynchronous invocation, then the same DLQ. A schedule that
 * fires every few minutes has no use for an event that is hours old.
 */
export const ruleTargetDefaults = {
  retryAttempts: 3,
  maxEventAge: Duration.hours(2),
} as const;

export const asyncInvokeDefaults = {
  retryAttempts: 2,
  maxEventAge: Duration.hours(2),
} as const;
