import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, PutCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { StoreSnapshot } from '../masks/store.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';
import { putAllNew } from './put-all-new.ts';

/** BatchGetItem's own limit. */
const BATCH = 100;
/**
 * Concurrent projections of one cell (stream shards processed at once) retry on the version, after a
 * random pause so they do not collide again; past this, the stream batch fails and is retried whole.
 */
const WRITE_ATTEMPTS = 10;

interface CellItem {
  readonly cell: string;
  /** Every store of the cell as one JSON array of snapshots, gzipped. */
  readonly stores: Uint8Array;
  /** Bumped on each write, so two writers of one cell cannot lose each other's stores. */
  readonly v: number;
}

/**
 * Names the layout of the cells (precision, packing). A read model written in another layout holds
 * cells no lookup asks for, so it is rebuilt rather than trusted; the marker is not a geohash, so no
 * cover ever reads it.
 */
const LAYOUT = { cell: 'layout#', name: 'geohash5-gzip-json' } as const;

const unpack = (item: CellItem): StoreSnapshot[] => JSON.parse(gunzipSync(item.stores).toString('utf8')) as StoreSnapshot[];

/**
 * The per-cell read model: one item per geohash cell holding every store in it with its stock, so a
 * nearby lookup is one BatchGetItem. Written only by the stores-table stream projection (and the
 * demo seeder, through the same projection).
 *
 * The stores of a cell are packed in one attribute: their JSON, gzipped. DynamoDB Local's cost of
 * serving an item grows with its attribute count and its bytes: one attribute served a 1 km lookup
 * ~2.5× faster than one per store, and parses ~4× faster than the SDK unmarshalls hundreds of nested
 * maps; gzip makes the densest Seoul cell (283 stores) 8.5 KB instead of 82 KB, for ~0.5 ms to unpack.
 * On AWS reads and writes are billed per 4 KB and 1 KB of the whole item, so that is ~10× cheaper too.
 * The price is a read before each write; the projection writes each cell once per stream batch.
 */
export class StoreCellsRepository {
  readonly #table = config.tableName('store-cells');
  /**
   * The last stores unpacked for each cell, with the bytes they came from. A cell read again (the
   * per-container cache reads a busy one every ~half second) is mostly unchanged: the same bytes
   * give the same stores without gunzip and JSON.parse, which cost more than the read's share of the call.
   */
  readonly #unpacked = new Map<string, { readonly bytes: Uint8Array; readonly stores: readonly StoreSnapshot[] }>();

  async read(cells: readonly string[]): Promise<{ stores: StoreSnapshot[]; itemsRead: number }> {
    const chunks: string[][] = [];
    for (let i = 0; i < cells.length; i += BATCH) chunks.push(cells.slice(i, i + BATCH));
    const results = await Promise.all(chunks.map((chunk) => this.#batchGet(chunk)));
    const items = results.flat();
    const stores: StoreSnapshot[] = [];
    for (const item of items) for (const store of this.#unpackOnce(item)) stores.push(store);
    return { stores, itemsRead: items.length };
  }

  #unpackOnce(item: CellItem): readonly StoreSnapshot[] {
    const last = this.#unpacked.get(item.cell);
    if (last && Buffer.compare(last.bytes, item.stores) === 0) return last.stores;
    const stores = unpack(item);
    // Every cell of Korea holds ~25,000 stores in all: a few MB at most, for the container's lifetime.
    // A copy: the SDK's bytes may be a view of a larger buffer that would otherwise be kept alive.
    this.#unpacked.set(item.cell, { bytes: Uint8Array.from(item.stores), stores });
    return stores;
  }

  async #batchGet(cells: string[]): Promise<CellItem[]> {
    const items: CellItem[] = [];
    let keys: Record<string, unknown>[] | undefined = cells.map((cell) => ({ cell }));
    // UnprocessedKeys come back under load; retry them with a short backoff rather than lose stores.
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt)));
      if (attempt > 6) throw Object.assign(new Error('BatchGetItem left keys unprocessed'), { name: 'ProvisionedThroughputExceededException' });
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys } } }));
      items.push(...((Responses?.[this.#table] ?? []) as CellItem[]));
      keys = UnprocessedKeys?.[this.#table]?.Keys;
    }
    return items;
  }

  /** Whether the read model was filled in this layout (false for an empty one, or one from before it). */
  async hasCurrentLayout(): Promise<boolean> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { cell: LAYOUT.cell }, ConsistentRead: true }));
    return Item?.layout === LAYOUT.name;
  }

  /** Recorded once every store has been placed in this layout. */
  async markCurrentLayout(): Promise<void> {
    await dynamo.send(new PutCommand({ TableName: this.#table, Item: { cell: LAYOUT.cell, layout: LAYOUT.name } }));
  }

  /**
   * Writes whole cells, replacing whatever they held: only for a read model that holds none of these
   * cells, with each cell's every store (the demo's first start, or a rebuild in a new layout, locally).
   */
  async fill(cells: readonly { readonly cell: string; readonly snapshots: readonly StoreSnapshot[] }[], progress?: (cellsWritten: number) => void): Promise<void> {
    await putAllNew(this.#table, cells.map(({ cell, snapshots }): CellItem => ({ cell, stores: gzipSync(JSON.stringify(snapshots)), v: 1 })), progress);
  }

  /** Writes the latest snapshot of each store and removes stores that left the cell, in one write. */
  async apply(cell: string, snapshots: readonly StoreSnapshot[], removed: readonly string[]): Promise<void> {
    if (snapshots.length === 0 && removed.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { cell }, ConsistentRead: true }));
      const current = Item as CellItem | undefined;
      const stores = new Map((current ? unpack(current) : []).map((s) => [s.code, s]));
      for (const code of removed) stores.delete(code);
      for (const snapshot of snapshots) stores.set(snapshot.code, snapshot);
      try {
        await dynamo.send(
          new PutCommand({
            TableName: this.#table,
            Item: { cell, stores: gzipSync(JSON.stringify([...stores.values()])), v: (current?.v ?? 0) + 1 } satisfies CellItem,
            ConditionExpression: current ? 'v = :v' : 'attribute_not_exists(cell)',
            ...(current ? { ExpressionAttributeValues: { ':v': current.v } } : {}),
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= WRITE_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * 2 ** attempt)));
      }
    }
  }
}
