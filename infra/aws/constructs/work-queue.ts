import { Duration } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { QueueSpec } from '../../manifest/types.ts';
import { queueDefaults } from '../defaults/queue.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/**
 * A manifest queue: SSE-SQS (S3 event notifications and Lambda can use it without a key policy),
 * TLS only, and a dead-letter queue after `maxReceives` deliveries.
 */
export class WorkQueue extends Queue {
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, spec: QueueSpec) {
    const deadLetters = new DeadLetterQueue(scope, `${id}DeadLetters`, `the ${spec.name} queue`);
    super(scope, id, {
      ...queueDefaults,
      // Four days is SQS's default; an import's chunk waits at most minutes, a stuck one goes to the DLQ.
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: spec.maxReceives },
    });
    this.deadLetters = deadLetters;
  }
}
