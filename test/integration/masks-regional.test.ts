import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
const token = (officerId: string): string => {
  const found = runtime.credentials.officials.find((o) => o.officerId === officerId)?.token;
  if (!found) throw new Error(`no demo official ${officerId}`);
  return found;
};
let national: string, seoulAdmin: string, daeguAdmin: string, seoulOfficer: string, daeguOfficer: string;

/** Stores this file imports: two in Seoul, one in Daegu, one whose address names no province. */
const ROWS = [
  'code,name,addr,type,lat,lng',
  '39990101,시청 예시약국,서울특별시 중구 태평로1가 1,01,37.5663,126.9779',
  '39990102,논현 예시약국,서울특별시 강남구 논현동 2,01,37.5112,127.0286',
  '39990201,동성로 예시약국,대구광역시 중구 동성로2가 3,01,35.8694,128.5956',
  '39990301,주소 미상 약국,어딘가 4,01,36.5,127.5',
].join('\n');

type Counts = Record<'plenty' | 'some' | 'few' | 'empty' | 'break', number>;
const countsOf = async (region: string, bearer = national): Promise<Counts> => {
  const answer = await api.get(`/v1/admin/masks/summary?region=${region}`, { bearer });
  expect(answer.status).toBe(200);
  return answer.json.regions[0].counts as Counts;
};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  national = token('national-admin-01');
  seoulAdmin = token('admin-0001');
  daeguAdmin = token('admin-daegu-01');
  seoulOfficer = token('officer-seoul-01');
  daeguOfficer = token('officer-daegu-01');
});
afterAll(() => runtime.stop());

const rotate = (code: string, bearer: string) => api.post(`/v1/admin/stores/${code}/keys:rotate`, { bearer });
const report = (code: string, apiKey: string, body: object) =>
  api.put(`/v1/stores/${code}/stock`, { bearer: apiKey, body: { asOf: new Date().toISOString(), ...body } });

describe('store imports', () => {
  it('are for national administrators only: the list of stores is national', async () => {
    const csv = { body: ROWS, headers: { 'content-type': 'text/csv' } };
    expect((await api.post('/v1/admin/stores:import?importId=regional-0001', { bearer: seoulAdmin, ...csv })).status).toBe(403);
    const imported = await api.post('/v1/admin/stores:import?importId=regional-0001', { bearer: national, ...csv });
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ created: 4, rejected: 0 });
    expect((await api.get('/v1/admin/imports/regional-0001', { bearer: seoulAdmin })).status).toBe(403);
    expect((await api.get('/v1/admin/imports/regional-0001', { bearer: national })).json).toMatchObject({ status: 'done', created: 4 });
  });
});

describe('store key rotation', () => {
  it('is for an admin of the store’s region; a store with no province’s address is left to national admins', async () => {
    expect((await rotate('39990101', seoulOfficer)).status).toBe(403);
    expect((await rotate('39990201', seoulAdmin)).status).toBe(403);
    expect((await rotate('39990301', daeguAdmin)).status).toBe(403);
    expect((await rotate('39990101', seoulAdmin)).status).toBe(201);
    expect((await rotate('39990201', daeguAdmin)).status).toBe(201);
    expect((await rotate('39990301', national)).status).toBe(201);
  });
});

describe('a region’s stores by stock', () => {
  it('count a store in its region’s band as soon as it reports, and move it when its stock or break changes', async () => {
    const before = await countsOf('11');
    const daeguBefore = await countsOf('27');
    const a = (await rotate('39990101', seoulAdmin)).json.apiKey as string;
    const b = (await rotate('39990102', seoulAdmin)).json.apiKey as string;
    const d = (await rotate('39990201', national)).json.apiKey as string;
    expect((await report('39990101', a, { remaining: 0 })).status).toBe(200);
    expect((await report('39990102', b, { remaining: 150 })).status).toBe(200);
    expect((await report('39990201', d, { remaining: 40 })).status).toBe(200);
    expect(await countsOf('11')).toEqual({ ...before, empty: before.empty + 1, plenty: before.plenty + 1 });
    expect(await countsOf('27')).toEqual({ ...daeguBefore, some: daeguBefore.some + 1 });

    expect((await report('39990102', b, { status: 'break' })).status).toBe(200);
    expect(await countsOf('11')).toEqual({ ...before, empty: before.empty + 1, break: before.break + 1 });
  });

  it('show an official their own region, a national admin every region, and nobody else’s region', async () => {
    const own = await api.get('/v1/admin/masks/summary', { bearer: seoulOfficer });
    expect(own.json.regions.map((r: { region: string }) => r.region)).toEqual(['11']);
    const all = await api.get('/v1/admin/masks/summary', { bearer: national });
    expect(all.json.regions).toHaveLength(17);
    for (const row of all.json.regions as { counts: Counts; total: number }[]) {
      expect(Object.values(row.counts).reduce((sum, n) => sum + n, 0)).toBe(row.total);
    }
    expect((await api.get('/v1/admin/masks/summary?region=11', { bearer: daeguOfficer })).status).toBe(403);
    expect((await api.get('/v1/admin/masks/stores?region=11', { bearer: daeguAdmin })).status).toBe(403);
    const refused = await api.get('/v1/admin/masks/summary?region=99', { bearer: national });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.errors)).toContain('query.region');
  });

  it('list a region’s empty stores page by page, each once, as many as the count says', async () => {
    const empty = (await countsOf('11')).empty;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await api.get(`/v1/admin/masks/stores?remainStat=empty&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { bearer: seoulOfficer });
      expect(page.status).toBe(200);
      expect(page.json.region).toBe('11');
      seen.push(...(page.json.items as { code: string; addr: string; remaining: number }[]).map((s) => {
        expect(s.addr.startsWith('서울특별시')).toBe(true);
        expect(s.remaining).toBeLessThanOrEqual(1);
        return s.code;
      }));
      cursor = page.json.cursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(empty);
    expect(seen).toContain('39990101');
    expect(seen).not.toContain('39990102');

    const onBreak = await api.get('/v1/admin/masks/stores?remainStat=break', { bearer: seoulAdmin });
    expect(onBreak.json.items.map((s: { code: string }) => s.code)).toContain('39990102');
  });

  it('refuse a cursor that is not one the API gave for that region, naming it', async () => {
    const bad = await api.get('/v1/admin/masks/stores?cursor=bm90LWEtY3Vyc29y', { bearer: seoulOfficer });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.errors)).toContain('query.cursor');
    const first = await api.get('/v1/admin/masks/stores?region=11&limit=1', { bearer: national });
    const elsewhere = await api.get(`/v1/admin/masks/stores?region=27&cursor=${first.json.cursor}`, { bearer: national });
    expect(elsewhere.status).toBe(400);
  });
});

describe('the audit trail', () => {
  it('holds each key rotation in the store’s region and each import, with who did it', async () => {
    const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
    const { koreanDayOf } = await import('../../shared/audit/audit-trail.ts');
    const day = koreanDayOf(new Date().toISOString());
    const daegu = await new AuditRepository().day('27', day);
    expect(daegu.filter((e) => e.action === 'store.key-rotate' && e.subject.id === '39990201').map((e) => e.actor)).toContainEqual({
      kind: 'official',
      officerId: 'admin-daegu-01',
      role: 'admin',
      region: '27',
    });
    const seoul = await new AuditRepository().day('11', day);
    expect(seoul.some((e) => e.action === 'stores.import' && e.subject.id === 'regional-0001')).toBe(true);
    expect(seoul.some((e) => e.action === 'store.key-rotate' && e.subject.id === '39990201')).toBe(false);
  });
});
