import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { AuditEntry } from '../../shared/audit/audit-trail.ts';
import { koreanDate } from '../../shared/masks/korean-time.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let officer: string;
let admin: string;
let otherRegion: string;
let rawCase: (caseId: string) => Promise<Record<string, unknown> | undefined>;
let ageCode: (locator: string, hours: number) => Promise<void>;
let auditOfToday: () => Promise<AuditEntry[]>;

const REGION = '26';
const OFFICER = 'officer-busan-cases';
const HOME = { lat: 35.1796, lng: 129.0756 };
const HOUR = 3_600_000;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  officer = await runtime.issuer.sign({ role: 'officer', region: REGION, officerId: OFFICER });
  admin = await runtime.issuer.sign({ role: 'admin', region: REGION, officerId: 'admin-busan-cases' });
  otherRegion = await runtime.issuer.sign({ role: 'admin', region: '11', officerId: 'admin-seoul-cases' });
  const [{ dynamo }, { config }, { AuditRepository }] = await Promise.all([
    import('../../shared/data/dynamo-client.ts'),
    import('../../shared/config.ts'),
    import('../../shared/data/audit-repository.ts'),
  ]);
  rawCase = async (caseId) => (await dynamo.send(new GetCommand({ TableName: config.tableName('quarantine-cases'), Key: { caseId } }))).Item;
  ageCode = async (locator, hours) => {
    const table = config.tableName('enrollment-codes');
    const { Item } = await dynamo.send(new GetCommand({ TableName: table, Key: { pk: `code#${locator}` } }));
    const expiresAt = new Date(Date.parse(String(Item?.['expiresAt'])) - hours * HOUR).toISOString();
    await dynamo.send(new PutCommand({ TableName: table, Item: { ...Item, expiresAt } }));
  };
  const audit = new AuditRepository();
  auditOfToday = () => audit.day(REGION, koreanDate(new Date()));
});
afterAll(() => runtime?.stop());

const newCase = (over: Record<string, unknown> = {}) => ({
  person: { name: '김철수', phone: '010-1234-5678', language: 'ko' },
  home: { ...HOME, address: '부산광역시 중구 중앙대로 100' },
  fence: { type: 'circle', radiusM: 120 },
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
  region: REGION,
  ...over,
});

const create = async (over: Record<string, unknown> = {}, bearer = officer) => api.post('/v1/quarantine/cases', { bearer, body: newCase(over), headers: { origin: 'https://console.example.go.kr' } });
const enrol = (code: string, ip = '203.0.113.7') => api.post('/v1/quarantine/enroll', { body: { enrollmentCode: code }, headers: { 'x-forwarded-for': ip } });
const checkin = (token: string, body: Record<string, unknown>) => api.post('/v1/quarantine/checkins', { bearer: token, body });
const healthy = (checkinId: string, over: Record<string, unknown> = {}) => ({
  checkinId,
  at: new Date().toISOString(),
  temperatureC: 36.6,
  symptoms: { fever: false, cough: false, soreThroat: false, shortnessOfBreath: false },
  ...over,
});

const enrolled = async () => {
  const created = await create();
  expect(created.status, created.text).toBe(201);
  const answer = await enrol(created.json.enrollmentCode);
  expect(answer.status, answer.text).toBe(201);
  return { caseId: created.json.caseId as string, token: answer.json.deviceToken as string, code: created.json.enrollmentCode as string };
};

