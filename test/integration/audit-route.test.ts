import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { koreanDayOf } from '../../shared/audit/audit-trail.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
const demo = (officerId: string) => runtime.credentials.officials.find((o) => o.officerId === officerId)?.token ?? '';

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
});
afterAll(() => runtime.stop());

interface Entry {
  action: string;
  subject: { kind: string; id: string };
  actor: { officerId?: string };
  requestId?: string;
  seq: number;
  log: string;
}

describe('the audit trail route', () => {
  it('shows a region admin who created and disabled whom, by id only, with every chain intact', async () => {
    const admin = demo('admin-0001');
    const official = { officerId: 'audit-officer-1', name: '감사대상', email: 'audited.one@example.org', role: 'officer', region: '11' };
    expect((await api.post('/v1/admin/officials', { bearer: admin, body: official })).status).toBe(201);
    expect((await api.post('/v1/admin/officials/audit-officer-1:disable', { bearer: admin })).status).toBe(200);

    const trail = await api.get('/v1/admin/audit?limit=500', { bearer: admin });
    expect(trail.status).toBe(200);
    expect(trail.json.region).toBe('11');
    expect(trail.json.day).toBe(koreanDayOf(new Date().toISOString()));
    const mine = (trail.json.items as Entry[]).filter((entry) => entry.subject.id === 'audit-officer-1');
    expect(mine.map((entry) => entry.action)).toEqual(['official.create', 'official.disable']);
    expect(mine.every((entry) => entry.actor.officerId === 'admin-0001' && entry.requestId)).toBe(true);
    // The trail says that something happened to an official, never who they are.
    expect(trail.text).not.toContain('감사대상');
    expect(trail.text).not.toContain('audited.one@example.org');
    expect(trail.json.chains).toHaveLength(4);
    expect(trail.json.chains.every((chain: { intact: boolean }) => chain.intact)).toBe(true);
    expect(trail.json.chains.reduce((sum: number, chain: { entries: number }) => sum + chain.entries, 0)).toBe(trail.json.items.length);
  });

  it('records each reading of the trail in the trail itself', async () => {
    const admin = demo('admin-0001');
    const first = await api.get('/v1/admin/audit?limit=500', { bearer: admin });
    const second = await api.get('/v1/admin/audit?limit=500', { bearer: admin });
    const reads = (body: { items: Entry[] }) => body.items.filter((entry) => entry.action === 'audit.read').length;
    expect(reads(second.json)).toBe(reads(first.json) + 1);
  });

  it('is refused to another region’s admin and to officers; a national admin reads any region', async () => {
    expect((await api.get('/v1/admin/audit?region=11', { bearer: demo('admin-daegu-01') })).status).toBe(403);
    expect((await api.get('/v1/admin/audit', { bearer: demo('officer-seoul-01') })).status).toBe(403);
    expect((await api.get('/v1/admin/audit?region=11', { bearer: demo('national-admin-01') })).status).toBe(200);
    expect((await api.get('/v1/admin/audit?region=27', { bearer: demo('national-admin-01') })).status).toBe(200);
  });

  it('pages through a day in time order, each entry once', async () => {
    const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
    const audit = new AuditRepository();
    for (let i = 0; i < 7; i++) {
      await audit.append({
        actor: { kind: 'system', name: 'test' },
        action: 'case.read',
        subject: { kind: 'case', id: `case-${i}` },
        region: '26',
        at: new Date(Date.UTC(2020, 2, 9, 1, 0, i)).toISOString(),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?region=26&day=2020-03-09&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.get(`/v1/admin/audit${query}`, { bearer: demo('national-admin-01') });
      seen.push(...(page.json.items as Entry[]).map((entry) => entry.subject.id));
      cursor = page.json.cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `case-${i}`));
    const bad = await api.get('/v1/admin/audit?region=26&day=2020-03-09&cursor=eyJvZmZzZXQiOi0xfQ', { bearer: demo('national-admin-01') });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
  });

  it('reports the first broken link once an entry is edited in the table', async () => {
    const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
    const { dynamo } = await import('../../shared/data/dynamo-client.ts');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const audit = new AuditRepository();
    const event = (i: number) => ({
      actor: { kind: 'official' as const, officerId: 'officer-daegu-01', role: 'officer' as const, region: '27' },
      action: 'case.read',
      subject: { kind: 'case', id: `case-${i}` },
      region: '27',
      at: new Date(Date.UTC(2020, 2, 10, 1, 0, i)).toISOString(),
    });
    const entries = [];
    for (let i = 0; i < 12; i++) entries.push(await audit.append(event(i)));
    const before = await api.get('/v1/admin/audit?region=27&day=2020-03-10', { bearer: demo('admin-daegu-01') });
    expect(before.json.chains.every((chain: { intact: boolean }) => chain.intact)).toBe(true);

    // Someone with table access makes a read look like another case's.
    const edited = entries.find((entry) => entry.seq === 2) ?? entries[0];
    await dynamo.send(
      new UpdateCommand({
        TableName: runtime.tableNames.get('audit'),
        Key: { log: edited?.log, seq: edited?.seq },
        UpdateExpression: 'SET subject.id = :other',
        ExpressionAttributeValues: { ':other': 'case-someone-else' },
      }),
    );
    const after = await api.get('/v1/admin/audit?region=27&day=2020-03-10', { bearer: demo('admin-daegu-01') });
    expect(after.status).toBe(200);
    const broken = after.json.chains.filter((chain: { intact: boolean }) => !chain.intact);
    expect(broken).toEqual([{ log: edited?.log, intact: false, entries: expect.any(Number), brokenAt: edited?.seq, reason: 'its content no longer matches its hash' }]);
  });

  it('answers a malformed day or region with 400 naming the field', async () => {
    const bad = await api.get('/v1/admin/audit?region=99&day=yesterday', { bearer: demo('national-admin-01') });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.day', 'query.region']);
  });
});
