import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { PENDING_SHARDS, REDRIVE_AFTER_MS, type Alert } from '../../shared/alerts/alert.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let record: (alert: Alert) => Promise<void>;

/** Who subscribes, and what each may see (principal.ts): the expectation is written from this, not from the policies. */
const officials = [
  { role: 'admin', region: '11', officerId: 'admin-11', endpoint: '+821055550011' },
  { role: 'officer', region: '11', officerId: 'officer-11-a', endpoint: '+821055550012' },
  { role: 'officer', region: '11', officerId: 'officer-11-b', endpoint: '+821055550013' },
  { role: 'admin', region: '27', officerId: 'admin-27', endpoint: '+821055550027' },
  { role: 'national-admin', region: '11', officerId: 'national-1', endpoint: '+821055550001' },
] as const;
const sees = (who: (typeof officials)[number], alert: Alert) =>
  who.role === 'national-admin' || (alert.region === who.region && (who.role === 'admin' || !alert.officerId || alert.officerId === who.officerId));

const lines = (): Record<string, unknown>[] => {
  const file = resolve(runtime.dataDir, 'notifications.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
};
const alertIdOf = (line: Record<string, unknown>) => (line.attributes as Record<string, string> | undefined)?.alertId;

/** An alert of the outage, cycling through regions and whose case it is. */
const outageAlert = (i: number, createdAt: string): Alert => ({
  alertId: `outage-${String(i).padStart(3, '0')}`,
  type: ['GEOFENCE_EXIT', 'SYMPTOMS', 'MISSED_CHECK_IN'][i % 3] as string,
  severity: (['info', 'high', 'critical'] as const)[i % 3] as Alert['severity'],
  region: ['11', '11', '27'][i % 3] as string,
  ...(i % 4 === 0 ? {} : { officerId: ['officer-11-a', 'officer-11-b', 'officer-27-a'][i % 3] as string }),
  subject: { kind: 'case', id: `c-${i}` },
  message: `경보 ${i}`,
  createdAt,
});

const faults = () => resolve(runtime.dataDir, 'faults.json');

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  const api = client(runtime.baseUrl);
  for (const who of officials) {
    const token = await runtime.issuer.sign({ role: who.role, region: who.region, officerId: who.officerId });
    const created = await api.post('/v1/officials/me/subscriptions', { bearer: token, body: { protocol: 'sms', endpoint: who.endpoint } });
    expect(created.status).toBe(201);
  }
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }));
  const { AlertsRepository } = await import('../../shared/data/alerts-repository.ts');
  const alerts = new AlertsRepository();
  record = (alert) => alerts.record(alert);
});
afterAll(async () => {
  documents?.destroy();
  await runtime.stop();
});

describe('alerts while SNS is down for five minutes', () => {
  it('are all delivered after recovery, to each matching subscriber once, and marked published once', async () => {
    const table = runtime.tableNames.get('alerts') as string;
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    // SNS goes down for five minutes of the clock.
    writeFileSync(faults(), JSON.stringify({ sns: { failUntil: at(5).toISOString() } }));

    // Alerts keep coming during the outage; the stream consumer tries each batch three times, then sets it aside.
    const raised = Array.from({ length: 24 }, (_, i) => outageAlert(i, new Date(start + i * 10_000).toISOString()));
    for (const alert of raised) await record(alert);
    await runtime.streams.drained();
    expect(lines().filter((l) => l.type === 'publish')).toEqual([]);
    expect(readFileSync(resolve(runtime.dataDir, 'dead-letters.jsonl'), 'utf8')).toContain('outage-000');

    // A sweep three minutes in finds the early alerts late enough to redrive, and SNS still refuses them.
    await expect(runtime.scheduler.run('redrive-alerts', at(3))).rejects.toThrow(/SNS is down/);
    expect(lines().filter((l) => l.type === 'publish')).toEqual([]);

    // Five minutes have passed for SNS: it answers again. Two sweeps (two containers) run at once, while the
    // stream consumer publishes alerts raised just now.
    writeFileSync(faults(), JSON.stringify({ sns: { failUntil: new Date(start - 1).toISOString() } }));
    const sweep = at(5 + REDRIVE_AFTER_MS / 60_000);
    const afterwards = Array.from({ length: 6 }, (_, i) => outageAlert(100 + i, sweep.toISOString()));
    const [first, second] = (await Promise.all([
      runtime.scheduler.run('redrive-alerts', sweep),
      runtime.scheduler.run('redrive-alerts', sweep),
      ...afterwards.map((alert) => record(alert)),
    ])) as { published: number; skipped: number }[];
    await runtime.streams.drained();
    expect((first?.published ?? 0) + (second?.published ?? 0)).toBe(raised.length);

    const everyAlert = [...raised, ...afterwards];
    const written = lines();
    for (const alert of everyAlert) {
      const mine = written.filter((l) => alertIdOf(l) === alert.alertId);
      expect(mine.filter((l) => l.type === 'publish'), alert.alertId).toHaveLength(1);
      const receivers = mine.filter((l) => l.type === 'delivery').map((l) => l.officerId as string).sort();
      expect(receivers, alert.alertId).toEqual(officials.filter((who) => sees(who, alert)).map((who) => who.officerId).sort());
    }

    // Marked published once each, none of the outage's before SNS came back; the pending index is empty.
    for (const alert of everyAlert) {
      const { Item } = await documents.send(new GetCommand({ TableName: table, Key: { pk: `alert#${alert.alertId}` }, ConsistentRead: true }));
      expect(Item?.publishedAt, alert.alertId).toEqual(expect.any(String));
      expect(Item?.pendingShard).toBeUndefined();
      expect(Item?.claimedUntil).toBeUndefined();
    }
    for (let shard = 0; shard < PENDING_SHARDS; shard++) {
      const { Count } = await documents.send(
        new QueryCommand({ TableName: table, IndexName: 'pending', KeyConditionExpression: 'pendingShard = :s', ExpressionAttributeValues: { ':s': `pending#${shard}` } }),
      );
      expect(Count).toBe(0);
    }
    expect(await runtime.scheduler.run('redrive-alerts', at(60))).toEqual({ published: 0, skipped: 0 });
    expect(lines()).toHaveLength(written.length);
  });
});
