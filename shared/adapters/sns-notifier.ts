import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../ports/notifier.ts';

export class SnsNotifier implements Notifier {
  constructor(
    private readonly topicArn: (topic: string) => string,
    private readonly client: SNSClient = new SNSClient({}),
  ) {}

  async publish(topic: string, notification: Notification): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn(topic),
        // SNS subjects are ASCII-only and at most 100 characters; the Korean text travels in the body.
        Subject: notification.subject.replace(/[^\x20-\x7E]/g, '').slice(0, 100) || 'crisis-response',
        Message: notification.body,
        MessageAttributes: Object.fromEntries(
          Object.entries(notification.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
        ),
      }),
    );
  }
}
