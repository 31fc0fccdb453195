import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { launchBrowser } from './browser.ts';

/**
 * A third-party mask app: a page on its own origin (another port) that calls the API from the browser,
 * as more than 150 apps did in 2020.
 */
let runtime: LocalRuntime;
let thirdParty: Server;
let browser: Browser;
let page: Page;
let store: { code: string; apiKey: string; lat: number; lng: number };

beforeAll(async () => {
  runtime = await startTestRuntime();
  const [first] = runtime.credentials.stores;
  if (!first) throw new Error('the demo seeds store keys');
  const info = (await client(runtime.baseUrl).get('/corona19-masks/v1/stores/json?page=1&perPage=500')).json.storeInfos.find(
    (s: { code: string }) => s.code === first.code,
  );
  store = { ...first, lat: info.lat, lng: info.lng };
  thirdParty = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="ko"><title>마스크 앱</title><h1>마스크 앱</h1></html>');
  });
  await new Promise<void>((resolve) => thirdParty.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(thirdParty.address() as AddressInfo).port}/`);
});
afterAll(async () => {
  await browser?.close();
  thirdParty?.close();
  await runtime?.stop();
});

/** Runs `fetch` in the page; a CORS refusal surfaces as the browser's TypeError. */
const fetchFromPage = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  page.evaluate(
    async ([target, options]) => {
      try {
        const response = await fetch(target, options);
        return { status: response.status, json: (await response.json()) as unknown };
      } catch (error) {
        return { blocked: String(error) };
      }
    },
    [url, init] as const,
  );

describe('a web app on another origin, in Chromium', () => {
  it('reads nearby stores as JSON', async () => {
    const result = await fetchFromPage(`${runtime.baseUrl}/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500`);
    expect(result).toMatchObject({ status: 200, json: { stores: expect.arrayContaining([expect.objectContaining({ code: store.code })]) } });
  });

  it('reads nearby stores through a preflight when it sends a header that needs one', async () => {
    const result = await fetchFromPage(`${runtime.baseUrl}/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500`, {
      headers: { 'if-none-match': '"x"' },
    });
    expect(result).toMatchObject({ status: 200 });
  });

  it('reads the 2020 API and the OpenAPI document', async () => {
    expect(await fetchFromPage(`${runtime.baseUrl}/corona19-masks/v1/stores/json?page=1`)).toMatchObject({ status: 200 });
    expect(await fetchFromPage(`${runtime.baseUrl}/v1/openapi.json`)).toMatchObject({ status: 200, json: { openapi: '3.1.0' } });
  });

  it('is blocked from sending a store key, and the stock stays as it was', async () => {
    const result = await fetchFromPage(`${runtime.baseUrl}/v1/stores/${store.code}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'break' }),
    });
    expect(result).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') });
    await runtime.streams.drained();
    const nearby = await client(runtime.baseUrl).get(`/v1/stores/nearby?lat=${store.lat}&lng=${store.lng}&radius=500`);
    expect(nearby.json.stores.find((s: { code: string }) => s.code === store.code).remainStat).not.toBe('break');
  });

  it('cannot read a credentialed route’s answer even without sending credentials', async () => {
    expect(await fetchFromPage(`${runtime.baseUrl}/v1/officials/me`)).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') });
  });
});
