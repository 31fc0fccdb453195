import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let store: { code: string; apiKey: string; lat: number; lng: number };
let other: { code: string; apiKey: string };

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  const [first, second] = runtime.credentials.stores;
  if (!first || !second) throw new Error('the demo seeds store keys');
  const info = (await api.get('/corona19-masks/v1/stores/json?page=1&perPage=500')).json.storeInfos.find((s: { code: string }) => s.code === first.code);
  store = { ...first, lat: info.lat, lng: info.lng };
  other = second;
});
afterAll(() => runtime.stop());

const nearbyOf = async (code: string) => {
  const found = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500`);
  return (found.json.stores as { code: string; remaining: number; remainStat: string }[]).find((s) => s.code === code);
};

describe('stock reports', () => {
  it('update the store’s own stock, and are visible to nearby lookups within a second', async () => {
    // Long enough for the idle streams to be polled only every 2 s: the write itself must wake them.
    await new Promise((r) => setTimeout(r, 2500));
    const asOf = new Date().toISOString();
    const put = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 57, asOf, stockAt: asOf } });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ code: store.code, applied: true, remaining: 57, remainStat: 'some' });
    const started = Date.now();
    let seen = await nearbyOf(store.code);
    while (seen?.remaining !== 57 && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await nearbyOf(store.code);
    }
    expect(seen).toMatchObject({ remaining: 57, remainStat: 'some' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('change nothing when older than what is stored', async () => {
    const newer = new Date().toISOString();
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 120, asOf: newer } });
    const late = await api.put(`/v1/stores/${store.code}/stock`, {
      bearer: store.apiKey,
      body: { remaining: 5, asOf: new Date(Date.parse(newer) - 60_000).toISOString() },
    });
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ applied: false, remaining: 120, remainStat: 'plenty' });
  });

  it('may say sales stopped, which shows as break', async () => {
    const stopped = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { status: 'break' } });
    expect(stopped.json).toMatchObject({ applied: true, remainStat: 'break' });
    // Within the 1 s promise, not at once: the nearby route may answer from a cell read up to CELL_CACHE_MS (600 ms) ago.
    const started = Date.now();
    let seen = await nearbyOf(store.code);
    while (seen?.remainStat !== 'break' && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await nearbyOf(store.code);
    }
    expect(seen).toMatchObject({ remainStat: 'break' });
    expect(Date.now() - started).toBeLessThan(1000);
    const resumed = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 40, asOf: new Date().toISOString() } });
    expect(resumed.json).toMatchObject({ applied: true, remainStat: 'some' });
  });

  it('are refused for another store’s code, without a key, and from the future', async () => {
    const body = { remaining: 1, asOf: new Date().toISOString() };
    expect((await api.put(`/v1/stores/${other.code}/stock`, { bearer: store.apiKey, body })).status).toBe(403);
    expect((await api.put(`/v1/stores/${store.code}/stock`, { body })).status).toBe(401);
    const future = await api.put(`/v1/stores/${store.code}/stock`, {
      bearer: store.apiKey,
      body: { remaining: 1, asOf: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(future.status).toBe(400);
    expect(future.json.detail).toMatch(/future/);
  });

  it('are refused with field errors when malformed, and change nothing', async () => {
    const before = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 77, asOf: new Date().toISOString() } });
    for (const body of [{ remaining: -1, asOf: new Date().toISOString() }, { remaining: 1.5, asOf: 'yesterday' }, { status: 'closed' }, {}]) {
      const refused = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    const after = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 77, asOf: new Date(Date.now() - 86_400_000).toISOString() } });
    expect(after.json).toMatchObject({ applied: false, remaining: before.json.remaining });
  });
});

describe('store keys', () => {
  it('are rotated by an administrator of the store’s region; the old key stops working at once', async () => {
    const admin = runtime.credentials.officials.find((o) => o.role === 'national-admin')?.token;
    const officer = runtime.credentials.officials.find((o) => o.role === 'officer')?.token;
    expect((await api.post(`/v1/admin/stores/${other.code}/keys:rotate`, { bearer: officer })).status).toBe(403);
    expect((await api.post('/v1/admin/stores/99999999/keys:rotate', { bearer: admin })).status).toBe(404);
    const rotated = await api.post(`/v1/admin/stores/${other.code}/keys:rotate`, { bearer: admin });
    expect(rotated.status).toBe(201);
    const body = { remaining: 10, asOf: new Date().toISOString() };
    expect((await api.put(`/v1/stores/${other.code}/stock`, { bearer: other.apiKey, body })).status).toBe(401);
    expect((await api.put(`/v1/stores/${other.code}/stock`, { bearer: rotated.json.apiKey, body })).status).toBe(200);
  });

  it('leave exactly one working key after many rotations at the same moment', async () => {
    const admin = runtime.credentials.officials.find((o) => o.role === 'national-admin')?.token;
    const target = runtime.credentials.stores[2];
    if (!target) throw new Error('the demo seeds store keys');
    const rotations = await Promise.all(Array.from({ length: 16 }, () => api.post(`/v1/admin/stores/${target.code}/keys:rotate`, { bearer: admin })));
    expect(rotations.map((r) => r.status)).toEqual(rotations.map(() => 201));
    const body = { remaining: 10, asOf: new Date().toISOString() };
    const tried = await Promise.all(
      [target.apiKey, ...rotations.map((r) => r.json.apiKey as string)].map(async (key) => (await api.put(`/v1/stores/${target.code}/stock`, { bearer: key, body })).status),
    );
    expect(tried.filter((status) => status === 200)).toHaveLength(1);
    expect(tried.filter((status) => status === 401)).toHaveLength(16);
  });
});

describe('nearby lookups', () => {
  it('return stores within the radius, nearest first, with the fields the page needs', async () => {
    const found = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=20`);
    expect(found.status).toBe(200);
    const stores = found.json.stores as { distanceM: number }[];
    expect(stores.length).toBeGreaterThan(0);
    expect(stores.map((s) => s.distanceM)).toEqual([...stores.map((s) => s.distanceM)].sort((a, b) => a - b));
    expect(stores.every((s) => s.distanceM <= 5000)).toBe(true);
    expect(Object.keys(found.json.stores[0]).sort()).toEqual(['addr', 'code', 'distanceM', 'lat', 'lng', 'name', 'remainStat', 'remaining', 'stockAt', 'type', 'updatedAt']);
  });

  it('say when the limit cut the list', async () => {
    const all = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=500`);
    const count = all.json.count as number;
    expect(all.json.truncated).toBe(false);
    expect(count, 'the demo puts several stores within 5 km of this one').toBeGreaterThan(1);
    const cut = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=${count - 1}`);
    expect(cut.json).toMatchObject({ count: count - 1, total: count, truncated: true });
  });

  it('say how many stores the radius holds, and give all of a 5 km circle when asked', async () => {
    const first = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=1`);
    expect(first.json).toMatchObject({ count: 1, truncated: first.json.total > 1 });
    const all = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=2000`);
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ count: first.json.total, total: first.json.total, truncated: false });
    const tooMany = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=5000&limit=2001`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.json.errors)).toContain('limit');
  });

  it('refuse what is not a place in Korea or a radius over 5 km with a clear 400', async () => {
    for (const query of ['lat=abc&lng=127', 'lat=10&lng=127', 'lat=37.5&lng=140', 'lat=37.5&lng=127&radius=6000', 'lng=127', 'lat=37.5&lng=127&status=soldout']) {
      const refused = await api.get(`/v1/stores/nearby?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.json.errors.length, query).toBeGreaterThan(0);
    }
  });
});

