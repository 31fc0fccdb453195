import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateLocalSecret } from '../../infra/local/local-secrets.ts';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { alertConfig } from '../../shared/alerts/alert-config.ts';
import { residentNumberFor } from '../../shared/people/resident-number.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';
import { client } from '../setup/http.ts';
import { issueCredential } from '../setup/issue-credential.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// A Tuesday of the 2020 rules: birth years ending in 2 or 7 buy.
process.env.MASK_RATIONING_AS_OF = '2020-03-10';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
const tokens: Record<string, string> = {};
const keys: Record<string, string> = {};
const partnerSecret = `whsec_${Buffer.from('card-company-07 webhook secret!!').toString('base64')}`;

// 울릉도: far from every demo store, so what is "within 1 km" is only what this file puts there.
const stores = [
  { code: '47900001', name: '울릉약국', addr: '경상북도 울릉군 울릉읍 도동리 100', type: '01', lat: 37.4845, lng: 130.9057 },
  { code: '47900002', name: '도동약국', addr: '경상북도 울릉군 울릉읍 도동리 200', type: '01', lat: 37.4875, lng: 130.9087 },
  { code: '47900003', name: '저동약국', addr: '경상북도 울릉군 울릉읍 저동리 300', type: '01', lat: 37.4995, lng: 130.9120 },
] as const;

beforeAll(async () => {
  // No demo data: what is empty, and near what, is only what this file reports.
  runtime = await startTestRuntime({ manifest: fixtureManifest, seed: false });
  api = client(runtime.baseUrl);
  await updateLocalSecret(resolve(runtime.dataDir, 'secrets.json'), 'partner-keys', JSON.stringify({ 'card-07': [partnerSecret] }));
  tokens.national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-admin-01' });
  tokens.seoulAdmin = await runtime.issuer.sign({ role: 'admin', region: '11', officerId: 'admin-0001' });
  tokens.gyeongbuk = await runtime.issuer.sign({ role: 'admin', region: '47', officerId: 'admin-gyeongbuk-01' });
  const importer = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'importer' });
  const imported = await api.post('/v1/admin/stores:import', { bearer: importer, body: { rows: stores } });
  expect(imported.status, imported.text).toBe(200);
  for (const store of stores) keys[store.code] = await issueCredential('store', store.code);
});
afterAll(() => runtime?.stop());

const stock = async (code: string, remaining: number) => {
  const response = await api.put(`/v1/stores/${code}/stock`, { bearer: keys[code], body: { remaining, asOf: new Date().toISOString() } });
  expect(response.status, response.text).toBe(200);
};

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const watchAt = async (at: Date) => {
  await runtime.streams.drained();
  return runtime.functions.invoke('watch-empty-stores', scheduledEvent('watch-empty-stores', at)) as Promise<{ checked: number; raised: number }>;
};

const alertsOf = async (token: string, type: string) => (await api.get(`/v1/alerts?type=${type}&limit=100`, { bearer: token })).json.items as {
  subject: { id: string };
  region: string;
  count: number;
  severity: string;
  message: string;
}[];

describe('masks: a store empty for hours with no masks within 1 km', () => {
  it('alerts the store’s province only once nothing nearby has masks, and counts later sweeps on the same alert', async () => {
    await stock('47900001', 0);
    await stock('47900002', 10);
    await stock('47900003', 0);

    // Empty, but not for long enough yet.
    expect((await watchAt(hoursFromNow(alertConfig.storeEmpty.afterHours - 0.5))).raised).toBe(0);
    // Long enough: 47900001 has 47900002 (few) 420 m away; 47900003, 1.7 km off, has nobody.
    expect(await watchAt(hoursFromNow(alertConfig.storeEmpty.afterHours + 0.5))).toMatchObject({ raised: 1 });
    let alerts = await alertsOf(tokens.gyeongbuk ?? '', 'STORE_EMPTY');
    expect(alerts.map((a) => [a.subject.id, a.region, a.count])).toEqual([['47900003', '47', 1]]);
    expect(alerts[0]?.message).toContain('저동약국');

    await stock('47900002', 1);
    await watchAt(hoursFromNow(alertConfig.storeEmpty.afterHours + 1));
    alerts = await alertsOf(tokens.gyeongbuk ?? '', 'STORE_EMPTY');
    // Now all three are empty: 47900002 since its report, which is hours before this sweep too.
    expect(alerts.map((a) => [a.subject.id, a.count]).sort()).toEqual([
      ['47900001', 1],
      ['47900002', 1],
      ['47900003', 2],
    ]);
    expect(await alertsOf(tokens.seoulAdmin ?? '', 'STORE_EMPTY')).toEqual([]);
  });

  it('leaves a restocked store out of the sweep, and starts the empty time at the sale that emptied a store', async () => {
    await stock('47900003', 50);
    expect((await watchAt(hoursFromNow(10))).checked).toBe(2);

    await stock('47900003', 3);
    const sold = await api.post('/v1/stores/47900003/sales', {
      bearer: keys['47900003'],
      body: { saleId: 'empty-by-sale-1', buyerId: residentNumberFor({ year: 1982, month: 5, day: 17 }, 901), quantity: 2 },
    });
    expect(sold.status, sold.text).toBe(201);
    expect(sold.json.remaining).toBe(1);
    expect((await watchAt(hoursFromNow(10))).checked).toBe(3);
  });
});

const sign = (body: string, secret: string) => {
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = new Date();
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, timestamp, body) };
};

describe('platform: a spike of rejected webhook signatures from one partner', () => {
  const forged = `whsec_${Buffer.from('not the partner secret at all!!!').toString('base64')}`;
  const post = (partnerId: string, secret: string) => {
    const body = JSON.stringify({ amount: 1000 });
    return api.post(`/v1/fixtures/partners/${partnerId}/events`, { body, headers: { 'content-type': 'application/json', 'x-partner-id': partnerId, ...sign(body, secret) } });
  };

  it('raises one national SIGNATURE_REJECTIONS alert when a minute has more than the threshold, and still answers every one 401', async () => {
    const over = alertConfig.signatureRejections.perMinute + 1;
    // Twice the threshold and one more: even if the minute turns during the burst, one minute goes over it.
    const answers = await Promise.all(Array.from({ length: 2 * over }, () => post('card-07', forged)));
    expect(answers.every((a) => a.status === 401)).toBe(true);
    expect((await post('card-07', partnerSecret)).status).toBe(202);

    const alerts = await alertsOf(tokens.national ?? '', 'SIGNATURE_REJECTIONS');
    expect(alerts.map((a) => [a.subject.id, a.region, a.severity])).toEqual([['card-07', '00', 'high']]);
    expect(await alertsOf(tokens.seoulAdmin ?? '', 'SIGNATURE_REJECTIONS')).toEqual([]);
  });

  it('raises nothing for a partner id nobody holds keys for', async () => {
    await Promise.all(Array.from({ length: 2 * alertConfig.signatureRejections.perMinute + 2 }, () => post('card-99', forged)));
    const alerts = await alertsOf(tokens.national ?? '', 'SIGNATURE_REJECTIONS');
    expect(alerts.map((a) => a.subject.id)).not.toContain('card-99');
  });
});
