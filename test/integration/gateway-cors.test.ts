import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let store: { code: string; apiKey: string };
beforeAll(async () => {
  runtime = await startTestRuntime();
  const [first] = runtime.credentials.stores;
  if (!first) throw new Error('the demo seeds store keys');
  store = first;
});
afterAll(() => runtime.stop());

const ORIGIN = 'https://mask-app.example';
const call = (path: string, init: RequestInit = {}) =>
  fetch(runtime.baseUrl + path, { ...init, headers: { origin: ORIGIN, ...(init.headers as Record<string, string>) } });
const preflight = (path: string, method: string, headers = '') =>
  call(path, {
    method: 'OPTIONS',
    headers: { 'access-control-request-method': method, ...(headers ? { 'access-control-request-headers': headers } : {}) },
  });

const PUBLIC_READS = [
  '/v1/stores/nearby?lat=37.5665&lng=126.978&radius=1000',
  '/corona19-masks/v1/storesByGeo/json?lat=37.5665&lng=126.978&m=1000',
  '/corona19-masks/v1/storesByAddr/json?address=서울특별시 중구',
  '/corona19-masks/v1/stores/json?page=1',
  '/corona19-masks/v1/sales/json?page=1',
  '/v1/openapi.json',
];

describe('CORS on the local gateway', () => {
  it.each(PUBLIC_READS)('lets a page on any origin read %s', async (path) => {
    const response = await call(encodeURI(path));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets a page on any origin read a public read’s refusal too, so an app can show it', async () => {
    const response = await call('/v1/stores/nearby?lat=999&lng=126.978');
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(PUBLIC_READS.map((p) => p.split('?')[0] ?? p))('answers the preflight of %s with 204 and what it allows', async (path) => {
    const response = await preflight(encodeURI(path), 'GET', 'if-none-match');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')).toContain('if-none-match');
    expect(response.headers.get('access-control-allow-headers')).not.toContain('authorization');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('allows no origin on routes with credentials: no allow-origin header, and their preflights refused', async () => {
    const stock = await call(`/v1/stores/${store.code}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'break' }),
    });
    expect(stock.headers.get('access-control-allow-origin')).toBeNull();
    const me = await call('/v1/officials/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('access-control-allow-origin')).toBeNull();

    for (const [path, method] of [
      [`/v1/stores/${store.code}/stock`, 'PUT'],
      [`/v1/stores/${store.code}/sales`, 'POST'],
      ['/v1/officials/me', 'GET'],
      ['/v1/admin/stores:import', 'POST'],
    ] as const) {
      const response = await preflight(path, method, 'authorization, content-type');
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(response.headers.get('content-type'), path).toBe('application/problem+json');
    }
  });
});
