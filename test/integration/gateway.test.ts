import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';

let runtime: LocalRuntime;
/** A route whose module exports no handler: the integration itself fails, as a broken deployment would. */
const brokenIntegration = {
  name: 'fixture-broken',
  entry: 'infra/manifest/cors.ts',
  description: 'Exports no handler',
  uses: {},
  triggers: [{ kind: 'http' as const, method: 'GET' as const, path: '/v1/fixtures/broken', auth: 'public' as const, operationId: 'fixtureFail' }],
};

beforeAll(async () => {
  runtime = await startTestRuntime({ manifest: { ...fixtureManifest, functions: [...fixtureManifest.functions, brokenIntegration] } });
});
afterAll(() => runtime.stop());

const call = (path: string, init?: RequestInit) => fetch(runtime.baseUrl + path, init);
const post = (path: string, body: string, contentType = 'application/json') =>
  call(path, { method: 'POST', body, headers: { 'content-type': contentType } });

const expectProblem = async (response: Response, status: number, type: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: `https://crisis-response.go.kr/problems/${type}` });
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
};

describe('the local gateway and the handler stack', () => {
  it('answers health with a real DynamoDB read', async () => {
    const response = await call('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', runtime: 'local', database: { status: 'ok' } });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    await expectProblem(await call('/v1/no-such-thing'), 404, 'not-found');
  });

  it('answers a wrong method with 405 and the allowed methods', async () => {
    const response = await call('/v1/health', { method: 'DELETE' });
    await expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('accepts a valid body and applies query defaults', async () => {
    const response = await post('/v1/fixtures/echo', JSON.stringify({ name: '약국', count: 3 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: '약국', count: 3, times: 1 });
  });

  it('lists every field problem at once', async () => {
    const problem = await expectProblem(
      await post('/v1/fixtures/echo?times=9', JSON.stringify({ name: '', count: -1, extra: true })),
      400,
      'validation',
    );
    const fields = (problem.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['body.count', 'body.extra', 'body.name', 'query.times']));
  });

  it('refuses malformed JSON, a wrong media type and an oversized body with 4xx', async () => {
    await expectProblem(await post('/v1/fixtures/echo', '{"name": "a",'), 400, 'bad-request');
    await expectProblem(await post('/v1/fixtures/echo', 'name=a', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type');
    await expectProblem(await post('/v1/fixtures/echo', JSON.stringify({ name: 'a'.repeat(2000), count: 1 })), 413, 'payload-too-large');
  });

  it('refuses a path that is not valid percent-encoding with 400', async () => {
    await expectProblem(await call('/v1/fixtures/stores/%E0%A4%A'), 400, 'bad-request');
  });

  it('turns a bug into a 500 that leaks nothing', async () => {
    const problem = await expectProblem(await call('/v1/fixtures/fail?mode=bug'), 500, 'internal');
    expect(JSON.stringify(problem)).not.toContain('secret internal detail');
    expect(problem.detail).toMatch(/request id/);
  });

  it('answers a failing integration with 500 problem+json, as API Gateway would with a status', async () => {
    const problem = await expectProblem(await call('/v1/fixtures/broken'), 500, 'internal');
    expect(JSON.stringify(problem)).not.toContain('exports no handler');
  });

  it('turns DynamoDB throttling into 503 with Retry-After', async () => {
    const response = await call('/v1/fixtures/fail?mode=throttled');
    await expectProblem(response, 503, 'busy');
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('catches an answer that breaks its own contract before a client sees it', async () => {
    await expectProblem(await call('/v1/fixtures/fail?mode=off-contract'), 500, 'internal');
  });

  it('serves the pages with a strict CSP, folders with their slash, and nothing outside web/', async () => {
    const page = await call('/masks/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const folder = await call('/masks?lang=en', { redirect: 'manual' });
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('/masks/?lang=en');
    for (const escape of ['/..%2Fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/../infra/local/secrets.json']) {
      expect((await call(escape)).status, escape).toBe(404);
    }
  });

  it('serves the OpenAPI document with every route of the system', async () => {
    const document = (await (await call('/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/health', '/v1/openapi.json', '/v1/officials/me']));
  });
});
