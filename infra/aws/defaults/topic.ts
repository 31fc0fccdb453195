import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { TopicProps } from 'aws-cdk-lib/aws-sns';

/**
 * Alerts name people under quarantine: encrypted at rest with a key the stack controls (the AWS-managed
 * SNS key cannot be granted to CloudWatch alarms), and refused over plain HTTP.
 */
export const topicDefaults = (masterKey: IKey) =>
  ({
    masterKey,
    enforceSSL: true,
  }) as const satisfies Partial<TopicProps>;
