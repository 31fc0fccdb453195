import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { queueDefaults } from '../defaults/queue.ts';

/**
 * Where failed events of one function (or one subscription) end up. It is the last stop: a message that
 * cannot be read from here is a bug for an operator, whom the queue-depth alarm notifies.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, purpose: string) {
    super(scope, id, queueDefaults);

    const reason = `This queue is itself the dead-letter queue for ${purpose}; nothing consumes it automatically, so a further DLQ would never receive anything. Its depth alarm notifies the operations topic.`;
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
  }
}
