import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let seeded: { code: string; addr: string; lat: number; lng: number }[];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoStores: 700 });
  api = client(runtime.baseUrl);
  seeded = (await api.get('/corona19-masks/v1/stores/json?page=1&perPage=1000')).json.storeInfos;
});
afterAll(() => runtime.stop());

const LEGACY_TIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/;
const STORE_FIELDS = ['addr', 'code', 'created_at', 'lat', 'lng', 'name', 'remain_stat', 'stock_at', 'type'];

describe('the 2020 public-mask API', () => {
  it('pages through every store with the 2020 fields and totals', async () => {
    const first = await api.get('/corona19-masks/v1/stores/json?page=1&perPage=500');
    expect(first.json).toMatchObject({ count: 500, page: '1', totalCount: 700, totalPages: 2 });
    const second = await api.get('/corona19-masks/v1/stores/json?page=2&perPage=500');
    expect(second.json).toMatchObject({ count: 200, page: '2' });
    const codes = new Set([...first.json.storeInfos, ...second.json.storeInfos].map((s: { code: string }) => s.code));
    expect(codes.size).toBe(700);
    expect(Object.keys(first.json.storeInfos[0]).sort()).toEqual(['addr', 'code', 'lat', 'lng', 'name', 'type']);
    expect((await api.get('/corona19-masks/v1/stores/json?page=3&perPage=500')).json).toMatchObject({ count: 0, storeInfos: [] });
  });

  it('pages through stock status as sales/json did', async () => {
    const page = await api.get('/corona19-masks/v1/sales/json?page=1&perPage=500');
    expect(page.json.totalCount).toBe(700);
    const sale = page.json.sales[0];
    expect(Object.keys(sale).sort()).toEqual(['code', 'created_at', 'remain_stat', 'stock_at']);
    expect(sale.stock_at).toMatch(LEGACY_TIME);
    expect(sale.created_at).toMatch(LEGACY_TIME);
  });

  it('finds stores by geo with null for missing data and KST times', async () => {
    const [store] = seeded;
    if (!store) throw new Error('no store');
    const found = await api.get(`/corona19-masks/v1/storesByGeo/json?lat=${store.lat}&lng=${store.lng}&m=300`);
    expect(found.status).toBe(200);
    expect(found.json.count).toBe(found.json.stores.length);
    const match = found.json.stores.find((s: { code: string }) => s.code === store.code);
    expect(Object.keys(match).sort()).toEqual(STORE_FIELDS);
    expect(match.stock_at).toMatch(LEGACY_TIME);
    expect(['plenty', 'some', 'few', 'empty', 'break']).toContain(match.remain_stat);
  });

  it('treats m above 5000, as 2020 clients sent, as 5000', async () => {
    const [store] = seeded;
    if (!store) throw new Error('no store');
    const wide = await api.get(`/corona19-masks/v1/storesByGeo/json?lat=${store.lat}&lng=${store.lng}&m=10000`);
    const capped = await api.get(`/corona19-masks/v1/storesByGeo/json?lat=${store.lat}&lng=${store.lng}&m=5000`);
    expect(wide.status).toBe(200);
    expect(wide.json.count).toBe(capped.json.count);
  });

  it('matches an address prefix without scanning, down to the dong', async () => {
    const [store] = seeded.filter((s) => s.addr.split(' ').length >= 4);
    if (!store) throw new Error('no store');
    const [province, district, dong] = store.addr.split(' ');
    const byDistrict = await api.get(`/corona19-masks/v1/storesByAddr/json?address=${encodeURIComponent(`${province} ${district}`)}`);
    const byDong = await api.get(`/corona19-masks/v1/storesByAddr/json?address=${encodeURIComponent(`${province} ${district} ${dong}`)}`);
    expect(byDistrict.json.address).toBe(`${province} ${district}`);
    expect(byDistrict.json.stores.every((s: { addr: string }) => s.addr.startsWith(`${province} ${district}`))).toBe(true);
    expect(byDong.json.stores.map((s: { code: string }) => s.code)).toContain(store.code);
    expect(byDong.json.count).toBeLessThanOrEqual(byDistrict.json.count);
    expect(byDong.json.stores.every((s: { addr: string }) => s.addr.startsWith(`${province} ${district} ${dong}`))).toBe(true);
    expect(seeded.filter((s) => s.addr.startsWith(`${province} ${district} `)).length).toBe(byDistrict.json.count);
  });

  it('refuses bad input with clear 400s', async () => {
    for (const path of [
      '/corona19-masks/v1/storesByGeo/json?lat=x&lng=127&m=100',
      '/corona19-masks/v1/storesByGeo/json?lat=50&lng=127&m=100',
      '/corona19-masks/v1/storesByGeo/json?lat=37.5&lng=120&m=100',
      '/corona19-masks/v1/storesByGeo/json?lat=37.5&lng=127&m=abc',
      '/corona19-masks/v1/stores/json?page=1&perPage=100',
      '/corona19-masks/v1/sales/json?page=1&perPage=6000',
      '/corona19-masks/v1/stores/json?page=0&perPage=500',
      '/corona19-masks/v1/storesByAddr/json?address=서울특별시',
      '/corona19-masks/v1/storesByAddr/json',
    ]) {
      const refused = await api.get(encodeURI(path));
      expect(refused.status, path).toBe(400);
      expect(refused.json.detail, path).toBeTruthy();
    }
  });
});
