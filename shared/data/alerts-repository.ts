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

  /**
   * Takes a pending alert for one publisher: only while it is pending (`pendingShard`), and only if no one
   * holds it or their hold has lapsed. DynamoDB decides between racing publishers.
   */
  async claim(alertId: string, now: string, until: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'SET claimedUntil = :until',
          ConditionExpression: 'attribute_exists(pendingShard) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          ExpressionAttributeValues: { ':until': until, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(alertId: string): Promise<void> {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'REMOVE claimedUntil',
          ConditionExpression: 'attribute_exists(pendingShard)',
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
          UpdateExpression: 'SET publishedAt = :at REMOVE pendingShard, claimedUntil',
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

  /** One page of a shard's pending alerts raised before `before`, oldest first; `cursor` for the next page. */
  async pendingBefore(shard: string, before: string, cursor?: string): Promise<{ alerts: Alert[]; cursor?: string }> {
    const { Items = [], LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'pending',
        KeyConditionExpression: 'pendingShard = :s AND createdAt < :before',
        ExpressionAttributeValues: { ':s': shard, ':before': before },
        Limit: 100,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown> } : {}),
      }),
    );
    return {
      alerts: Items.map(({ pk: _pk, pendingShard: _shard, claimedUntil: _claim, ...alert }) => alert as Alert),
      ...(LastEvaluatedKey ? { cursor: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') } : {}),
    };
  }
}
