/**
 * Household registry imports through the real path: the import route, a PUT of the file at its upload
 * URL, the queue and the worker (5,000-row chunks, several at once), on DynamoDB Local in memory. Rows/s
 * of a first import (every household new) and of the same file again (every household an update),
 * against a baseline measured in the same run: the same household and resident items written raw, 100
 * to a transaction with two in flight (what the repository itself does locally), with no reading,
 * planning, chunk markers or counts. Each chunk's time is in the worker's log figures below.
 */
import { BatchWriteCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { boundedParallel } from '../shared/data/bounded-parallel.ts';
import { keyedHash } from '../shared/auth/keyed-hash.ts';
import { demoHouseholds, demoRegistryCsv } from '../infra/local/seed/relief-registry.ts';
import { publish, ratio, type Figure } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 20_000);
const progress = (text: string) => process.stderr.write(`  ${text}\n`);

const system = await startSystem({ seed: true, demoStores: 0 });
try {
  const admin = system.credentials.officials.find((o) => o.role === 'national-admin')?.token ?? '';
  const households = demoHouseholds('bench', HOUSEHOLDS);
  const file = demoRegistryCsv(households);
  const members = households.reduce((sum, h) => sum + h.members.length, 0);

  const importOnce = async (label: string): Promise<number> => {
    progress(`${label}: ${HOUSEHOLDS} households, ${members} residents, ${(file.length / 1e6).toFixed(1)} MB`);
    const began = performance.now();
    const started = await fetch(`${system.baseUrl}/v1/admin/households:import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv' }),
    });
    const { importId, uploadUrl, uploadHeaders } = (await started.json()) as { importId: string; uploadUrl: string; uploadHeaders: Record<string, string> };
    const put = await fetch(uploadUrl, { method: 'PUT', headers: uploadHeaders, body: file });
    if (put.status !== 200) throw new Error(`upload failed: ${put.status}`);
    await system.queues.drained();
    const seconds = (performance.now() - began) / 1000;
    const done = (await (await fetch(`${system.baseUrl}/v1/admin/households/imports/${importId}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { status: string; upserted: number };
    if (done.status !== 'done' || done.upserted !== HOUSEHOLDS || system.handlerErrors.count > 0) throw new Error(`import did not finish cleanly: ${JSON.stringify(done)} ${String(system.handlerErrors.first)}`);
    return HOUSEHOLDS / seconds;
  };

  const first = await importOnce('first import (all new)');
  const again = await importOnce('the same file again (all updates)');

  progress('baseline: the same items, raw transactions');
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const table = system.tableNames.get('relief-households') ?? '';
  const items = households.flatMap((h, i) => {
    const hashes = h.members.map((m) => keyedHash('bench', m));
    return [
      { pk: `household#BASE-${i}`, householdId: `BASE-${i}`, regionCode: h.regionCode, size: hashes.length, headHash: hashes[0], memberHashes: hashes, unclaimedShard: `U#${i % 16}` },
      ...hashes.map((hash, m) => ({ pk: `resident#base-${hash}`, householdId: `BASE-${i}`, isHead: m === 0 })),
    ];
  });
  const groups: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 100) groups.push(items.slice(i, i + 100));
  const began = performance.now();
  await boundedParallel(groups, 2, (group) => db.send(new TransactWriteCommand({ TransactItems: group.map((Item) => ({ Put: { TableName: table, Item } })) })));
  const baseline = HOUSEHOLDS / ((performance.now() - began) / 1000);

  progress('second baseline: the same items, raw BatchWriteItem, 8 in flight');
  const batchItems = items.map((item) => ({ ...item, pk: `${item.pk}-batch` }));
  const batches: (typeof items)[] = [];
  for (let i = 0; i < batchItems.length; i += 25) batches.push(batchItems.slice(i, i + 25));
  const batchBegan = performance.now();
  await boundedParallel(batches, 8, async (group) => {
    let requests: { PutRequest: { Item: Record<string, unknown> } }[] = group.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  });
  const batchBaseline = HOUSEHOLDS / ((performance.now() - batchBegan) / 1000);

  const figures: Figure[] = [
    { name: 'first import, households/s (upload → done)', value: first, unit: 'rows/s', better: 'higher' },
    { name: 'same file again, households/s (every row an update)', value: again, unit: 'rows/s', better: 'higher' },
    { name: 'baseline: raw transactional puts of the same items, households/s', value: baseline, unit: 'rows/s', better: 'higher' },
    { name: 'baseline: raw BatchWriteItem of the same items, households/s', value: batchBaseline, unit: 'rows/s', better: 'higher' },
    ratio('first import / baseline', first, baseline, 'higher'),
    ratio('update import / baseline', again, baseline, 'higher'),
  ];
  publish('relief-registry-import', figures);
} finally {
  await system.stop();
}