describe('registering a case', () => {
  it('answers the case id, a single-use code, the link with the code only in its fragment, and its QR; the name is stored sealed', async () => {
    const created = await create();
    expect(created.status, created.text).toBe(201);
    const { caseId, enrollmentCode, enrollmentUrl, enrollmentQrSvg } = created.json;
    expect(caseId).toMatch(/^c_[A-Za-z0-9_-]{22}$/);
    expect(enrollmentCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/);
    expect(enrollmentUrl).toBe(`https://console.example.go.kr/checkin/#code=${enrollmentCode.replaceAll('-', '')}`);
    expect(enrollmentQrSvg).toMatch(/^<svg[^>]*>/);
    const item = await rawCase(caseId);
    expect(JSON.stringify(item)).not.toContain('김철수');
    expect(JSON.stringify(item)).not.toContain('1234-5678');
    expect(item).toMatchObject({ region: REGION, officerId: OFFICER, state: 'active', dueShard: expect.stringMatching(/^DUE#\d+$/) });
  });

  it('refuses, naming the field and creating nothing: a fence that crosses itself, 40 days, an address the local runtime cannot place', async () => {
    const count = async () => (await api.get('/v1/quarantine/cases?limit=100', { bearer: officer })).json.items.length as number;
    const before = await count();
    const bowtie = { type: 'polygon', coordinates: [[129.075, 35.179], [129.076, 35.180], [129.076, 35.179], [129.075, 35.180], [129.075, 35.179]] };
    const crossed = await create({ fence: bowtie });
    expect(crossed.status).toBe(422);
    expect(crossed.json.errors[0].field).toMatch(/^body\.fence/);
    const long = await create({ endsAt: new Date(Date.now() + 40 * 24 * HOUR).toISOString() });
    expect(long.status).toBe(422);
    expect(long.json.errors).toEqual([{ field: 'body.endsAt', message: 'a quarantine lasts at most 30 days' }]);
    const addressOnly = await create({ home: { address: '부산광역시 중구 중앙대로 100' } });
    expect(addressOnly.status).toBe(422);
    expect(addressOnly.json.errors[0].field).toBe('body.home');
    expect(await count()).toBe(before);
  });

  it('is for an officer’s own region and own cases only; another region is 403', async () => {
    expect((await create({}, otherRegion)).status).toBe(403);
    expect((await create({ officerId: 'officer-busan-else' })).status).toBe(403);
    expect((await create({ officerId: 'officer-busan-else' }, admin)).status).toBe(201);
  });
});

describe('the check-in app', () => {
  it('enrols once with the code; a second phone with the same code is refused', async () => {
    const created = await create();
    const code: string = created.json.enrollmentCode;
    const first = await enrol(code.toLowerCase().replaceAll('-', ' '));
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ caseId: created.json.caseId, language: 'ko', checkin: { timeZone: 'Asia/Seoul' } });
    expect(first.json.deviceToken).toMatch(/^dt_/);
    const second = await enrol(code);
    expect(second.status).toBe(410);
    expect(second.json.type).toMatch(/enrollment-code-used$/);
    const malformed = await enrol('O0I1-L');
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].field).toBe('body.enrollmentCode');
  });

  it('refuses a code past its 48 hours, saying so to whoever holds it', async () => {
    const created = await create();
    await ageCode(String((await rawCase(created.json.caseId))?.['enrollmentLocator']), 49);
    const late = await enrol(created.json.enrollmentCode, '198.51.100.99');
    expect(late.status).toBe(410);
    expect(late.json.type).toMatch(/enrollment-code-expired$/);
  });

  it('limits wrong guesses per client: the eleventh in an hour is 429 with Retry-After', async () => {
    const ip = '198.51.100.23';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await enrol(`ZZZZ-ZZZZ-${'23456789AB'[i % 10]}${'23456789AB'[(i + 3) % 10]}`, ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    const limited = await enrol('ZZZZ-ZZZZ-99', ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('shows the person their status, and records a check-in once: a retry gets the first answer, another body is 409', async () => {
    const { caseId, token } = await enrolled();
    const me = await api.get('/v1/quarantine/me', { bearer: token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ caseId, state: 'active', daysLeft: 14, atHome: 'UNKNOWN', outings: [] });
    expect(JSON.stringify(me.json)).not.toContain('김철수');

    const body = healthy('checkin-retry-0001');
    const first = await checkin(token, body);
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ checkinId: 'checkin-retry-0001', recorded: true, symptomatic: false });
    const again = await checkin(token, body);
    expect(again.json).toEqual(first.json);
    const changed = await checkin(token, { ...body, temperatureC: 38.2 });
    expect(changed.status).toBe(409);
    expect(changed.json.type).toMatch(/idempotency-key-reused$/);

    const read = await api.get(`/v1/quarantine/cases/${caseId}`, { bearer: officer });
    expect(read.json.timeline.filter((e: { kind: string }) => e.kind === 'checkin')).toHaveLength(1);
  });

  it('alerts the case officer on fever, without the person’s name', async () => {
    const { caseId, token } = await enrolled();
    expect((await checkin(token, healthy('checkin-fever-0001', { temperatureC: 38.1, symptoms: { fever: true, cough: true, soreThroat: false, shortnessOfBreath: false } }))).json.symptomatic).toBe(true);
    const inbox = await api.get('/v1/alerts?type=SYMPTOMS&limit=100', { bearer: officer });
    const alert = inbox.json.items.find((a: { subject: { id: string } }) => a.subject.id === caseId);
    expect(alert).toMatchObject({ type: 'SYMPTOMS', severity: 'high', region: REGION, officerId: OFFICER });
    expect(alert.message).toContain('38.1');
    expect(alert.message).not.toContain('김철수');
    const list = await api.get('/v1/quarantine/cases?limit=100', { bearer: officer });
    expect(list.json.items.find((c: { caseId: string }) => c.caseId === caseId)).toMatchObject({ enrolled: true, openAlerts: 1 });
  });
});

describe('a case officer', () => {
  it('reads the person, the fence and the timeline; each read is in the audit trail, without the name', async () => {
    const { caseId } = await enrolled();
    const read = await api.get(`/v1/quarantine/cases/${caseId}`, { bearer: officer, headers: { 'x-request-id': 'x' } });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ caseId, person: { name: '김철수', phone: '010-1234-5678', language: 'ko' }, fence: { type: 'circle', radiusM: 120 } });
    const entries = (await auditOfToday()).filter((e) => e.subject.id === caseId && e.action === 'case.read');
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('김철수');
  });

  it('of another region gets 403 on every case route, and nothing changes', async () => {
    const { caseId, token } = await enrolled();
    const refused = [
      await api.get(`/v1/quarantine/cases/${caseId}`, { bearer: otherRegion }),
      await api.post(`/v1/quarantine/cases/${caseId}:close`, { bearer: otherRegion, body: { reason: 'x' } }),
      await api.post(`/v1/quarantine/cases/${caseId}:extend`, { bearer: otherRegion, body: { endsAt: new Date(Date.now() + 20 * 24 * HOUR).toISOString() } }),
      await api.post(`/v1/quarantine/cases/${caseId}:reissue-code`, { bearer: otherRegion, body: {} }),
      await api.post(`/v1/quarantine/cases/${caseId}/outings`, { bearer: otherRegion, body: { from: new Date().toISOString(), to: new Date(Date.now() + HOUR).toISOString(), reason: 'x' } }),
      await api.get(`/v1/quarantine/cases?region=${REGION}`, { bearer: otherRegion }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await api.get('/v1/quarantine/me', { bearer: token })).json.state).toBe('active');
    expect(await rawCase(caseId)).toMatchObject({ v: 2, outings: [] });
  });

  it('permits an outing, extends, re-issues the code (the old phone stops at once) and closes (the new phone stops too)', async () => {
    const { caseId, token } = await enrolled();
    const outing = await api.post(`/v1/quarantine/cases/${caseId}/outings`, { bearer: officer, body: { from: new Date().toISOString(), to: new Date(Date.now() + 2 * HOUR).toISOString(), reason: '선별진료소 검사' } });
    expect(outing.status, outing.text).toBe(201);
    expect((await api.get('/v1/quarantine/me', { bearer: token })).json.outings).toEqual([{ from: outing.json.from, to: outing.json.to, reason: '선별진료소 검사' }]);

    const longer = new Date(Date.now() + 20 * 24 * HOUR).toISOString();
    expect((await api.post(`/v1/quarantine/cases/${caseId}:extend`, { bearer: officer, body: { endsAt: longer } })).json.endsAt).toBe(longer);

    const reissued = await api.post(`/v1/quarantine/cases/${caseId}:reissue-code`, { bearer: officer, body: {} });
    expect(reissued.status, reissued.text).toBe(201);
    expect((await api.get('/v1/quarantine/me', { bearer: token })).status).toBe(401);
    const newPhone = await enrol(reissued.json.enrollmentCode, '192.0.2.44');
    expect(newPhone.status, newPhone.text).toBe(201);

    const closed = await api.post(`/v1/quarantine/cases/${caseId}:close`, { bearer: officer, body: { reason: '격리 해제' } });
    expect(closed.json).toMatchObject({ caseId, state: 'ended' });
    const afterEnd = await checkin(newPhone.json.deviceToken, healthy('checkin-after-end-1'));
    expect(afterEnd.status).toBe(401);
    expect(afterEnd.json.detail).toMatch(/quarantine has ended|another phone/);
    expect((await api.post(`/v1/quarantine/cases/${caseId}:close`, { bearer: officer, body: { reason: 'again' } })).status).toBe(409);
  });
});
