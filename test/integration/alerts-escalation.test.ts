import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { AlertRecord } from '../../shared/alerts/alert.ts';
import type { RaiseInput } from '../../shared/alerts/raise-alert.ts';
import type { AuditEntry } from '../../shared/audit/audit-trail.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let raiseAt: (input: RaiseInput, at: Date) => Promise<AlertRecord>;
let get: (alertId: string) => Promise<AlertRecord | undefined>;
let auditDay: (region: string, day: string) => Promise<AuditEntry[]>;
let officer: string;
let admin: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  const [{ AlertRaiser }, { AlertsRepository }, { AuditRepository }] = await Promise.all([
    import('../../shared/alerts/raise-alert.ts'),
    import('../../shared/data/alerts-repository.ts'),
    import('../../shared/data/audit-repository.ts'),
  ]);
  const alerts = new AlertsRepository();
  raiseAt = async (input, at) => (await new AlertRaiser(alerts, { highDeadlineMinutes: 15 }, () => at).raise(input)).alert;
  get = (alertId) => alerts.get(alertId);
  const audit = new AuditRepository();
  auditDay = (region, day) => audit.day(region, day);
  officer = await runtime.issuer.sign({ role: 'officer', region: '30', officerId: 'officer-daejeon-01' });
  admin = await runtime.issuer.sign({ role: 'admin', region: '30', officerId: 'admin-daejeon-01' });
});
afterAll(() => runtime?.stop());

const created = Date.parse('2020-03-09T05:00:00Z');
const at = (minutesAfter: number) => new Date(created + minutesAfter * 60_000);
/** The sweep as EventBridge would run it at that time: the event's time is its clock. */
const sweepAt = (time: Date) => runtime.functions.invoke('escalate-alerts', scheduledEvent('escalate-alerts', time)) as Promise<{ escalated: number }>;

const high = (caseId: string): RaiseInput => ({
  type: 'GEOFENCE_EXIT',
  severity: 'high',
  region: '30',
  officerId: 'officer-daejeon-01',
  subject: { kind: 'case', id: caseId },
  message: '자가격리 이탈: 자택 격리구역을 벗어났습니다.',
});

const published = (): { attributes: Record<string, string> }[] => {
  const file = resolve(runtime.dataDir, 'notifications.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
};

describe('escalation of unanswered high alerts', () => {
  it('leaves a high alert alone before its 15 minutes, then escalates it once to the region’s admins as critical', async () => {
    const original = await raiseAt(high('esc-1'), at(0));
    expect(original.deadlineAt).toBe(at(15).toISOString());

    expect(await sweepAt(at(14))).toEqual({ escalated: 0 });
    expect((await get(original.alertId))?.escalatedAt).toBeUndefined();

    expect(await sweepAt(at(15.5))).toEqual({ escalated: 1 });
    const after = await get(original.alertId);
    expect(after).toMatchObject({ state: 'open', escalatedAt: at(15.5).toISOString() });
    const escalation = await get(after?.escalatedTo ?? '');
    expect(escalation).toMatchObject({ type: 'ESCALATED', severity: 'critical', region: '30', escalationOf: original.alertId, subject: original.subject, state: 'open' });
    expect(escalation?.officerId).toBeUndefined();

    expect(await sweepAt(at(16.5))).toEqual({ escalated: 0 });
    expect(await sweepAt(at(60))).toEqual({ escalated: 0 });

    await runtime.streams.drained();
    const critical = published().filter((n) => n.attributes.alertId === escalation?.alertId);
    expect(critical).toEqual([expect.objectContaining({ attributes: expect.objectContaining({ alertType: 'ESCALATED', severity: 'critical', region: '30' }) })]);
  });

  it('does not escalate an alert acknowledged in time', async () => {
    const original = await raiseAt(high('esc-2'), at(0));
    const ack = await api.post(`/v1/alerts/${original.alertId}:acknowledge`, { bearer: officer, body: {} });
    expect(ack.status).toBe(200);
    expect(await sweepAt(at(20))).toEqual({ escalated: 0 });
    expect((await get(original.alertId))?.escalatedAt).toBeUndefined();
  });

  it('writes each escalation to the audit trail as the sweep’s action', async () => {
    const original = await raiseAt(high('esc-3'), at(100));
    expect(await sweepAt(at(116))).toEqual({ escalated: 1 });
    const { koreanDayOf } = await import('../../shared/audit/audit-trail.ts');
    const lines = (await auditDay('30', koreanDayOf(at(116).toISOString()))).filter((e) => e.subject.id === original.alertId);
    expect(lines).toEqual([
      expect.objectContaining({ action: 'alert.escalate', actor: { kind: 'system', name: 'escalate-alerts' }, region: '30', subject: { kind: 'alert', id: original.alertId } }),
    ]);
  });

  it('lets an admin, not an officer, answer the escalation', async () => {
    const original = await raiseAt(high('esc-4'), at(200));
    await sweepAt(at(216));
    const escalationId = (await get(original.alertId))?.escalatedTo ?? '';
    expect((await api.post(`/v1/alerts/${escalationId}:acknowledge`, { bearer: officer, body: {} })).status).toBe(403);
    const answered = await api.post(`/v1/alerts/${escalationId}:resolve`, { bearer: admin, body: { note: '담당관 연락 완료' } });
    expect(answered.status).toBe(200);
    expect(answered.json.state).toBe('resolved');
  });

  it('counts a second unanswered alert about the same subject on the escalation still open', async () => {
    const first = await raiseAt({ ...high('esc-5'), type: 'MISSED_CHECK_IN' }, at(300));
    const second = await raiseAt({ ...high('esc-5'), type: 'GEOFENCE_EXIT' }, at(301));
    expect(await sweepAt(at(320))).toEqual({ escalated: 2 });
    const [a, b] = await Promise.all([get(first.alertId), get(second.alertId)]);
    expect(a?.escalatedTo).toBe(b?.escalatedTo);
    expect((await get(a?.escalatedTo ?? ''))?.count).toBe(2);
  });
});
