import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { KeyProps } from 'aws-cdk-lib/aws-kms';

/** A customer-managed key: rotated yearly, and kept after the stack so nothing it sealed is orphaned. */
export const keyDefaults = {
  enableKeyRotation: true,
  rotationPeriod: Duration.days(365),
  removalPolicy: RemovalPolicy.RETAIN,
  pendingWindow: Duration.days(30),
} as const satisfies Partial<KeyProps>;
