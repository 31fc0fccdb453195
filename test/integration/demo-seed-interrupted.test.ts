import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { manifest } from '../../infra/manifest/index.ts';
import { RUNTIME_ENV, tableEnv } from '../../infra/manifest/environment.ts';
import { localSnsFiles } from '../../infra/local/runtime.ts';
import { ensureTables } from '../../infra/local/tables.ts';
import { generateDemoStores } from '../../infra/local/seed/demo-stores.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

const DEMO_STORES = 200;
const WRITTEN_BEFORE_THE_STOP = 120;
const demo = generateDemoStores(DEMO_STORES);
const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
const dataDir = mkdtempSync(join(tmpdir(), 'crisis-test-'));
const endpoint = inject('dynamoEndpoint');
let runtime: LocalRuntime | undefined;
afterAll(() => runtime?.stop());

describe('a first start stopped while it seeded the stores', () => {
  it('is completed by the next start: the stores table gets its stream, and every store is placed for nearby', async () => {
    // What a first start leaves when it is stopped part-way through the stores: the stores table as it
    // was made for the seed (no stream yet), some stores, and no read model.
    const db = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTables(db, manifest.tables, tablePrefix, { streamLater: new Set(['stores']) });
    expect((await db.send(new DescribeTableCommand({ TableName: `${tablePrefix}stores` }))).Table?.StreamSpecification?.StreamEnabled).toBeFalsy();
    // The configuration is read once per process: set as the runtime will set it.
    Object.assign(process.env, {
      [RUNTIME_ENV]: 'local',
      DYNAMODB_ENDPOINT: endpoint,
      SECRETS_FILE: join(dataDir, 'secrets.json'),
      NOTIFICATIONS_FILE: localSnsFiles(dataDir).notifications,
      SNS_SUBSCRIPTIONS_FILE: localSnsFiles(dataDir).subscriptions,
      FAULTS_FILE: localSnsFiles(dataDir).faults,
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      [tableEnv('stores')]: `${tablePrefix}stores`,
    });
    const { StoresRepository } = await import('../../shared/data/stores-repository.ts');
    const asOf = '2020-03-09T00:00:00.000Z';
    await new StoresRepository().upsert(
      demo.slice(0, WRITTEN_BEFORE_THE_STOP).map(({ code, name, addr, type, lat, lng }) => ({ code, name, addr, type, lat, lng, initialStock: { remaining: 50, stockAt: asOf, asOf } })),
      new Date().toISOString(),
      { allNew: true },
    );

    runtime = await startTestRuntime({ demoStores: DEMO_STORES, tablePrefix, dataDir });
    const stores = (await db.send(new DescribeTableCommand({ TableName: `${tablePrefix}stores` }))).Table;
    db.destroy();
    expect(stores?.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    const declared = manifest.tables.find((table) => table.name === 'stores')?.indexes?.map((index) => index.name) ?? [];
    expect(stores?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([...declared].sort());

    const api = client(runtime.baseUrl);
    expect((await api.get('/corona19-masks/v1/stores/json?page=1&perPage=500')).json.totalCount).toBe(DEMO_STORES);
    const missing: string[] = [];
    for (const store of demo) {
      const found = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=100&limit=500`);
      if (!(found.json.stores as { code: string }[]).some((s) => s.code === store.code)) missing.push(store.code);
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
