import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { AlertRecord } from '../../shared/alerts/alert.ts';
import type { RaiseInput } from '../../shared/alerts/raise-alert.ts';
import type { AuditEntry } from '../../shared/audit/audit-trail.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let raiseAt: (input: RaiseInput, at: Date) => Promise<AlertRecord>;
let auditDay: (region: string, day: string) => Promise<AuditEntry[]>;
const tokens: Record<string, string> = {};

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
  const audit = new AuditRepository();
  auditDay = (region, day) => audit.day(region, day);
  const officials = {
    me: { role: 'officer', region: '28', officerId: 'officer-incheon-01' },
    colleague: { role: 'officer', region: '28', officerId: 'officer-incheon-02' },
    admin: { role: 'admin', region: '28', officerId: 'admin-incheon-01' },
    elsewhere: { role: 'officer', region: '29', officerId: 'officer-gwangju-01' },
    elsewhereAdmin: { role: 'admin', region: '29', officerId: 'admin-gwangju-01' },
    national: { role: 'national-admin', region: '11', officerId: 'national-admin-01' },
  } as const;
  for (const [name, claims] of Object.entries(officials)) tokens[name] = await runtime.issuer.sign(claims);
});
afterAll(() => runtime?.stop());

const minutes = (n: number) => n * 60_000;
const base = Date.parse('2020-03-09T00:00:00Z');

const input = (overrides: Partial<RaiseInput> & { id: string }): RaiseInput => {
  const { id, ...rest } = overrides;
  return {
    type: 'GEOFENCE_EXIT',
    severity: 'info',
    region: '28',
    subject: { kind: 'case', id },
    message: '자가격리 이탈: 자택 격리구역을 벗어났습니다.',
    ...rest,
  };
};

const allPages = async (path: string, token: string) => {
  const seen: { alertId: string; createdAt: string; officerId?: string; region: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await api.get(cursor ? `${path}${separator}cursor=${cursor}` : path, { bearer: token });
    expect(response.status, response.text).toBe(200);
    seen.push(...response.json.items);
    cursor = response.json.cursor;
    pages++;
  } while (cursor && pages < 100);
  return { seen, pages };
};

describe('the alerts inbox', () => {
  const mine: string[] = [];
  const others: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      const record = await raiseAt(
        input({ id: `inbox-${i}`, ...(i % 3 === 0 ? { officerId: 'officer-incheon-01' } : i % 3 === 1 ? { officerId: 'officer-incheon-02' } : {}) }),
        new Date(base + minutes(i)),
      );
      (i % 3 === 0 ? mine : others).push(record.alertId);
    }
    await raiseAt(input({ id: 'gwangju-1', region: '29' }), new Date(base + minutes(30)));
  });

  it('shows an officer their own alerts first, then the rest of their region, each newest first, across pages', async () => {
    const { seen, pages } = await allPages('/v1/alerts?type=GEOFENCE_EXIT&limit=3', tokens.me ?? '');
    const ids = seen.map((a) => a.alertId);
    expect(ids).toEqual([...mine].reverse().concat([...others].reverse()));
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(seen.every((a) => a.region === '28')).toBe(true);
  });

  it('shows an admin the region newest first and nothing of another region', async () => {
    const { seen } = await allPages('/v1/alerts?limit=5', tokens.admin ?? '');
    const created = seen.map((a) => a.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(new Set(seen.map((a) => a.region))).toEqual(new Set(['28']));
    expect(seen.map((a) => a.alertId).sort()).toEqual([...mine, ...others].sort());
  });

  it('shows a national admin every region, merged newest first, or one region when asked', async () => {
    const { seen } = await allPages('/v1/alerts?limit=4', tokens.national ?? '');
    expect(seen[0]?.region).toBe('29');
    expect(seen.map((a) => a.createdAt)).toEqual(seen.map((a) => a.createdAt).sort().reverse());
    expect(seen).toHaveLength(13);
    const gwangju = await api.get('/v1/alerts?region=29', { bearer: tokens.national });
    expect(gwangju.json.items.map((a: { region: string }) => a.region)).toEqual(['29']);
  });

  it('narrows to one officer’s alerts with officerId, within the caller’s region only', async () => {
    const { seen } = await allPages('/v1/alerts?officerId=officer-incheon-02&limit=2', tokens.admin ?? '');
    expect(seen.every((a) => a.officerId === 'officer-incheon-02')).toBe(true);
    expect(seen).toHaveLength(4);
    const outside = await api.get('/v1/alerts?officerId=officer-incheon-02', { bearer: tokens.elsewhereAdmin });
    expect(outside.json.items).toEqual([]);
    expect((await api.get('/v1/alerts?region=28', { bearer: tokens.elsewhereAdmin })).status).toBe(403);
  });

  it('refuses a cursor forged for another region with 403, and a garbled one with 400 naming the field', async () => {
    const first = await api.get('/v1/alerts?limit=2', { bearer: tokens.admin });
    const decoded = JSON.parse(Buffer.from(first.json.cursor, 'base64url').toString('utf8'));
    const forged = JSON.parse(JSON.stringify(decoded).replaceAll('"28"', '"29"'));
    const forgedCursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    expect((await api.get(`/v1/alerts?limit=2&cursor=${forgedCursor}`, { bearer: tokens.admin })).status).toBe(403);
    const garbled = await api.get('/v1/alerts?cursor=not-a-cursor', { bearer: tokens.admin });
    expect(garbled.status).toBe(400);
    expect(garbled.json.errors[0].field).toBe('query.cursor');
    const otherFilter = await api.get(`/v1/alerts?limit=2&state=open&cursor=${first.json.cursor}`, { bearer: tokens.admin });
    expect(otherFilter.status).toBe(400);
  });

  it('answers a bad filter with 400 naming it', async () => {
    const response = await api.get('/v1/alerts?state=closed&severity=loud&limit=1000', { bearer: tokens.admin });
    expect(response.status).toBe(400);
    expect(response.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.severity', 'query.state']);
  });
});

