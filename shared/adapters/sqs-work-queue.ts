import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueue } from '../ports/work-queue.ts';

/** SQS takes ten messages a call; entries it failed are sent again a few times before the call fails. */
export class SqsWorkQueue implements WorkQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async send(messages: readonly unknown[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      let entries = messages.slice(i, i + 10).map((message, j) => ({ Id: String(j), MessageBody: JSON.stringify(message) }));
      for (let attempt = 0; entries.length > 0; attempt++) {
        const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        if (Failed.length > 0 && attempt >= 3) throw new Error(`SQS refused ${Failed.length} messages: ${Failed[0]?.Code ?? ''} ${Failed[0]?.Message ?? ''}`);
        const failed = new Set(Failed.map((f) => f.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}
