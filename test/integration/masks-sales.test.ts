import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { newSchemeResidentNumberFor, residentNumberFor } from '../../shared/people/resident-number.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// 2020-03-10, a Tuesday under the first rule: birth years ending 2 or 7 may buy, two a week.
process.env.MASK_RATIONING_AS_OF = '2020-03-10';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let stores: { code: string; apiKey: string }[];
/** Stores whose stock the tests below set for themselves. */
let spare: { code: string; apiKey: string }[];
let serial = 0;
const tuesdayBuyer = () => residentNumberFor({ year: 1982, month: 5, day: 17 }, ++serial);
const saleId = () => `sale-${++serial}`;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = client(runtime.baseUrl);
  stores = runtime.credentials.stores.slice(0, 3);
  spare = runtime.credentials.stores.slice(3, 6);
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
    const impossibleDate = '820230-1234567';
    const refused = await sell(store, { saleId: saleId(), buyerId: impossibleDate, quantity: 1 });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].field).toBe('body.buyerId');
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const unborn = newSchemeResidentNumberFor({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate() }, 123456);
    const notYetBorn = await sell(store, { saleId: saleId(), buyerId: unborn, quantity: 1 });
    expect(notYetBorn.status).toBe(400);
    expect(notYetBorn.json.errors[0]).toEqual({ field: 'body.buyerId', message: expect.stringContaining('after today') });
    expect((await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 0 })).status).toBe(400);
    expect((await sell(store, { saleId: 'bad id!', buyerId: tuesdayBuyer(), quantity: 1 })).status).toBe(400);
    expect((await api.post(`/v1/stores/${store.code}/sales`, { body: { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 } })).status).toBe(401);
  });

  it('sell to a person whose number was issued since October 2020, which has no check digit', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    // A 1987-born person whose number was changed: the last digit is not the old check digit.
    const valid = residentNumberFor({ year: 1987, month: 6, day: 1 }, ++serial);
    const changed = valid.slice(0, -1) + String((Number(valid.at(-1)) + 3) % 10);
    const sold = await sell(store, { saleId: saleId(), buyerId: changed, quantity: 1 });
    expect(sold.status).toBe(201);
    const baby = await sell(store, { saleId: saleId(), buyerId: newSchemeResidentNumberFor({ year: 2022, month: 2, day: 3 }, 918273), quantity: 1 });
    expect(baby.status).not.toBe(400);
  });

  it('refuse a saleId sent again with another buyer or quantity, and answer the same sale with its first answer', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const body = { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 };
    const first = await sell(store, body);
    expect(first.status).toBe(201);
    const before = await stockOf(store);
    for (const other of [{ ...body, quantity: 2 }, { ...body, buyerId: tuesdayBuyer() }]) {
      const reused = await sell(store, other);
      expect(reused.status).toBe(409);
      expect(reused.headers.get('content-type')).toBe('application/problem+json');
      expect(reused.json.type).toBe('https://crisis-response.go.kr/problems/idempotency-key-reused');
    }
    const same = await sell(store, { ...body, buyerId: body.buyerId.replace('-', '') });
    expect(same.status).toBe(201);
    expect(same.json).toEqual(first.json);
    expect(await stockOf(store)).toBe(before);
  });

  it('refuse a saleId reused for another buyer even when the first answer was a refusal', async () => {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const wednesdayBuyer = residentNumberFor({ year: 1983, month: 1, day: 2 }, ++serial);
    const body = { saleId: saleId(), buyerId: wednesdayBuyer, quantity: 1 };
    expect((await sell(store, body)).status).toBe(422);
    expect((await sell(store, body)).status).toBe(422);
    expect((await sell(store, { ...body, buyerId: tuesdayBuyer() })).status).toBe(409);
  });

  it('tell each of five sales at the same moment the stock left after it', async () => {
    const [store] = spare;
    if (!store) throw new Error('no store');
    await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 5, asOf: new Date().toISOString() } });
    const bodies = Array.from({ length: 5 }, () => ({ saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 }));
    const sales = await Promise.all(bodies.map((body) => sell(store, body)));
    expect(sales.map((s) => s.status)).toEqual([201, 201, 201, 201, 201]);
    expect(sales.map((s) => s.json.remaining as number).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(sales.map((s) => s.json.boughtThisWeek)).toEqual([1, 1, 1, 1, 1]);
    expect(await stockOf(store)).toBe(0);
    // A retry still gets its own first answer.
    const retry = await sell(store, bodies[2] ?? {});
    expect(retry.json).toEqual(sales[2]?.json);
  });

  it('tell a buyer served by two pharmacies at once what each sale brought the week to', async () => {
    const [a, b] = spare;
    if (!a || !b) throw new Error('no stores');
    for (const store of [a, b]) await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 50, asOf: new Date().toISOString() } });
    const buyer = tuesdayBuyer();
    const sales = await Promise.all([a, b].map((store) => sell(store, { saleId: saleId(), buyerId: buyer, quantity: 1 })));
    expect(sales.map((s) => s.status)).toEqual([201, 201]);
    expect(sales.map((s) => s.json.boughtThisWeek as number).sort()).toEqual([1, 2]);
  });

  it('stop at once when a store says so, even after a report its clock dated minutes ahead, until it reports stock again', async () => {
    const [, , store] = spare;
    if (!store) throw new Error('no store');
    const ahead = new Date(Date.now() + 4 * 60_000).toISOString();
    expect((await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 30, asOf: ahead } })).json.applied).toBe(true);
    const stopped = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { status: 'break' } });
    expect(stopped.status).toBe(200);
    expect(stopped.json).toMatchObject({ applied: true, remainStat: 'break' });
    const refused = await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.json.type).toBe('https://crisis-response.go.kr/problems/sales-stopped');
    // A report from before the break, arriving late, does not resume sales; one after it does.
    const late = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 30, asOf: new Date(Date.now() - 60_000).toISOString() } });
    expect(late.json).toMatchObject({ applied: false, remainStat: 'break' });
    const resumed = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 30, asOf: new Date(Date.now() + 1000).toISOString() } });
    expect(resumed.json).toMatchObject({ applied: true, remaining: 30 });
    expect((await sell(store, { saleId: saleId(), buyerId: tuesdayBuyer(), quantity: 1 })).status).toBe(201);
    const dated = await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { status: 'break', asOf: new Date(Date.now() + 2000).toISOString() } });
    expect(dated.json).toMatchObject({ applied: true, remainStat: 'break' });
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
