import {
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { Confirmation, Notification, Notifier, SubscribeRequest, TopicSubscription } from '../ports/notifier.ts';
import { asSubscriptionFailure } from './sns-failure.ts';

const isNotFound = (error: unknown): boolean => error instanceof Error && error.name === 'NotFoundException';

export class SnsNotifier implements Notifier {
  constructor(
    private readonly topicArn: (topic: string) => string,
    private readonly client: SNSClient = new SNSClient({}),
    /** The queue that keeps what a subscription could not deliver (the stack's one subscriptions DLQ). */
    private readonly deadLetterArn: (topic: string) => string = () => {
      throw new Error('This function does not subscribe officials (no dead-letter queue configured)');
    },
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

  async subscribe(request: SubscribeRequest): Promise<TopicSubscription> {
    try {
      const { SubscriptionArn } = await this.client.send(
        new SubscribeCommand({
          TopicArn: this.topicArn(request.topic),
          Protocol: request.protocol,
          Endpoint: request.endpoint,
          Attributes: {
            FilterPolicy: JSON.stringify(request.filterPolicy),
            FilterPolicyScope: 'MessageAttributes',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterArn(request.topic) }),
          },
          // Without it a pending e-mail subscription answers "pending confirmation" instead of its ARN,
          // and could not be looked up or removed until confirmed.
          ReturnSubscriptionArn: true,
        }),
      );
      if (!SubscriptionArn) throw new Error('SNS answered Subscribe without a subscription ARN');
      return { subscriptionArn: SubscriptionArn, pendingConfirmation: request.protocol === 'email' };
    } catch (error) {
      throw asSubscriptionFailure(error);
    }
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    try {
      await this.client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw asSubscriptionFailure(error);
    }
  }

  async confirmation(subscriptionArn: string): Promise<Confirmation> {
    try {
      const { Attributes = {} } = await this.client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
      return Attributes['PendingConfirmation'] === 'true' ? 'pending' : 'confirmed';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw asSubscriptionFailure(error);
    }
  }
}