describe('refusals that name the field', () => {
  const report = (body: unknown) => api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body });
  const errorsOf = async (body: unknown) => {
    const refused = await report(body);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    return refused.json.errors as { field: string; message: string }[];
  };

  it('say which field of a stock report is wrong and how', async () => {
    const asOf = new Date().toISOString();
    expect(await errorsOf({ remaning: 50, asOf })).toContainEqual({ field: 'body.remaning', message: 'unknown field' });
    expect(await errorsOf({ remaining: 50 })).toEqual([{ field: 'body.asOf', message: 'required' }]);
    expect(await errorsOf({ remaining: '50', asOf })).toEqual([{ field: 'body.remaining', message: 'expected a number, got a string' }]);
    expect(await errorsOf({ status: 'closed' })).toEqual([{ field: 'body.status', message: 'expected "break"' }]);
    const hint = 'required (send {"remaining": …, "asOf": …} or {"status": "break"})';
    expect(await errorsOf(undefined)).toEqual([{ field: 'body', message: hint }]);
    expect(await errorsOf({})).toEqual([{ field: 'body', message: hint }]);
  });

  it('refuse a stock time far in the future, which the 2020 API showed as the year 10000', async () => {
    const errors = await errorsOf({ remaining: 5, stockAt: '9999-12-31T00:00:00+09:00', asOf: new Date().toISOString() });
    expect(errors).toEqual([{ field: 'body.stockAt', message: expect.stringContaining('future') }]);
  });

  it('read query numbers only as plain decimals, on every route', async () => {
    const near = `lat=${store.lat}&lng=${store.lng}`;
    const cases: [string, string][] = [
      ['/v1/stores/nearby?lat=0x25&lng=127', 'query.lat'],
      [`/v1/stores/nearby?${near}&radius=0b1`, 'query.radius'],
      [`/v1/stores/nearby?${near}&limit=0o7`, 'query.limit'],
      [`/v1/stores/nearby?${near}&radius=1e3`, 'query.radius'],
      [`/v1/stores/nearby?lat=Infinity&lng=127`, 'query.lat'],
      [`/v1/stores/nearby?lat=%2012&lng=127`, 'query.lat'],
      [`/corona19-masks/v1/storesByGeo/json?${near}&m=1e3`, 'query.m'],
      ['/corona19-masks/v1/sales/json?page=0x2', 'query.page'],
      ['/corona19-masks/v1/stores/json?perPage=5e2', 'query.perPage'],
    ];
    for (const [path, field] of cases) {
      const refused = await api.get(path);
      expect(refused.status, path).toBe(400);
      expect(refused.json.errors.map((e: { field: string }) => e.field), path).toEqual([field]);
    }
    expect((await api.get(`/v1/stores/nearby?${near}&radius=1000&limit=7`)).status).toBe(200);
  });

  it('answer a huge 2020 page number without a server error', async () => {
    for (const path of ['/corona19-masks/v1/sales/json?page=18014398509482', '/corona19-masks/v1/stores/json?page=18014398509482&perPage=5000']) {
      const answer = await api.get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.json.errors[0].field).toBe('query.page');
    }
    const pastTheEnd = await api.get('/corona19-masks/v1/sales/json?page=999999');
    expect(pastTheEnd.status).toBe(200);
    expect(pastTheEnd.json).toMatchObject({ count: 0, sales: [] });
  });
});
