import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

/** Errors, throttles and dead letters are counted over this window. */
export const alarmPeriod = Duration.minutes(5);

/**
 * Any error, throttle or dead letter is worth a look in an emergency system: one in a window alarms.
 * No data means nothing happened, which is healthy.
 */
export const alarmDefaults = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: TreatMissingData.NOT_BREACHING,
} as const;
