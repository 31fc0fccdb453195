import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { Alert } from '../../shared/alerts/alert.ts';
import { koreanDayOf } from '../../shared/audit/audit-trail.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let tokens: Record<'officer1' | 'officer2' | 'admin11' | 'admin27' | 'national', string>;
let record: (alert: Alert) => Promise<void>;

const lines = (): Record<string, unknown>[] => {
  const file = resolve(runtime.dataDir, 'notifications.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
};
const snsSubscriptions = (): { owner: { subscriptionId: string } }[] =>
  JSON.parse(readFileSync(resolve(runtime.dataDir, 'sns-subscriptions.json'), 'utf8')).subscriptions;
const mine = async (token: string) => (await api.get('/v1/officials/me/subscriptions', { bearer: token })).json.items as { subscriptionId: string; status: string }[];
const subscribe = (token: string, body: unknown) => api.post('/v1/officials/me/subscriptions', { bearer: token, body });
const remove = (token: string, id: string) => fetch(`${runtime.baseUrl}/v1/officials/me/subscriptions/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  // No demo subscriptions here: each test makes the ones it reads.
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  const sign = (role: 'officer' | 'admin' | 'national-admin', region: string, officerId: string) => runtime.issuer.sign({ role, region, officerId });
  tokens = {
    officer1: await sign('officer', '11', 'officer-11-a'),
    officer2: await sign('officer', '11', 'officer-11-b'),
    admin11: await sign('admin', '11', 'admin-11'),
    admin27: await sign('admin', '27', 'admin-27'),
    national: await sign('national-admin', '11', 'national-1'),
  };
  const { AlertsRepository } = await import('../../shared/data/alerts-repository.ts');
  const alerts = new AlertsRepository();
  record = (alert) => alerts.record(alert);
});
afterAll(() => runtime.stop());

describe('an official’s alert subscriptions', () => {
  it('keeps an e-mail subscription pending until the mailed link is followed, then lists it confirmed', async () => {
    const created = await subscribe(tokens.officer1, { protocol: 'email', endpoint: 'officer.a@example.org', filter: { severity: ['high', 'critical'] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ protocol: 'email', endpoint: 'officer.a@example.org', filter: { severity: ['high', 'critical'] }, status: 'pending-confirmation' });
    expect(created.headers.get('cache-control')).toBe('private, no-store');

    const mail = lines().find((l) => l.type === 'subscription-confirmation' && l.subscriptionId === created.json.subscriptionId);
    expect(mail).toMatchObject({ officerId: 'officer-11-a', endpoint: 'o***@example.org' });
    const page = await fetch(`${runtime.baseUrl}${String(mail?.confirmUrl)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('구독이 확인되었습니다');
    expect((await fetch(`${runtime.baseUrl}/local/sns/confirm?token=nope`)).status).toBe(404);

    expect(await mine(tokens.officer1)).toMatchObject([{ subscriptionId: created.json.subscriptionId, status: 'confirmed' }]);
  });

  it('confirms an SMS subscription at once, as SNS does', async () => {
    const created = await subscribe(tokens.admin27, { protocol: 'sms', endpoint: '+821055550027' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'confirmed', filter: {} });
  });

  it('delivers an alert exactly to the subscribers whose policy matches it, as SNS would', async () => {
    const admin11 = await subscribe(tokens.admin11, { protocol: 'sms', endpoint: '+821055550011' });
    const officer2 = await subscribe(tokens.officer2, { protocol: 'sms', endpoint: '+821055550012', filter: { alertType: ['GEOFENCE_EXIT'] } });
    const national = await subscribe(tokens.national, { protocol: 'sms', endpoint: '+821055550001', filter: { region: ['27'], severity: ['critical'] } });
    for (const created of [admin11, officer2, national]) expect(created.status).toBe(201);
    const raise = async (alertId: string, fields: Partial<Alert>) => {
      await record({ alertId, type: 'GEOFENCE_EXIT', severity: 'high', region: '11', subject: { kind: 'case', id: 'c-1' }, message: '격리구역 이탈', createdAt: new Date().toISOString(), ...fields });
    };
    await raise('own-case', { officerId: 'officer-11-a' });
    await raise('other-case', { officerId: 'officer-11-b' });
    await raise('district', { type: 'STORE_EMPTY', severity: 'info', subject: { kind: 'district', id: '11680' } });
    await raise('daegu-critical', { region: '27', severity: 'critical', officerId: 'officer-27-a' });
    await runtime.streams.drained();

    const receivers = (alertId: string) =>
      lines()
        .filter((l) => l.type === 'delivery' && (l.attributes as Record<string, string>).alertId === alertId)
        .map((l) => l.officerId)
        .sort();
    // officer-11-a's e-mail (high, critical) from the first test, confirmed: their own case only.
    expect(receivers('own-case')).toEqual(['admin-11', 'officer-11-a']);
    expect(receivers('other-case')).toEqual(['admin-11', 'officer-11-b']);
    // Nobody's case and `info`: the admin; officer-11-b asked for GEOFENCE_EXIT only; officer-11-a for high and up.
    expect(receivers('district')).toEqual(['admin-11']);
    expect(receivers('daegu-critical')).toEqual(['admin-27', 'national-1']);
  });

  it('refuses an endpoint that is not one, naming the field, and subscribes nothing', async () => {
    const before = snsSubscriptions().length;
    const refused = await subscribe(tokens.officer2, { protocol: 'sms', endpoint: '010-1234-5678' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json.errors).toEqual([{ field: 'body.endpoint', message: 'a phone number in E.164 form such as +821012345678' }]);
    const mail = await subscribe(tokens.officer2, { protocol: 'email', endpoint: 'not-an-address' });
    expect(mail.json.errors).toEqual([{ field: 'body.endpoint', message: 'an e-mail address such as officer@example.org' }]);
    expect(snsSubscriptions()).toHaveLength(before);
  });

  it('never lets an officer or region admin subscribe to another region', async () => {
    const before = (await mine(tokens.officer2)).length;
    const refused = await subscribe(tokens.officer2, { protocol: 'sms', endpoint: '+821055550013', filter: { region: ['27'] } });
    expect(refused.status).toBe(403);
    expect(refused.json.errors).toEqual([{ field: 'body.filter.region', message: 'region 27 is outside your region' }]);
    expect(await mine(tokens.officer2)).toHaveLength(before);
  });

  it('refuses a filter SNS would refuse (over 150 combinations), saying how many types fit (officer: 2 × 3 × 26 = 156)', async () => {
    const alertType = Array.from({ length: 26 }, (_, i) => `TYPE_${String.fromCharCode(65 + i)}`);
    const refused = await subscribe(tokens.officer2, { protocol: 'sms', endpoint: '+821055550014', filter: { severity: ['info', 'high', 'critical'], alertType } });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0]).toMatchObject({ field: 'body.filter.alertType', message: expect.stringContaining('list at most 25 alert types') });
  });

  it('answers a retry with the same subscriptionId as the first time, and another body with 409', async () => {
    const body = { subscriptionId: 'retry-0000-0001', protocol: 'sms', endpoint: '+821055550015' };
    const first = await subscribe(tokens.officer2, body);
    const again = await subscribe(tokens.officer2, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(snsSubscriptions().filter((s) => s.owner.subscriptionId === 'retry-0000-0001')).toHaveLength(1);
    const other = await subscribe(tokens.officer2, { ...body, endpoint: '+821055550016' });
    expect(other.status).toBe(409);
    expect(other.json.type).toMatch(/idempotency-key-reused$/);
  });

  it('lets an official delete only their own: another’s id is not found and nothing changes', async () => {
    const [own] = await mine(tokens.officer2);
    const byOther = await remove(tokens.officer1, own?.subscriptionId ?? '');
    expect(byOther.status).toBe(404);
    expect((await mine(tokens.officer2)).map((s) => s.subscriptionId)).toContain(own?.subscriptionId);

    const removed = await remove(tokens.officer2, own?.subscriptionId ?? '');
    expect(removed.status).toBe(204);
    expect((await mine(tokens.officer2)).map((s) => s.subscriptionId)).not.toContain(own?.subscriptionId);
    expect(snsSubscriptions().map((s) => s.owner.subscriptionId)).not.toContain(own?.subscriptionId);
    expect((await remove(tokens.officer2, own?.subscriptionId ?? '')).status).toBe(404);
  });

  it('answers 503 while SNS is down and subscribes nothing', async () => {
    const faults = resolve(runtime.dataDir, 'faults.json');
    writeFileSync(faults, JSON.stringify({ sns: { failUntil: new Date(Date.now() + 60_000).toISOString() } }));
    try {
      const before = (await mine(tokens.admin11)).length;
      const refused = await subscribe(tokens.admin11, { protocol: 'sms', endpoint: '+821055550017' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await mine(tokens.admin11)).toHaveLength(before);
    } finally {
      rmSync(faults);
    }
  });

  it('holds at most five per official', async () => {
    const held = (await mine(tokens.national)).length;
    for (let i = held; i < 5; i++) expect((await subscribe(tokens.national, { protocol: 'sms', endpoint: `+8210555510${i}0` })).status).toBe(201);
    const sixth = await subscribe(tokens.national, { protocol: 'sms', endpoint: '+821055551099' });
    expect(sixth.status).toBe(422);
    expect(sixth.json.type).toMatch(/too-many-subscriptions$/);
  });

  it('writes each subscribe and delete to the audit trail, without the endpoint', async () => {
    const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
    const entries = await new AuditRepository().day('11', koreanDayOf(new Date().toISOString()));
    const actions = entries.filter((e) => e.subject.kind === 'subscription').map((e) => `${e.actor.kind === 'official' ? e.actor.officerId : ''} ${e.action}`);
    expect(actions).toContain('officer-11-a subscription.create');
    expect(actions).toContain('officer-11-b subscription.delete');
    expect(JSON.stringify(entries)).not.toMatch(/example\.org|\+8210/);
  });
});
