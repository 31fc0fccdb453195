import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { residentNumberFor } from '../../shared/masks/resident-number.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// 2020-03-10, a Tuesday under the first rule: birth years ending 2 or 7 may buy, two a week.
process.env.MASK_RATIONING_AS_OF = '2020-03-10';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let stores: { code: string; apiKey: string }[];
let serial = 0;
const tuesdayBuyer = () => residentNumberFor({ year: 1982, month: 5, day: 17 }, ++serial);
const saleId = () => `sale-${++serial}`;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  stores = runtime.credentials.stores.slice(0, 3);
  for (const store of stores) {
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 100, asOf: new Date().toISOString() } });
  }
});
afterAll(() => runtime.stop());

const sell = (store: { code: string; apiKey: string }, body: Record<string, unknown>, language?: string) =>
  api.post(`/v1/stores/${store.code}/sales`, { bearer: store.apiKey, body, ...(language ? { headers: { 'accept-language': language } } : {}) });
const stockOf = async (store: { code: string; apiKey: string }) =>
  (await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 0, asOf: '2000-01-01T00:00:00Z' } })).json.remaining as number;

describe('rationed sales', () => {
  it('sell within the rules and take the masks off the stock', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const before = await stockOf(store);
    const sold = await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 2 });
    expect(sold.status).toBe(201);
    expect(sold.json).toMatchObject({ quantity: 2, boughtThisWeek: 2, weeklyLimit: 2, remaining: before - 2 });
    expect(await stockOf(store)).toBe(before - 2);
  });

  it('answer a retry with the first answer and sell nothing twice', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const body = { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 };
    const first = await sell(store, body);
    const before = await stockOf(store);
    const again = await sell(store, body);
    expect(again.status).toBe(first.status);
    expect(again.json).toEqual(first.json);
    expect(await stockOf(store)).toBe(before);
  });

  it('refuse the wrong weekday with a detail to read aloud', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const buyer = residentNumberFor({ year: 1983, month: 1, day: 2 }, ++serial);
    const refused = await sell(store, { saleId: saleId(), buyerId: buyer, quantity: 1 });
    expect(refused.status).toBe(422);
    expect(refused.json.type).toBe('https://crisis-response.go.kr/problems/not-your-day');
    expect(refused.json.detail).toContain('수요일');
    const english = await sell(store, { saleId: saleId(), buyerId: buyer, quantity: 1 }, 'en-US');
    expect(english.json.detail).toContain('Wednesday');
  });

  it('refuse the third mask of the week, wherever it is bought', async () => {
    const [a, b] = stores;
    if (!a || !b) throw new Error('no stores');
    const buyer = tuesdayBuyer();
    expect((await sell(a, { saleId: saleId(), buyerId: buyer, quantity: 1 })).status).toBe(201);
    expect((await sell(b, { saleId: saleId(), buyerId: buyer, quantity: 1 })).status).toBe(201);
    const third = await sell(b, { saleId: saleId(), buyerId: buyer, quantity: 1 });
    expect(third.status).toBe(422);
    expect(third.json).toMatchObject({ type: 'https://crisis-response.go.kr/problems/weekly-limit', boughtThisWeek: 2 });
  });

  it('never exceed the limit when two pharmacies sell to one person at the same moment', async () => {
    const [a, b, c] = stores;
    if (!a || !b || !c) throw new Error('no stores');
    const buyer = tuesdayBuyer();
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => sell([a, b, c][i % 3] ?? a, { saleId: saleId(), buyerId: buyer, quantity: 1 })),
    );
    expect(attempts.filter((r) => r.status === 201)).toHaveLength(2);
    expect(attempts.filter((r) => r.status === 422 || r.status === 503)).toHaveLength(10);
  });

  it('refuse more than the stock, and sales while stopped, without recording them', async () => {
    const [, , store] = stores;
    if (!store) throw new Error('no store');
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 1, asOf: new Date().toISOString() } });
    const body = { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 2 };
    const short = await sell(store, body);
    expect(short.status).toBe(409);
    expect(short.json).toMatchObject({ type: 'https://crisis-response.go.kr/problems/insufficient-stock', remaining: 1 });
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 10, asOf: new Date().toISOString() } });
    expect((await sell(store, body)).status).toBe(201); // the same saleId, now that stock arrived
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { status: 'break' } });
    const stopped = await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 });
    expect(stopped.status).toBe(409);
    expect(stopped.json.type).toBe('https://crisis-response.go.kr/problems/sales-stopped');
  });

  it('refuse an invalid resident number or quantity with 400 and store no identifier in the clear', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const badChecksum = tuesdayBuyer().replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const refused = await sell(store, { saleId: saleId(), buyerId: badChecksum, quantity: 1 });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].field).toBe('body.buyerId');
    expect((await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 0 })).status).toBe(400);
    expect((await sell(store, { saleId: 'bad id!', buyerId: tuesdayBuyer(), quantity: 1 })).status).toBe(400);
    expect((await api.post(`/v1/stores/${store.code}/sales`, { body: { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 } })).status).toBe(401);
  });

  it('keep buyers only as keyed hashes', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const buyer = tuesdayBuyer();
    expect((await sell(store, { saleId: saleId(), buyerId: buyer, quantity: 1 })).status).toBe(201);
    const dynamo = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { Items = [] } = await dynamo.send(new ScanCommand({ TableName: runtime.tableNames.get('mask-sales') }));
    dynamo.destroy();
    const stored = JSON.stringify(Items);
    expect(stored).toContain('buyer#');
    expect(stored).not.toContain(buyer.replace('-', ''));
    expect(stored).not.toContain(buyer);
  });
});
