import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Subscription, SubscriptionStatus, SubscriptionStore } from '../alerts/official-subscriptions.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** The `subscriptions` table: one partition per official, so every read is a GetItem or a Query on it. */
export class SubscriptionsRepository implements SubscriptionStore {
  readonly #table = config.tableName('subscriptions');

  async get(officerId: string, subscriptionId: string): Promise<Subscription | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { officerId, subscriptionId }, ConsistentRead: true }));
    return Item as Subscription | undefined;
  }

  async list(officerId: string): Promise<Subscription[]> {
    // An official holds a handful (MAX_SUBSCRIPTIONS_PER_OFFICIAL): one page.
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'officerId = :o',
        ExpressionAttributeValues: { ':o': officerId },
        ConsistentRead: true,
      }),
    );
    return (Items as Subscription[]).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async begin(subscription: Subscription): Promise<boolean> {
    try {
      await dynamo.send(new PutCommand({ TableName: this.#table, Item: subscription, ConditionExpression: 'attribute_not_exists(subscriptionId)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async complete(officerId: string, subscriptionId: string, subscriptionArn: string, status: SubscriptionStatus): Promise<void> {
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { officerId, subscriptionId },
        UpdateExpression: 'SET subscriptionArn = :arn, #status = :status',
        ConditionExpression: 'attribute_exists(subscriptionId)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':arn': subscriptionArn, ':status': status },
      }),
    );
  }

  async setStatus(officerId: string, subscriptionId: string, status: SubscriptionStatus): Promise<void> {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { officerId, subscriptionId },
          UpdateExpression: 'SET #status = :status',
          ConditionExpression: 'attribute_exists(subscriptionId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
        }),
      )
      .catch((error: unknown) => {
        // Removed meanwhile: nothing to update.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async remove(officerId: string, subscriptionId: string): Promise<void> {
    await dynamo.send(new DeleteCommand({ TableName: this.#table, Key: { officerId, subscriptionId } }));
  }
}
