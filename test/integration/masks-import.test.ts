import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let admin: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: true, demoStores: 0 });
  api = client(runtime.baseUrl);
  admin = runtime.credentials.officials.find((o) => o.role === 'national-admin')?.token ?? '';
});
afterAll(() => runtime.stop());

const csv = (rows: string[]) => ['code,name,addr,type,lat,lng', ...rows].join('\n');
const importCsv = (body: string, query = '', bearer = admin) =>
  api.post(`/v1/admin/stores:import${query}`, { bearer, body, headers: { 'content-type': 'text/csv' } });

describe('store imports', () => {
  it('import good rows, report each bad row, and make the stores findable', async () => {
    const imported = await importCsv(
      csv([
        '41000001,행복약국,경기도 수원시 장안구 정자동 1-1,01,37.2996,127.0107',
        '41000002,정자우체국,경기도 수원시 장안구 정자동 2-1,02,37.3001,127.0112',
        '4100000,짧은코드약국,경기도 수원시 장안구 정자동 3-1,01,37.3,127.01',
        '41000004,좌표없는약국,경기도 수원시 장안구 정자동 4-1,01,,',
        '41000005,제주밖약국,경기도 수원시 장안구 정자동 5-1,01,20.0,127.01',
      ]),
    );
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ status: 'done', total: 5, processed: 5, created: 2, updated: 0, rejected: 3 });
    expect(imported.json.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'code'],
      [4, 'lat'],
      [5, 'lat'],
    ]);
    await runtime.streams.drained();
    const nearby = await api.get('/v1/stores/nearby?lat=37.2996&lng=127.0107&radius=500');
    expect(nearby.json.stores.map((s: { code: string }) => s.code).sort()).toEqual(['41000001', '41000002']);
    expect(nearby.json.stores[0].remainStat).toBeNull();
  });

  it('upsert by code: a moved store leaves its old place, stock is kept', async () => {
    await importCsv(csv(['41000010,이사약국,경기도 수원시 장안구 정자동 9-9,01,37.2996,127.0107']));
    const key = await (await import('../setup/issue-credential.ts')).issueCredential('store', '41000010');
    await api.put('/v1/stores/41000010/stock', { bearer: key, body: { remaining: 150, asOf: new Date().toISOString() } });
    const moved = await api.post('/v1/admin/stores:import', {
      bearer: admin,
      body: [{ code: '41000010', name: '이사약국', addr: '부산광역시 해운대구 우동 1-1', type: '01', lat: 35.1631, lng: 129.1636 }],
    });
    expect(moved.json).toMatchObject({ created: 0, updated: 1 });
    await runtime.streams.drained();
    const oldPlace = await api.get('/v1/stores/nearby?lat=37.2996&lng=127.0107&radius=500');
    expect(oldPlace.json.stores.map((s: { code: string }) => s.code)).not.toContain('41000010');
    const newPlace = await api.get('/v1/stores/nearby?lat=35.1631&lng=129.1636&radius=100');
    expect(newPlace.json.stores).toEqual([expect.objectContaining({ code: '41000010', remaining: 150, addr: '부산광역시 해운대구 우동 1-1' })]);
  });

  it('report progress under the import id, and answer a repeated import id with its outcome', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `4200${String(i).padStart(4, '0')},약국${i},강원도 춘천시 효자동 ${i}-1,01,37.87,127.73`);
    const done = await importCsv(csv(rows), '?importId=bulk-0001');
    expect(done.json).toMatchObject({ importId: 'bulk-0001', status: 'done', created: 2500, rejected: 0 });
    const progress = await api.get('/v1/admin/imports/bulk-0001', { bearer: admin });
    expect(progress.json).toMatchObject({ status: 'done', processed: 2500, created: 2500 });
    const again = await importCsv(csv(rows), '?importId=bulk-0001');
    expect(again.json).toEqual(done.json);
    const listing = await api.get('/corona19-masks/v1/stores/json?page=1&perPage=500');
    expect(listing.json.totalCount).toBe(2503);
  });

  it('answer the same importId with other rows with 409, and the same rows with the first outcome', async () => {
    const rows = ['43000001,첫약국,충청북도 청주시 상당구 북문로1가 1-1,01,36.6358,127.4913'];
    const first = await importCsv(csv(rows), '?importId=reuse-0001');
    expect(first.status).toBe(200);
    const sameRowsAsJson = await api.post('/v1/admin/stores:import?importId=reuse-0001', {
      bearer: admin,
      body: [{ code: '43000001', name: '첫약국', addr: '충청북도 청주시 상당구 북문로1가 1-1', type: '01', lat: '36.6358', lng: '127.4913' }],
    });
    expect(sameRowsAsJson.json).toEqual(first.json);
    const other = await importCsv(csv(['43000002,다른약국,충청북도 청주시 상당구 북문로1가 2-1,01,36.6358,127.4913']), '?importId=reuse-0001');
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.json.type).toBe('https://crisis-response.go.kr/problems/idempotency-key-reused');
    const listing = await api.get('/corona19-masks/v1/stores/json?page=1&perPage=5000');
    expect(listing.json.storeInfos.map((s: { code: string }) => s.code)).not.toContain('43000002');
  });

  it('say so when the file is empty or has no rows', async () => {
    const cases: [string | undefined, string, string][] = [
      [undefined, 'text/csv', 'the file is empty'],
      ['  \n', 'text/csv', 'the file is empty'],
      ['code,name,addr,type,lat,lng\n', 'text/csv', 'the file has a header but no rows'],
      ['[]', 'application/json', 'the file has no rows'],
    ];
    for (const [body, type, message] of cases) {
      const refused = await api.post('/v1/admin/stores:import', { bearer: admin, ...(body === undefined ? {} : { body }), headers: { 'content-type': type } });
      expect(refused.status, message).toBe(400);
      expect(refused.json.errors, message).toEqual([{ field: 'body', message }]);
    }
  });

  it('is for national administrators only, and refuses what is not CSV or JSON rows', async () => {
    const officer = runtime.credentials.officials.find((o) => o.role === 'officer')?.token ?? '';
    expect((await importCsv(csv([]), '', officer)).status).toBe(403);
    expect((await importCsv(csv([]), '', '')).status).toBe(401);
    expect((await api.post('/v1/admin/stores:import', { bearer: admin, body: { stores: 1 } })).status).toBe(400);
    expect((await api.post('/v1/admin/stores:import', { bearer: admin, body: '<xml/>', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
    expect((await api.get('/v1/admin/imports/never-started', { bearer: admin })).status).toBe(404);
  });
});
