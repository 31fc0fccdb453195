/**
 * The nearby read model as it was before geohash-5 cells, rebuilt in the bench's own table so the
 * masks bench can measure it in the same run as today's: one item per geohash-6 cell, each store a
 * nested map of its snapshot (what the SDK unmarshalls attribute by attribute). Geohash-6 keys are
 * one character longer than the geohash-5 ones, so both models share the store-cells table without
 * touching. Not kept up to date by the stream: it serves only the load runs made before any write.
 */
import { BatchGetCommand, BatchWriteCommand, type BatchGetCommandOutput, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cellOf } from '../shared/geo/cell-cover.ts';
import type { CellReader } from '../shared/masks/nearby.ts';
import type { StoreSnapshot } from '../shared/masks/store.ts';

export const BASELINE_PRECISION = 6;

const snapshotFields = ['code', 'name', 'addr', 'type', 'lat', 'lng', 'remaining', 'onBreak', 'stockAt', 'updatedAt', 'createdAt'] as const;

const snapshotOf = (row: Record<string, unknown>): StoreSnapshot =>
  Object.fromEntries(snapshotFields.filter((f) => row[f] !== undefined).map((f) => [f, row[f]])) as unknown as StoreSnapshot;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes one geohash-6 item per cell holding the stores' rows from the stores table. */
export const writeGeohash6Model = async (client: DynamoDBDocumentClient, table: string, rows: readonly Record<string, unknown>[]): Promise<number> => {
  const byCell = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const snapshot = snapshotOf(row);
    const cell = cellOf(snapshot, BASELINE_PRECISION);
    const item = byCell.get(cell) ?? byCell.set(cell, { cell }).get(cell);
    if (item) item[`s${snapshot.code}`] = snapshot;
  }
  const items = [...byCell.values()];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const lanes = Array.from({ length: 8 }, async (_, lane) => {
    for (let b = lane; b < batches.length; b += 8) {
      let requests = (batches[b] ?? []).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(200, 10 * 2 ** attempt));
        const { UnprocessedItems }: BatchWriteCommandOutput = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  });
  await Promise.all(lanes);
  return items.length;
};

/** The reader the nearby handler had: a BatchGetItem of the geohash-6 cells, nested maps unmarshalled. */
export const geohash6Reader = (client: DynamoDBDocumentClient, table: string): CellReader => {
  const batchGet = async (cells: readonly string[]): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let keys: Record<string, unknown>[] | undefined = cells.map((cell) => ({ cell }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(200, 10 * 2 ** attempt));
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
      items.push(...(Responses?.[table] ?? []));
      keys = UnprocessedKeys?.[table]?.Keys;
    }
    return items;
  };
  return {
    precision: BASELINE_PRECISION,
    async read(cells) {
      const chunks: string[][] = [];
      for (let i = 0; i < cells.length; i += 100) chunks.push(cells.slice(i, i + 100));
      const items = (await Promise.all(chunks.map(batchGet))).flat();
      const stores: StoreSnapshot[] = [];
      for (const item of items) for (const [name, value] of Object.entries(item)) if (name.startsWith('s')) stores.push(value as StoreSnapshot);
      return { stores, itemsRead: items.length };
    },
  };
};
