import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficialIssuer } from '../../infra/local/official-issuer.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
const tokens = { seoulAdmin: '', daeguAdmin: '', national: '', seoulOfficer: '' };

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  const demo = (officerId: string) => runtime.credentials.officials.find((o) => o.officerId === officerId)?.token ?? '';
  tokens.seoulAdmin = demo('admin-0001');
  tokens.daeguAdmin = demo('admin-daegu-01');
  tokens.national = demo('national-admin-01');
  tokens.seoulOfficer = demo('officer-seoul-01');
});
afterAll(() => runtime.stop());

let unique = 0;
const newOfficer = (overrides: Record<string, unknown> = {}) => {
  unique += 1;
  return { officerId: `t-officer-${unique}`, name: `홍길동${unique}`, email: `gildong${unique}@example.org`, role: 'officer', region: '11', ...overrides };
};

const me = (token: string) => api.get('/v1/officials/me', { bearer: token });

describe('an admin creating officials', () => {
  it('creates an officer of their region, who is then listed and can sign in', async () => {
    const body = newOfficer({ email: 'Gildong.Hong@Example.org' });
    const created = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ officerId: body.officerId, role: 'officer', region: '11', name: body.name, email: 'gildong.hong@example.org', enabled: true, createdBy: 'admin-0001' });
    const listed = await api.get('/v1/admin/officials?limit=100', { bearer: tokens.seoulAdmin });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((o: { officerId: string }) => o.officerId)).toContain(body.officerId);
    const token = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: body.officerId });
    expect((await me(token)).json).toEqual({ officerId: body.officerId, role: 'officer', region: '11' });
  });

  it('gets the first answer back for the same officer id and body, and 409 for another body', async () => {
    const body = newOfficer();
    const first = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    const again = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    const other = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body: { ...body, name: '다른 사람' } });
    expect(other.status).toBe(409);
    expect(other.json.type).toMatch(/idempotency-key-reused$/);
  });

  it('refuses an e-mail address another official signs in with, whatever its case', async () => {
    const body = newOfficer();
    await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    const twin = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body: newOfficer({ email: body.email.toUpperCase() }) });
    expect(twin.status).toBe(409);
    expect(twin.json.type).toMatch(/email-taken$/);
  });

  it('makes an officer id when the admin gives none', async () => {
    const { officerId: _none, ...body } = newOfficer({ role: 'admin' });
    const created = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    expect(created.status).toBe(201);
    expect(created.json.officerId).toMatch(/^admin-11-[0-9a-f]{8}$/);
  });

  it('may not create in another region, nor a national admin; nothing is created', async () => {
    const elsewhere = newOfficer({ region: '27' });
    const refused = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body: elsewhere });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toMatch(/outside your region 11/);
    const national = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body: newOfficer({ role: 'national-admin' }) });
    expect(national.status).toBe(403);
    const daegu = await api.get('/v1/admin/officials?region=27&limit=100', { bearer: tokens.national });
    expect(daegu.json.items.map((o: { officerId: string }) => o.officerId)).not.toContain(elsewhere.officerId);
    // The same officer id is still free: the refusal wrote nothing.
    expect((await api.post('/v1/admin/officials', { bearer: tokens.daeguAdmin, body: elsewhere })).status).toBe(201);
  });

  it('answers a bad body with 400 naming each field, and an officer with 403', async () => {
    const bad = await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body: { name: '', email: 'not-an-address', role: 'mayor', region: '99' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.email', 'body.name', 'body.region', 'body.role']);
    expect((await api.post('/v1/admin/officials', { bearer: tokens.seoulOfficer, body: newOfficer() })).status).toBe(403);
  });

  it('lets a national admin create a national admin in any region', async () => {
    const created = await api.post('/v1/admin/officials', { bearer: tokens.national, body: newOfficer({ role: 'national-admin', region: '26' }) });
    expect(created.status).toBe(201);
  });
});

