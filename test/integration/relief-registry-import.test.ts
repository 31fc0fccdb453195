import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { newSchemeResidentNumberFor, residentNumberFor } from '../../shared/people/resident-number.ts';
import { residentKey } from '../../shared/relief/resident-key.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let admin: string;
let regional: string;
let db: DynamoDBDocumentClient;
let pepper: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: true, demoStores: 0 });
  api = client(runtime.baseUrl);
  admin = runtime.credentials.officials.find((o) => o.role === 'national-admin')?.token ?? '';
  regional = runtime.credentials.officials.find((o) => o.role !== 'national-admin')?.token ?? '';
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  pepper = (JSON.parse(readFileSync(join(runtime.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>)['id-pepper'] ?? '';
});
afterAll(() => runtime.stop());

const households = () => runtime.tableNames.get('relief-households') ?? '';
const item = async (pk: string) => (await db.send(new GetCommand({ TableName: households(), Key: { pk }, ConsistentRead: true }))).Item;
const regionCount = async (code: string) => ((await item(`region#${code}`))?.households as number | undefined) ?? 0;
const digits = (n: string) => n.replace('-', '');

const person = (i: number) => residentNumberFor({ year: 1960 + (i % 40), month: 1 + (i % 12), day: 1 + (i % 28) }, 1000 + i);
const newScheme = (i: number) => newSchemeResidentNumberFor({ year: 2021, month: 3, day: 1 + (i % 28) }, 424242 + i);

/** Asks for an upload URL, puts the file there as a browser would, and waits for the queue to finish. */
const importFile = async (body: string, format: 'csv' | 'json' = 'csv', importId?: string) => {
  const started = await api.post('/v1/admin/households:import', { bearer: admin, body: { format, ...(importId ? { importId } : {}) } });
  expect(started.status).toBe(201);
  const put = await fetch(started.json.uploadUrl, { method: 'PUT', headers: started.json.uploadHeaders, body });
  expect(put.status).toBe(200);
  await runtime.queues.drained();
  return (await api.get(`/v1/admin/households/imports/${started.json.importId}`, { bearer: admin })).json;
};

const csv = (rows: string[]) => ['householdId,headResidentId,memberResidentIds,regionCode', ...rows].join('\n') + '\n';

describe('household registry imports', () => {
  it('imports good rows, reports bad ones by row and field without the number, and keeps only hashes', async () => {
    const head = person(1);
    const progress = await importFile(
      csv([
        `H-0001,${head},${person(2)};${newScheme(3)},11`,
        `H-0002,${newScheme(4)},,26`,
        `H-0003,123456-7890123,,11`,
        `H-0004,${person(5)},,99`,
      ]),
    );
    expect(progress).toMatchObject({ status: 'done', rowsRead: 4, upserted: 2, rejected: 2, chunks: { total: 1, done: 1 } });
    expect(progress.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'headResidentId'],
      [4, 'regionCode'],
    ]);
    expect(JSON.stringify(progress)).not.toContain('7890123');

    const household = await item('household#H-0001');
    expect(household).toMatchObject({ regionCode: '11', size: 3, headHash: residentKey(pepper, digits(head)) });
    expect(household?.unclaimedShard).toMatch(/^U#\d+$/);
    expect(JSON.stringify(household)).not.toContain(digits(head));
    expect(await item(`resident#${residentKey(pepper, digits(head))}`)).toMatchObject({ householdId: 'H-0001', isHead: true });
    expect(await item(`resident#${residentKey(pepper, digits(newScheme(3)))}`)).toMatchObject({ householdId: 'H-0001', isHead: false });
  });

  it('upserts by household id: a move shifts the region counts, a member who left loses their entry', async () => {
    const before = { seoul: await regionCount('11'), busan: await regionCount('26'), daegu: await regionCount('27') };
    await importFile(csv([`H-0100,${person(100)},${person(101)},11`, `H-0101,${person(102)},,11`]));
    expect(await regionCount('11')).toBe(before.seoul + 2);

    const progress = await importFile(JSON.stringify({ householdId: 'H-0100', headResidentId: person(100), memberResidentIds: [], regionCode: '27' }) + '\n', 'json');
    expect(progress).toMatchObject({ status: 'done', upserted: 1 });
    expect(await regionCount('11')).toBe(before.seoul + 1);
    expect(await regionCount('27')).toBe(before.daegu + 1);
    expect(await regionCount('26')).toBe(before.busan);
    expect(await item(`resident#${residentKey(pepper, digits(person(101)))}`)).toBeUndefined();
    expect(await item('household#H-0100')).toMatchObject({ regionCode: '27', size: 1 });
  });

  it('never puts a granted household back among the unclaimed, and keeps its grant', async () => {
    await importFile(csv([`H-0200,${person(200)},,41`]));
    await db.send(new UpdateCommand({ TableName: households(), Key: { pk: 'household#H-0200' }, UpdateExpression: 'SET grantId = :g REMOVE unclaimedShard', ExpressionAttributeValues: { ':g': 'g-1' } }));
    await importFile(csv([`H-0200,${person(200)},${person(201)},41`]));
    const household = await item('household#H-0200');
    expect(household).toMatchObject({ grantId: 'g-1', size: 2 });
    expect(household?.unclaimedShard).toBeUndefined();
  });

  it('a chunk delivered again changes nothing twice', async () => {
    const seoul = await regionCount('11');
    const started = await api.post('/v1/admin/households:import', { bearer: admin, body: { format: 'csv' } });
    const file = csv([`H-0300,${person(300)},,11`]);
    await fetch(started.json.uploadUrl, { method: 'PUT', headers: started.json.uploadHeaders, body: file });
    await runtime.queues.drained();
    const start = file.indexOf('\n') + 1;
    const chunk = { kind: 'chunk', importId: started.json.importId, importKind: 'households', format: 'csv', uploadKey: `households/${started.json.importId}.csv`, chunk: 0, start, end: file.length, firstRow: 1, header: ['householdId', 'headResidentId', 'memberResidentIds', 'regionCode'] };
    runtime.queues.send('registry-imports', [JSON.stringify(chunk), JSON.stringify(chunk)]);
    await runtime.queues.drained();
    expect(await regionCount('11')).toBe(seoul + 1);
    const progress = (await api.get(`/v1/admin/households/imports/${started.json.importId}`, { bearer: admin })).json;
    expect(progress).toMatchObject({ rowsRead: 1, upserted: 1, chunks: { total: 1, done: 1 } });
  });

  it('splits a file into chunks and takes an upload far beyond the gateway’s 10 MB', async () => {
    const rows = Array.from({ length: 5_003 }, (_, i) => `HB-${i},${person(10_000 + i)},,${i % 2 ? '43' : '44'}`);
    const padding = ' '.repeat(11 * 1024 * 1024);
    const progress = await importFile(csv(rows) + padding + '\n');
    expect(progress).toMatchObject({ status: 'done', rowsRead: 5_003, upserted: 5_003, rejected: 0, chunks: { total: 2, done: 2 } });
  }, 120_000);

  it('answers a repeated request with its first answer and another one under the same id with 409', async () => {
    const importId = 'repeat-0001';
    const first = await api.post('/v1/admin/households:import', { bearer: admin, body: { importId, format: 'csv' } });
    const again = await api.post('/v1/admin/households:import', { bearer: admin, body: { importId, format: 'csv' } });
    const other = await api.post('/v1/admin/households:import', { bearer: admin, body: { importId, format: 'json' } });
    expect([first.status, again.status, other.status]).toEqual([201, 200, 409]);
    expect(again.json).toMatchObject({ importId, expiresAt: first.json.expiresAt });
    expect(other.json.type).toContain('idempotency-key-reused');
  });

  it('takes one file per import: a second upload is refused and the first kept', async () => {
    const started = await api.post('/v1/admin/households:import', { bearer: admin, body: { format: 'csv' } });
    const first = await fetch(started.json.uploadUrl, { method: 'PUT', headers: started.json.uploadHeaders, body: csv([`H-0400,${person(400)},,30`]) });
    const second = await fetch(started.json.uploadUrl, { method: 'PUT', headers: started.json.uploadHeaders, body: csv([`H-0400,${person(400)},,31`]) });
    expect([first.status, second.status]).toEqual([200, 412]);
    await runtime.queues.drained();
    expect(await item('household#H-0400')).toMatchObject({ regionCode: '30' });
  });

  it('refuses a tampered upload URL and anyone but a national administrator', async () => {
    const started = await api.post('/v1/admin/households:import', { bearer: admin, body: { format: 'csv' } });
    const tampered = started.json.uploadUrl.replace(/signature=[^&]+/, 'signature=AAAA');
    expect((await fetch(tampered, { method: 'PUT', body: 'x' })).status).toBe(403);
    expect((await api.post('/v1/admin/households:import', { bearer: regional, body: { format: 'csv' } })).status).toBe(403);
    expect((await api.post('/v1/admin/households:import', { bearer: admin, body: { format: 'xml' } })).status).toBe(400);
  });

  it('fails an import whose CSV lacks the columns, saying which', async () => {
    const progress = await importFile('id,head\nH-1,x\n');
    expect(progress).toMatchObject({ status: 'failed' });
    expect(progress.failure).toContain('householdId');
  });
});
