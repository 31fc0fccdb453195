import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportLog, ImportProgress } from '../masks/store-import.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** Kept a month for the console's history; TTL removes them after, nothing depends on it. */
const KEEP_SECONDS = 30 * 24 * 3600;

export class StoreImportsRepository implements ImportLog {
  readonly #table = config.tableName('store-imports');

  async start(progress: ImportProgress, fingerprint: string): Promise<{ started: true } | { started: false; fingerprint?: string; earlier?: ImportProgress }> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...this.#item(progress), fingerprint },
          ConditionExpression: 'attribute_not_exists(importId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { started: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) return { started: false };
      const { fingerprint: first, ...earlier } = unmarshall(error.Item);
      return { started: false, ...(first ? { fingerprint: first as string } : {}), earlier: this.#progress(earlier) };
    }
  }

  /** Progress only: the fingerprint set at the start is kept. */
  async save(progress: ImportProgress): Promise<void> {
    const item = this.#item(progress);
    const names = Object.keys(item).filter((name) => name !== 'importId');
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { importId: progress.importId },
        UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, item[name as keyof typeof item]])),
      }),
    );
  }

  async get(importId: string): Promise<ImportProgress | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { importId }, ConsistentRead: true }));
    return Item ? this.#progress(Item) : undefined;
  }

  #progress(item: Record<string, unknown>): ImportProgress {
    const { expiresAt: _ttl, fingerprint: _fingerprint, ...progress } = item;
    return progress as unknown as ImportProgress;
  }

  #item(progress: ImportProgress) {
    return { ...progress, expiresAt: Math.floor(Date.parse(progress.startedAt) / 1000) + KEEP_SECONDS };
  }
}
