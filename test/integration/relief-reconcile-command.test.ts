import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocalTool, startLocalCommand, type StartedSystem } from '../setup/cli.ts';

/** `npm run relief:reconcile` next to a running `npm start`, as an operator would run it at the end of a day. */
let dataDir: string;
let system: StartedSystem;
let dynamo: DynamoDBDocumentClient;

const DAY = '2020-05-14';
const reconcile = (args: string[]) => runLocalTool('infra/local/relief-reconcile.ts', args, { DATA_DIR: dataDir });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crisis-reconcile-'));
  system = await startLocalCommand(['--port', '0', '--in-memory', '--data-dir', dataDir]);
  const { dynamoEndpoint } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { dynamoEndpoint: string };
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  // 120 spends of 7,350 won and 5 reversals of 2,000 for "hana", over 16 shards, as the ledger writes them.
  const transfers = [
    ...Array.from({ length: 120 }, (_, i) => ({ id: `a${i}`, kind: 'spend', amount: 7_350 })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, kind: 'reversal', amount: 2_000 })),
  ].map((t, i) => ({
    pk: `transfer#${t.id}`,
    sk: 'transfer',
    transferId: t.id,
    kind: t.kind,
    amount: t.amount,
    grantId: `g_${i % 9}`,
    partnerId: 'hana',
    at: new Date(Date.parse(`${DAY}T00:00:00+09:00`) + i * 60_000).toISOString(),
    partnerDay: `hana#${DAY}`,
  }));
  const shards = Array.from({ length: 16 }, (_, n) => {
    const mine = transfers.filter((_, i) => i % 16 === n);
    const of = (kind: string) => mine.filter((t) => t.kind === kind);
    return {
      pk: `settlement#hana#${DAY}`,
      sk: `shard#${n}`,
      approved: of('spend').reduce((s, t) => s + t.amount, 0),
      approvedCount: of('spend').length,
      reversed: of('reversal').reduce((s, t) => s + t.amount, 0),
      reversedCount: of('reversal').length,
      lateReversed: 0,
      lateReversedCount: 0,
    };
  });
  const items = [...transfers, ...shards];
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(new BatchWriteCommand({ RequestItems: { 'relief-ledger': items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}, 120_000);
afterAll(() => system?.stop());

describe('npm run relief:reconcile', () => {
  it('passes a day whose 16 shards match its 125 transfers to the won and the count, and exits 0', () => {
    const consistent = reconcile(['--date', DAY, '--partner', 'hana']);
    expect(consistent.status, consistent.stderr).toBe(0);
    expect(consistent.stdout).toMatch(new RegExp(`${DAY}\\s+hana\\s+882,000\\s+120\\s+10,000\\s+5\\s+0\\s+0\\s+872,000\\s+ok`));
    expect(consistent.stdout).toContain('1 settlements reconcile with the ledger');
  });

  it('names the figure and the won of a shard changed by one won, and exits 1', async () => {
    await dynamo.send(
      new UpdateCommand({ TableName: 'relief-ledger', Key: { pk: `settlement#hana#${DAY}`, sk: 'shard#7' }, UpdateExpression: 'ADD approved :one', ExpressionAttributeValues: { ':one': 1 } }),
    );
    const tampered = reconcile(['--from', '2020-05-13', '--to', DAY, '--partner', 'hana']);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('MISMATCH');
    expect(tampered.stdout).toContain(`${DAY} hana: approvedWon is 882,001 in the settlement shards but 882,000 in the transfers (1)`);
    expect(tampered.stdout).toMatch(/2020-05-13\s+hana\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+ok/);
    expect(tampered.stdout).toContain('1 of 2 settlements do not reconcile with the ledger');
  });

  it('refuses a malformed day with exit 2', () => {
    expect(reconcile(['--date', '14/05/2020', '--partner', 'hana']).status).toBe(2);
  });
});
