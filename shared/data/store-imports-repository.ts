import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportLog, ImportProgress } from '../masks/store-import.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** Kept a month for the console's history; TTL removes them after, nothing depends on it. */
const KEEP_SECONDS = 30 * 24 * 3600;

export class StoreImportsRepository implements ImportLog {
  readonly #table = config.tableName('store-imports');

  async start(progress: ImportProgress): Promise<boolean> {
    try {
      await dynamo.send(
        new PutCommand({ TableName: this.#table, Item: this.#item(progress), ConditionExpression: 'attribute_not_exists(importId)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async save(progress: ImportProgress): Promise<void> {
    await dynamo.send(new PutCommand({ TableName: this.#table, Item: this.#item(progress) }));
  }

  async get(importId: string): Promise<ImportProgress | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { importId }, ConsistentRead: true }));
    if (!Item) return undefined;
    const { expiresAt: _ttl, ...progress } = Item;
    return progress as ImportProgress;
  }

  #item(progress: ImportProgress) {
    return { ...progress, expiresAt: Math.floor(Date.parse(progress.startedAt) / 1000) + KEEP_SECONDS };
  }
}
