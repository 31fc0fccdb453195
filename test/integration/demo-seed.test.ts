import { randomBytes } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cellOf } from '../../shared/geo/cell-cover.ts';
import { CELL_CACHE_MS } from '../../shared/masks/cell-cache.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoStores } from '../../infra/local/seed/demo-stores.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

const DEMO_STORES = 300;
const demo = generateDemoStores(DEMO_STORES);
// One set of tables for the file: handlers and repositories learn their table names once per process.
const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
let runtime: LocalRuntime | undefined;
afterAll(() => runtime?.stop());

/** The demo stores that a nearby lookup at the store's own door does not list. */
const missingFromNearby = async (system: LocalRuntime): Promise<string[]> => {
  const api = client(system.baseUrl);
  const missing: string[] = [];
  for (const store of demo) {
    const found = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=100&limit=500`);
    if (!(found.json.stores as { code: string }[]).some((s) => s.code === store.code)) missing.push(store.code);
  }
  return missing;
};

/** Every record in a table's stream, from its oldest. */
const streamRecords = async (system: LocalRuntime, table: string): Promise<number> => {
  const local = { endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const tables = new DynamoDBClient(local);
  const streams = new DynamoDBStreamsClient(local);
  try {
    const StreamArn = (await tables.send(new DescribeTableCommand({ TableName: system.tableNames.get(table) }))).Table?.LatestStreamArn;
    if (!StreamArn) throw new Error(`${table} has no stream`);
    let records = 0;
    for (const shard of (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription?.Shards ?? []) {
      let { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      while (ShardIterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
        records += page.Records?.length ?? 0;
        // An open shard's iterator never ends; an empty page means its end for now.
        ShardIterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
    return records;
  } finally {
    tables.destroy();
    streams.destroy();
  }
};

/**
 * Nearby's containers keep a cell for CELL_CACHE_MS, and this file's runtimes share one in-process
 * container across restarts: a lookup that must see a change made after the last one waits this out.
 */
const pastCellCache = () => new Promise((r) => setTimeout(r, CELL_CACHE_MS + 100));

const totalCount = async (system: LocalRuntime): Promise<number> =>
  (await client(system.baseUrl).get('/corona19-masks/v1/stores/json?page=1&perPage=500')).json.totalCount as number;

describe('the demo seed', () => {
  it('shows every demo store to nearby lookups as soon as the first start is ready, and later stock reports still reach them', async () => {
    runtime = await startTestRuntime({ demoStores: DEMO_STORES, tablePrefix });
    expect(await missingFromNearby(runtime)).toEqual([]);
    expect(await totalCount(runtime)).toBe(DEMO_STORES);
    // The seed placed the stores itself before the stores table had its stream: none of them to replay.
    // Only what later seeders wrote is on it: the regions marker and the store the demo's STORE_EMPTY alert empties.
    expect(await streamRecords(runtime, 'stores')).toBeLessThanOrEqual(2);

    const [key] = runtime.credentials.stores;
    const store = demo.find((s) => s.code === key?.code);
    if (!key || !store) throw new Error('the demo seeds store keys');
    const api = client(runtime.baseUrl);
    const reported = await api.put(`/v1/stores/${key.code}/stock`, { body: { remaining: 77, asOf: new Date().toISOString() }, bearer: key.apiKey });
    expect(reported.status).toBe(200);
    await runtime.streams.drained();
    // The nearby function may still hold the cell it read just above, for up to CELL_CACHE_MS.
    const remainingNearby = async () => {
      const near = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=100&limit=500`);
      return (near.json.stores as { code: string; remaining: number }[]).find((s) => s.code === key.code)?.remaining;
    };
    const deadline = Date.now() + 5_000;
    let seen = await remainingNearby();
    while (seen !== 77 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await remainingNearby();
    }
    expect(seen).toBe(77);
  }, 120_000);

  it('is the same after a restart on the same data: every store once, the same keys', async () => {
    if (!runtime) throw new Error('the first start runs first');
    const { dataDir, credentials } = runtime;
    await runtime.stop();
    runtime = await startTestRuntime({ demoStores: DEMO_STORES, tablePrefix, dataDir });
    expect(runtime.credentials.stores).toEqual(credentials.stores);
    expect(await totalCount(runtime)).toBe(DEMO_STORES);
    expect(await missingFromNearby(runtime)).toEqual([]);
  }, 120_000);

  it('rebuilds the nearby read model on a restart when the data directory holds one of an older layout', async () => {
    if (!runtime) throw new Error('the first start runs first');
    const { dataDir, dynamoEndpoint, tableNames } = runtime;
    // What a data directory from before the layout change holds: none of the cells lookups ask for, and
    // no layout marker (its geohash-6 cells are never read, so leaving them out changes nothing).
    const table = tableNames.get('store-cells');
    const cells = [...new Set(demo.map((store) => cellOf(store))), 'layout#'];
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    for (let i = 0; i < cells.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [table ?? '']: cells.slice(i, i + 25).map((cell) => ({ DeleteRequest: { Key: { cell } } })) } }));
    }
    db.destroy();
    await pastCellCache();
    expect((await missingFromNearby(runtime)).length).toBe(DEMO_STORES);

    await runtime.stop();
    runtime = await startTestRuntime({ demoStores: DEMO_STORES, tablePrefix, dataDir });
    // The empty cells just read, not the rebuilt ones, are what the nearby function still holds.
    await pastCellCache();
    expect(await missingFromNearby(runtime)).toEqual([]);
  }, 120_000);
});
