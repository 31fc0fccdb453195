import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { rawExchange, type RawResponse } from '../setup/raw-http.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let port: number;
let store: { code: string; apiKey: string; lat: number; lng: number };

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  port = Number(new URL(runtime.baseUrl).port);
  const [first] = runtime.credentials.stores;
  if (!first) throw new Error('the demo seeds store keys');
  const info = (await api.get('/corona19-masks/v1/stores/json?page=1&perPage=500')).json.storeInfos.find((s: { code: string }) => s.code === first.code);
  store = { ...first, lat: info.lat, lng: info.lng };
});
afterAll(() => runtime.stop());

const MiB = 1024 * 1024;

const expectProblem = (response: RawResponse, status: number, type: string) => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  const problem = JSON.parse(response.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: `https://crisis-response.go.kr/problems/${type}` });
  expect(problem.detail).toEqual(expect.any(String));
  return problem;
};

const remainingOf = async (code: string) => {
  const found = await api.get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500`);
  return (found.json.stores as { code: string; remaining: number | null }[]).find((s) => s.code === code)?.remaining;
};

describe('the local gateway’s limits, answered like API Gateway in problem+json', () => {
  it('answers an 11 MiB stock report with 413 the client receives, and changes nothing', async () => {
    const before = await remainingOf(store.code);
    // Valid JSON padded with spaces: were the gateway to read it all, the report would apply.
    const report = JSON.stringify({ remaining: 7, asOf: new Date().toISOString() });
    const head =
      `PUT /v1/stores/${store.code}/stock HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${store.apiKey}\r\n` +
      `content-type: application/json\r\ncontent-length: ${11 * MiB}\r\n\r\n`;
    const response = await rawExchange(port, head, { bytes: 11 * MiB, prefix: report });
    const problem = expectProblem(response, 413, 'payload-too-large');
    expect(problem.detail).toMatch(/10 MiB/);
    await runtime.streams.drained();
    expect(await remainingOf(store.code)).toBe(before);
    expect(before).not.toBe(7);
  });

  it('answers an 11 MiB chunked upload with 413 too, without waiting for its end', async () => {
    const head = `POST /v1/stores/${store.code}/sales HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${store.apiKey}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
    expectProblem(await rawExchange(port, head, { bytes: 11 * MiB, chunked: true }), 413, 'payload-too-large');
  });

  it('tells a client that asks first (Expect: 100-continue, as curl does) 413 before it uploads anything', async () => {
    const head = `PUT /v1/stores/${store.code}/stock HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${store.apiKey}\r\ncontent-type: application/json\r\ncontent-length: ${11 * MiB}\r\nexpect: 100-continue\r\n\r\n`;
    expectProblem(await rawExchange(port, head), 413, 'payload-too-large');
  });

  it('answers an oversized fetch upload with 413 rather than a reset', async () => {
    const response = await fetch(`${runtime.baseUrl}/v1/stores/${store.code}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store.apiKey}`, 'content-type': 'application/json' },
      body: Buffer.alloc(11 * MiB, ' '),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('still takes a body just under the limit to the handler', async () => {
    const body = JSON.stringify({ remaining: 7, asOf: new Date().toISOString() }) + ' '.repeat(9 * MiB);
    const response = await fetch(`${runtime.baseUrl}/v1/stores/${store.code}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store.apiKey}`, 'content-type': 'application/json' },
      body,
    });
    // The route's own 64 KiB limit answers, in the handler's problem+json: the gateway let it through.
    expect(response.status).toBe(413);
    expect(response.headers.get('x-route-key')).toBe('PUT /v1/stores/{code}/stock');
  });

  it.each([
    ['just over API Gateway’s 10,240 bytes', 11_000],
    ['over Node’s 16 KiB', 20_000],
    ['far over everything', 100_000],
  ])('answers a URL %s with 414 problem+json', async (_, length) => {
    const path = `/v1/stores/nearby?lat=37.5&lng=127&q=${'a'.repeat(length)}`;
    expectProblem(await rawExchange(port, `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`), 414, 'uri-too-long');
  });

  it.each([
    ['just over API Gateway’s 10,240 bytes', 11_000],
    ['over Node’s 16 KiB', 20_000],
    ['far over everything', 100_000],
  ])('answers headers %s with 431 problem+json', async (_, length) => {
    const head = `GET /v1/stores/nearby?lat=37.5&lng=127 HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: ${'b'.repeat(length)}\r\n\r\n`;
    expectProblem(await rawExchange(port, head), 431, 'headers-too-large');
  });

  it('answers a URL and headers within the limits as usual', async () => {
    const head = `GET /v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500&q=${'a'.repeat(4000)} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: ${'b'.repeat(4000)}\r\n\r\n`;
    expect((await rawExchange(port, head)).status).toBe(200);
  });

  it('answers a request target that is not a path with 400 problem+json, not a hang', async () => {
    expectProblem(await rawExchange(port, 'GET http://[oops/v1/health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n'), 400, 'bad-request');
  });

  it('answers a request that is not HTTP with 400 problem+json', async () => {
    expectProblem(await rawExchange(port, 'GET /v1/health HTTP/1.1\r\nhost 127.0.0.1\r\n\r\n'), 400, 'bad-request');
  });
});