describe('listing officials', () => {
  it('shows a region admin their region only, with the demo officials’ names', async () => {
    const seoul = await api.get('/v1/admin/officials?limit=100', { bearer: tokens.seoulAdmin });
    expect(seoul.json.items.every((o: { region: string }) => o.region === '11')).toBe(true);
    expect(seoul.json.items).toContainEqual(expect.objectContaining({ officerId: 'admin-0001', name: '김민준', email: 'minjun.kim@example.org', role: 'admin' }));
    expect((await api.get('/v1/admin/officials?region=27', { bearer: tokens.seoulAdmin })).status).toBe(403);
    expect((await api.get('/v1/admin/officials', { bearer: tokens.seoulOfficer })).status).toBe(403);
  });

  it('walks every region for a national admin, a page at a time, each official once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await api.get(`/v1/admin/officials${query}`, { bearer: tokens.national });
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.json.items.map((o: { officerId: string }) => o.officerId));
      cursor = page.json.cursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['national-admin-01', 'admin-daegu-01', 'officer-gyeonggi-01']));
    expect(pages).toBeGreaterThan(2);
  });

  it('answers a cursor it never gave out with 400 naming query.cursor', async () => {
    const bad = await api.get('/v1/admin/officials?cursor=bm90LWEtY3Vyc29y', { bearer: tokens.national });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
  });
});

