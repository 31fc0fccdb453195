import { BatchGetCommand, BatchWriteCommand, UpdateCommand, type BatchGetCommandOutput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { StoreSnapshot } from '../masks/store.ts';
import { config } from '../config.ts';
import { boundedParallel } from './bounded-parallel.ts';
import { dynamo } from './dynamo-client.ts';

/** BatchGetItem's own limit. */
const BATCH = 100;
/** BatchWriteItem's own limit, and how many are in flight while a read model is filled. */
const WRITE_BATCH = 25;
const PARALLEL_WRITES = 8;
const attributeOf = (code: string): string => `s${code}`;

/**
 * The per-cell read model: one item per geohash cell holding every store in it with its stock, so a
 * nearby lookup is one BatchGetItem. Written only by the stores-table stream projection.
 */
export class StoreCellsRepository {
  readonly #table = config.tableName('store-cells');

  async read(cells: readonly string[]): Promise<{ stores: StoreSnapshot[]; itemsRead: number }> {
    const chunks: string[][] = [];
    for (let i = 0; i < cells.length; i += BATCH) chunks.push(cells.slice(i, i + BATCH));
    const results = await Promise.all(chunks.map((chunk) => this.#batchGet(chunk)));
    const items = results.flat();
    const stores: StoreSnapshot[] = [];
    for (const item of items) {
      for (const [name, value] of Object.entries(item)) if (name.startsWith('s')) stores.push(value as StoreSnapshot);
    }
    return { stores, itemsRead: items.length };
  }

  async #batchGet(cells: string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let keys: Record<string, unknown>[] | undefined = cells.map((cell) => ({ cell }));
    // UnprocessedKeys come back under load; retry them with a short backoff rather than lose stores.
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt)));
      if (attempt > 6) throw Object.assign(new Error('BatchGetItem left keys unprocessed'), { name: 'ProvisionedThroughputExceededException' });
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys } } }));
      items.push(...(Responses?.[this.#table] ?? []));
      keys = UnprocessedKeys?.[this.#table]?.Keys;
    }
    return items;
  }

  /**
   * Writes whole cells, 25 to a request, replacing whatever they held: only for a read model known to be
   * empty, with each cell's every store (the demo's first start: 400 requests instead of 10,000 updates).
   */
  async fill(cells: readonly { readonly cell: string; readonly snapshots: readonly StoreSnapshot[] }[], progress?: (cellsWritten: number) => void): Promise<void> {
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < cells.length; i += WRITE_BATCH) {
      chunks.push(cells.slice(i, i + WRITE_BATCH).map(({ cell, snapshots }) => Object.fromEntries([['cell', cell], ...snapshots.map((s) => [attributeOf(s.code), s])])));
    }
    let written = 0;
    await boundedParallel(chunks, PARALLEL_WRITES, async (items) => {
      let requests: { PutRequest: { Item: Record<string, unknown> } }[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
        const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
        requests = UnprocessedItems?.[this.#table] as typeof requests;
      }
      progress?.((written += items.length));
    });
  }

  /** Writes the latest snapshot of each store and removes stores that left the cell, in one update. */
  async apply(cell: string, snapshots: readonly StoreSnapshot[], removed: readonly string[]): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = snapshots.map((snapshot, i) => {
      names[`#s${i}`] = attributeOf(snapshot.code);
      values[`:s${i}`] = snapshot;
      return `#s${i} = :s${i}`;
    });
    const removes = removed.map((code, i) => {
      names[`#r${i}`] = attributeOf(code);
      return `#r${i}`;
    });
    if (sets.length === 0 && removes.length === 0) return;
    await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { cell },
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
        ExpressionAttributeNames: names,
        ...(sets.length ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }
}
