import { BatchGetCommand, UpdateCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { StoreSnapshot } from '../masks/store.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** BatchGetItem's own limit. */
const BATCH = 100;
const attributeOf = (code: string): string => `s${code}`;

/**
 * The per-cell read model: one item per geohash cell holding every store in it with its stock, so a
 * nearby lookup is one BatchGetItem. Written only by the stores-table stream projection (and the
 * demo seeder, through the same projection).
 *
 * Each store is one attribute holding its snapshot as JSON text: a cell of 280 stores parses ~4×
 * faster than the SDK unmarshalls 280 nested maps of ten attributes (1.0 vs 3.8 ms measured), and a
 * store still changes with a plain SET, so concurrent stream batches never read the item first.
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
      for (const [name, value] of Object.entries(item)) if (name.startsWith('s')) stores.push(JSON.parse(value as string) as StoreSnapshot);
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

  /** Writes the latest snapshot of each store and removes stores that left the cell, in one update. */
  async apply(cell: string, snapshots: readonly StoreSnapshot[], removed: readonly string[]): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = snapshots.map((snapshot, i) => {
      names[`#s${i}`] = attributeOf(snapshot.code);
      values[`:s${i}`] = JSON.stringify(snapshot);
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