describe('disabling an official', () => {
  it('refuses their next request at once, though their token still verifies, and enabling lets them back', async () => {
    const body = newOfficer();
    await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    const token = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: body.officerId });
    expect((await me(token)).status).toBe(200);

    const disabled = await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.seoulAdmin });
    expect(disabled.status).toBe(200);
    expect(disabled.json).toMatchObject({ officerId: body.officerId, enabled: false, disabledBy: 'admin-0001', disabledAt: expect.any(String) });
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.json.type).toMatch(/official-disabled$/);

    // Twice changes nothing more: the first disabling's time stays.
    const again = await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.seoulAdmin });
    expect(again.json.disabledAt).toBe(disabled.json.disabledAt);

    const enabled = await api.post(`/v1/admin/officials/${body.officerId}:enable`, { bearer: tokens.seoulAdmin });
    expect(enabled.status).toBe(200);
    expect(enabled.json.enabled).toBe(true);
    expect(enabled.json.disabledAt).toBeUndefined();
    expect((await me(token)).status).toBe(200);
  });

  it('ends their alert subscriptions with the account, and a disable while SNS is down finishes on the next one', async () => {
    const body = newOfficer();
    await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    const token = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: body.officerId });
    const subscribe = (endpoint: string) => api.post('/v1/officials/me/subscriptions', { bearer: token, body: { protocol: 'sms', endpoint } });
    const ids = [(await subscribe('+821055557001')).json.subscriptionId, (await subscribe('+821055557002')).json.subscriptionId];
    const atSns = () =>
      (JSON.parse(readFileSync(join(runtime.dataDir, 'sns-subscriptions.json'), 'utf8')).subscriptions as { owner: { subscriptionId: string } }[])
        .map((s) => s.owner.subscriptionId)
        .filter((id) => ids.includes(id));
    expect(atSns()).toHaveLength(2);

    const faults = join(runtime.dataDir, 'faults.json');
    writeFileSync(faults, JSON.stringify({ sns: { failUntil: new Date(Date.now() + 60_000).toISOString() } }));
    let during;
    try {
      during = await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.seoulAdmin });
    } finally {
      rmSync(faults);
    }
    // Refused at once all the same; SNS still holds what it could not end.
    expect(during.status).toBe(200);
    expect(during.json).toMatchObject({ enabled: false, subscriptionsRemaining: 2 });
    expect((await me(token)).status).toBe(401);
    expect(atSns()).toHaveLength(2);

    const again = await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.seoulAdmin });
    expect(again.status).toBe(200);
    expect(again.json.subscriptionsRemaining).toBeUndefined();
    expect(atSns()).toEqual([]);
    const { SubscriptionsRepository } = await import('../../shared/data/subscriptions-repository.ts');
    expect(await new SubscriptionsRepository().list(body.officerId)).toEqual([]);
  });

  it('is refused to another region’s admin with 403, and nothing changes', async () => {
    const body = newOfficer();
    await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    const token = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: body.officerId });
    const refused = await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.daeguAdmin });
    expect(refused.status).toBe(403);
    expect((await me(token)).status).toBe(200);
    const listed = await api.get('/v1/admin/officials?limit=100', { bearer: tokens.seoulAdmin });
    expect(listed.json.items.find((o: { officerId: string }) => o.officerId === body.officerId)?.enabled).toBe(true);
  });

  it('is refused to an admin for their own account and for a national admin', async () => {
    expect((await api.post('/v1/admin/officials/admin-0001:disable', { bearer: tokens.seoulAdmin })).status).toBe(403);
    expect((await api.post('/v1/admin/officials/national-admin-01:disable', { bearer: tokens.seoulAdmin })).status).toBe(403);
    expect((await me(tokens.seoulAdmin)).status).toBe(200);
    expect((await me(tokens.national)).status).toBe(200);
  });

  it('answers an unknown official with 404 and a malformed action with 400', async () => {
    expect((await api.post('/v1/admin/officials/nobody-here:disable', { bearer: tokens.seoulAdmin })).status).toBe(404);
    const bad = await api.post('/v1/admin/officials/officer-seoul-01:delete', { bearer: tokens.seoulAdmin });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'path.officialAction' })]);
  });

  it('refuses a token for an officer id no admin created', async () => {
    // A token signed with the system's own key, by an issuer that registers no one: it verifies, the directory refuses it.
    const secrets = JSON.parse(readFileSync(join(runtime.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    const bare = await OfficialIssuer.fromJwk(JSON.parse(secrets['official-signing-key'] ?? ''));
    const token = await bare.sign({ role: 'admin', region: '11', officerId: 'made-up-admin' });
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(refused.json.type).toMatch(/unknown-official$/);
  });
});

describe('the local sign-in', () => {
  it('lists the demo officials of each role and region, and signs one in with a token the API accepts', async () => {
    const listed = await api.get('/local/officials');
    expect(listed.status).toBe(200);
    expect(listed.json.officials).toContainEqual({ officerId: 'admin-daegu-01', role: 'admin', region: '27', name: '정도윤', enabled: true });
    expect(new Set(listed.json.officials.map((o: { role: string }) => o.role))).toEqual(new Set(['officer', 'admin', 'national-admin']));
    const signedIn = await api.post('/local/sign-in', { body: { officerId: 'officer-daegu-01' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.official).toEqual({ officerId: 'officer-daegu-01', role: 'officer', region: '27', name: '강하은' });
    expect((await me(signedIn.json.idToken)).json).toEqual({ officerId: 'officer-daegu-01', role: 'officer', region: '27' });
  });

  it('refuses a disabled official, an unknown one and a malformed body', async () => {
    const body = newOfficer();
    await api.post('/v1/admin/officials', { bearer: tokens.seoulAdmin, body });
    await api.post(`/v1/admin/officials/${body.officerId}:disable`, { bearer: tokens.seoulAdmin });
    const listed = await api.get('/local/officials');
    expect(listed.json.officials).toContainEqual(expect.objectContaining({ officerId: body.officerId, enabled: false }));
    const disabled = await api.post('/local/sign-in', { body: { officerId: body.officerId } });
    expect(disabled.status).toBe(403);
    expect(disabled.json.type).toMatch(/official-disabled$/);
    expect((await api.post('/local/sign-in', { body: { officerId: 'nobody-here' } })).status).toBe(404);
    const bad = await api.post('/local/sign-in', { body: { officer: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('body.officerId');
    expect((await api.get('/local/sign-in')).status).toBe(405);
  });
});

describe('the demo officials', () => {
  it('are seeded once: seeding again changes nothing, and one an admin disabled stays disabled and gets no token', async () => {
    const { officialsSeeder } = await import('../../infra/local/seed/officials.ts');
    const { emptyDemoCredentials } = await import('../../infra/local/demo-credentials.ts');
    const before = await api.get('/local/officials');
    expect((await api.post('/v1/admin/officials/officer-seoul-02:disable', { bearer: tokens.seoulAdmin })).status).toBe(200);
    const credentials = emptyDemoCredentials(runtime.baseUrl);
    await officialsSeeder.seed({ issuer: runtime.issuer, credentials, derive: () => '', secretsFile: '', progress: () => undefined });
    const after = await api.get('/local/officials');
    expect(after.json.officials).toHaveLength(before.json.officials.length);
    expect(after.json.officials).toContainEqual(expect.objectContaining({ officerId: 'officer-seoul-02', enabled: false }));
    expect(credentials.officials.map((o) => o.officerId)).not.toContain('officer-seoul-02');
    expect(credentials.officials.map((o) => o.officerId)).toContain('officer-seoul-01');
    expect(Object.keys(credentials.officials[0] ?? {}).sort()).toEqual(['officerId', 'region', 'role', 'token']);
    await api.post('/v1/admin/officials/officer-seoul-02:enable', { bearer: tokens.seoulAdmin });
  });
});
