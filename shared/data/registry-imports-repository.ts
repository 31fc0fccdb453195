import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../config.ts';
import type { ChunkOutcome, ImportRecord, ImportStore } from '../relief/registry-import.ts';
import type { RowError } from '../relief/household-import.ts';
import { dynamo } from './dynamo-client.ts';
import { regionKey } from './households-repository.ts';

/** Kept a month for the console's history; TTL removes them after, nothing depends on it. */
const KEEP_SECONDS = 30 * 24 * 3600;
const IMPORT = 'import';
const chunkKey = (chunk: number) => `chunk#${String(chunk).padStart(8, '0')}`;
const errorsKey = (chunk: number) => `errors#${String(chunk).padStart(8, '0')}`;

export class RegistryImportsRepository implements ImportStore {
  readonly #table = config.tableName('relief-imports');
  readonly #households = config.tableName('relief-households');

  async create(record: ImportRecord): Promise<{ created: true } | { created: false; existing: ImportRecord }> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: record.importId, sk: IMPORT, ...record, expiresAt: Math.floor(Date.parse(record.createdAt) / 1000) + KEEP_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return { created: false, existing: this.#record(unmarshall(error.Item)) };
    }
  }

  async get(importId: string): Promise<ImportRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: importId, sk: IMPORT }, ConsistentRead: true }));
    return Item ? this.#record(Item) : undefined;
  }

  /** The first errors in row order: only chunks that had errors keep an `errors#` item. */
  async errors(importId: string, limit: number): Promise<RowError[]> {
    const errors: RowError[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :errors)',
          ExpressionAttributeValues: { ':pk': importId, ':errors': 'errors#' },
          ExclusiveStartKey: start,
          Limit: 20,
        }),
      );
      for (const item of page.Items ?? []) errors.push(...(item.errors as RowError[]));
      start = page.LastEvaluatedKey;
    } while (start && errors.length < limit);
    return errors.slice(0, limit);
  }

  async uploaded(importId: string, bytes: number, now: string): Promise<void> {
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: importId, sk: IMPORT },
        UpdateExpression: 'SET #status = :running, uploadedBytes = :bytes, uploadedAt = if_not_exists(uploadedAt, :now)',
        ConditionExpression: '#status IN (:waiting, :running)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':waiting': 'awaiting-upload', ':bytes': bytes, ':now': now },
      }),
    );
  }

  async planned(importId: string, chunks: number): Promise<void> {
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: importId, sk: IMPORT },
        UpdateExpression: 'SET chunksTotal = :n',
        ExpressionAttributeValues: { ':n': chunks },
      }),
    );
  }

  async isChunkDone(importId: string, chunk: number): Promise<boolean> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: importId, sk: chunkKey(chunk) }, ConsistentRead: true, ProjectionExpression: 'pk' }));
    return Item !== undefined;
  }

  /** The chunk's marker, its errors, the import's counters and the regions' counts, in one transaction. */
  async completeChunk(importId: string, chunk: number, outcome: ChunkOutcome, now: string): Promise<'applied' | 'already'> {
    const expiresAt = Math.floor(Date.parse(now) / 1000) + KEEP_SECONDS;
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.#table, Item: { pk: importId, sk: chunkKey(chunk), at: now, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(outcome.errors.length > 0 ? [{ Put: { TableName: this.#table, Item: { pk: importId, sk: errorsKey(chunk), errors: outcome.errors, expiresAt } } }] : []),
            {
              Update: {
                TableName: this.#table,
                Key: { pk: importId, sk: IMPORT },
                UpdateExpression: 'ADD rowsRead :read, upserted :upserted, rejected :rejected, chunksDone :one',
                ExpressionAttributeValues: { ':read': outcome.rowsRead, ':upserted': outcome.upserted, ':rejected': outcome.rejected, ':one': 1 },
              },
            },
            ...Object.entries(outcome.regionDeltas).map(([region, delta]) => ({
              Update: {
                TableName: this.#households,
                Key: { pk: regionKey(region) },
                UpdateExpression: 'ADD households :delta SET regionCode = :region',
                ExpressionAttributeValues: { ':delta': delta, ':region': region },
              },
            })),
          ],
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'already';
      throw error;
    }
  }

  /** Done once every planned chunk is: whichever chunk (or the planner) gets there last says so. */
  async finishIfComplete(importId: string, now: string): Promise<void> {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: importId, sk: IMPORT },
          UpdateExpression: 'SET #status = :done, finishedAt = :now',
          ConditionExpression: 'chunksDone = chunksTotal AND #status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':running': 'running', ':now': now },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async fail(importId: string, message: string, now: string): Promise<void> {
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: importId, sk: IMPORT },
        UpdateExpression: 'SET #status = :failed, failure = :message, finishedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':message': message, ':now': now },
      }),
    );
  }

  /** The region's household count, the denominator of the "paid" curve. */
  async regionCount(regionCode: string): Promise<number> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#households, Key: { pk: regionKey(regionCode) }, ConsistentRead: true }));
    return (Item?.households as number | undefined) ?? 0;
  }

  #record(item: Record<string, unknown>): ImportRecord {
    const { pk: _pk, sk: _sk, expiresAt: _ttl, ...record } = item;
    return record as unknown as ImportRecord;
  }
}
