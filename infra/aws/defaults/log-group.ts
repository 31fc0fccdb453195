import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays, type LogGroupProps } from 'aws-cdk-lib/aws-logs';

/**
 * Logs are evidence after an incident but also hold request metadata; three months is enough for an
 * investigation without keeping location-adjacent data around indefinitely.
 */
export const logGroupDefaults = {
  retention: RetentionDays.THREE_MONTHS,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies Partial<LogGroupProps>;
