import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { Alert } from '../../shared/alerts/alert.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let record: (alert: Alert) => Promise<void>;
let notificationsFile: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  notificationsFile = resolve(runtime.dataDir, 'notifications.jsonl');
  const { AlertsRepository } = await import('../../shared/data/alerts-repository.ts');
  const alerts = new AlertsRepository();
  record = (alert) => alerts.record(alert);
});
afterAll(() => runtime.stop());

/** What the local SNS published (its `publish` lines; deliveries to subscribers are tested elsewhere). */
const delivered = (): { topic: string; attributes: Record<string, string>; body: string }[] =>
  existsSync(notificationsFile)
    ? readFileSync(notificationsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((line) => line.type === 'publish')
    : [];

const alert = (alertId: string, createdAt = new Date().toISOString()): Alert => ({
  alertId,
  type: 'GEOFENCE_EXIT',
  severity: 'high',
  region: '11',
  officerId: 'officer-seoul-01',
  subject: { kind: 'case', id: 'c-2020-11-0042' },
  message: '자가격리 이탈: 14:03 자택 격리구역을 벗어났습니다.',
  createdAt,
});

describe('the alert outbox', () => {
  it('publishes a recorded alert to the alerts topic with the attributes officials filter on', async () => {
    await record(alert('a-1'));
    await runtime.streams.drained();
    const published = delivered().filter((n) => n.attributes.alertId === 'a-1');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ topic: 'alerts', attributes: { region: '11', officerId: 'officer-seoul-01', alertType: 'GEOFENCE_EXIT', severity: 'high' } });
    expect(published[0]?.body).toContain('자가격리 이탈');
  });

  it('records the same alert once however often it is written', async () => {
    await record(alert('a-2'));
    await record(alert('a-2'));
    await runtime.streams.drained();
    expect(delivered().filter((n) => n.attributes.alertId === 'a-2')).toHaveLength(1);
  });

  it('loses nothing while the notifier is down: the redrive sweep publishes it later', async () => {
    // A directory where the file should be: every publish fails, as if SNS were down.
    rmSync(notificationsFile, { force: true });
    mkdirSync(notificationsFile);
    await record(alert('a-3', new Date(Date.now() - 10 * 60_000).toISOString()));
    await runtime.streams.drained();
    const deadLetters = readFileSync(resolve(runtime.dataDir, 'dead-letters.jsonl'), 'utf8');
    expect(deadLetters).toContain('a-3');

    rmSync(notificationsFile, { recursive: true });
    expect(await runtime.scheduler.run('redrive-alerts')).toEqual({ published: 1, skipped: 0 });
    expect(delivered().map((n) => n.attributes.alertId)).toEqual(['a-3']);
    expect(await runtime.scheduler.run('redrive-alerts')).toEqual({ published: 0, skipped: 0 });
  });
});
