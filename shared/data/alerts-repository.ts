import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { pendingShardOf, type Alert } from '../alerts/alert.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

const key = (alertId: string) => ({ pk: `alert#${alertId}` });

export class AlertsRepository {
  readonly #table = config.tableName('alerts');

  /** The outbox write; the same alertId twice records it once. */
  async record(alert: Alert): Promise<void> {
    await dynamo
      .send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...key(alert.alertId), ...alert, pendingShard: pendingShardOf(alert.alertId) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /** Leaves the sparse `pending` index; false when another consumer got there first. */
  async markPublished(alertId: string, at: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'SET publishedAt = :at REMOVE pendingShard',
          ConditionExpression: 'attribute_exists(pendingShard)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async pendingBefore(shard: string, before: string): Promise<Alert[]> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'pending',
        KeyConditionExpression: 'pendingShard = :s AND createdAt < :before',
        ExpressionAttributeValues: { ':s': shard, ':before': before },
        Limit: 100,
      }),
    );
    return Items as Alert[];
  }
}