describe('acknowledging and resolving', () => {
  it('records who, when and the note at each step, and the state filter follows', async () => {
    const alert = await raiseAt(input({ id: 'life-1', severity: 'high', officerId: 'officer-incheon-01' }), new Date());
    const ack = await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.me, body: { note: '전화 연결됨' } });
    expect(ack.status, ack.text).toBe(200);
    expect(ack.json).toMatchObject({ state: 'acknowledged', history: [{ action: 'acknowledge', by: 'officer-incheon-01', note: '전화 연결됨' }] });
    const open = await allPages('/v1/alerts?state=open', tokens.me ?? '');
    expect(open.seen.map((a) => a.alertId)).not.toContain(alert.alertId);
    const acknowledged = await api.get('/v1/alerts?state=acknowledged', { bearer: tokens.me });
    expect(acknowledged.json.items.map((a: { alertId: string }) => a.alertId)).toContain(alert.alertId);

    const resolve = await api.post(`/v1/alerts/${alert.alertId}:resolve`, { bearer: tokens.colleague, body: { note: '자택 복귀 확인' } });
    expect(resolve.status).toBe(200);
    expect(resolve.json.state).toBe('resolved');
    expect(resolve.json.history.map((h: { action: string; by: string }) => `${h.action} ${h.by}`)).toEqual([
      'acknowledge officer-incheon-01',
      'resolve officer-incheon-02',
    ]);
  });

  it('needs a note to resolve, and says so about body.note', async () => {
    const alert = await raiseAt(input({ id: 'life-2' }), new Date());
    const response = await api.post(`/v1/alerts/${alert.alertId}:resolve`, { bearer: tokens.me, body: {} });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: 'body.note' })]);
    expect((await api.get('/v1/alerts?state=open', { bearer: tokens.admin })).json.items.map((a: { alertId: string }) => a.alertId)).toContain(alert.alertId);
  });

  it('answers a double click with the same alert, and someone else’s second acknowledgement with 409', async () => {
    const alert = await raiseAt(input({ id: 'life-3' }), new Date());
    const first = await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.me, body: {} });
    const again = await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.me, body: {} });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const other = await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.colleague, body: {} });
    expect(other.status).toBe(409);
    expect(other.json.detail).toContain('officer-incheon-01');
  });

  it('refuses another region’s alert with 403 and changes nothing', async () => {
    const alert = await raiseAt(input({ id: 'life-4' }), new Date());
    const response = await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.elsewhere, body: {} });
    expect(response.status).toBe(403);
    const still = await api.get('/v1/alerts?state=open', { bearer: tokens.admin });
    expect(still.json.items.find((a: { alertId: string }) => a.alertId === alert.alertId)?.history).toEqual([]);
  });

  it('answers an unknown alert with 404 and a malformed action with 400 naming the path segment', async () => {
    expect((await api.post('/v1/alerts/no-such-alert:acknowledge', { bearer: tokens.me, body: {} })).status).toBe(404);
    const bad = await api.post('/v1/alerts/some-alert:close', { bearer: tokens.me, body: {} });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('path.alertAction');
  });

  it('appends every acknowledgement and resolution to the audit trail with the request id', async () => {
    const now = new Date();
    const alert = await raiseAt(input({ id: 'life-5' }), now);
    await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.me, body: { note: '확인' } });
    await api.post(`/v1/alerts/${alert.alertId}:resolve`, { bearer: tokens.me, body: { note: '조치 완료' } });
    const { koreanDayOf } = await import('../../shared/audit/audit-trail.ts');
    const lines = (await auditDay('28', koreanDayOf(now.toISOString()))).filter((e) => e.subject.id === alert.alertId);
    expect(lines.map((e) => [e.action, e.actor.kind === 'official' ? e.actor.officerId : '', e.note])).toEqual([
      ['alert.acknowledge', 'officer-incheon-01', '확인'],
      ['alert.resolve', 'officer-incheon-01', '조치 완료'],
    ]);
    expect(lines.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true);
  });
});

describe('one unresolved alert per subject and type', () => {
  it('counts a repeat on the open alert, and opens a new one once it is resolved', async () => {
    const first = await raiseAt(input({ id: 'repeat-1' }), new Date(Date.now() - minutes(2)));
    const again = await raiseAt(input({ id: 'repeat-1' }), new Date(Date.now() - minutes(1)));
    expect(again.alertId).toBe(first.alertId);
    expect(again.count).toBe(2);
    expect(again.lastSeenAt > first.lastSeenAt).toBe(true);
    await api.post(`/v1/alerts/${first.alertId}:resolve`, { bearer: tokens.me, body: { note: '해제' } });
    const next = await raiseAt(input({ id: 'repeat-1' }), new Date());
    expect(next.alertId).not.toBe(first.alertId);
    expect(next.count).toBe(1);
  });
});
