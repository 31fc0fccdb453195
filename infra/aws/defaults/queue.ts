import { Duration } from 'aws-cdk-lib';
import { QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';

/**
 * Dead-letter queues hold the events that failed: kept for the longest SQS allows so operators have two
 * weeks to redrive them, encrypted with the SQS-managed key (which EventBridge, SNS and Lambda can all
 * write to without a key policy), and refused over plain HTTP.
 */
export const queueDefaults = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  retentionPeriod: Duration.days(14),
} as const satisfies Partial<QueueProps>;
