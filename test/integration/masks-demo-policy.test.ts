import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { koreanWeekday } from '../../shared/masks/korean-time.ts';
import { residentNumberFor } from '../../shared/people/resident-number.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// Today, not a replayed 2020 date: what a new user of `npm start` sees.
delete process.env.MASK_RATIONING_AS_OF;

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let store: { code: string; apiKey: string };
let serial = 0;
/** Born in a year whose last digit may buy today (Monday 1/6 … Friday 5/0); anyone at the weekend. */
const today = koreanWeekday(new Date());
const buyerWhoMayBuyToday = () => residentNumberFor({ year: today >= 1 && today <= 5 ? 1980 + today : 1983, month: 5, day: 17 }, ++serial);
const buyerBornOn = (year: number) => residentNumberFor({ year, month: 5, day: 17 }, ++serial);

beforeAll(async () => {
  runtime = await startTestRuntime({ rationingPolicy: 'demo' });
  api = client(runtime.baseUrl);
  const [first] = runtime.credentials.stores;
  if (!first) throw new Error('the demo seeds store keys');
  store = first;
  await api.put(`/v1/stores/${store.code}/stock`, { bearer: store.apiKey, body: { remaining: 100, asOf: new Date().toISOString() } });
});
afterAll(() => runtime.stop());

const sell = (buyerId: string, quantity: number) => api.post(`/v1/stores/${store.code}/sales`, { bearer: store.apiKey, body: { saleId: `demo-${++serial}`, buyerId, quantity } });

describe('the demo policy of npm start', () => {
  it('rations sales today: two masks a week, the third refused', async () => {
    const buyer = buyerWhoMayBuyToday();
    const sold = await sell(buyer, 2);
    expect(sold.status).toBe(201);
    expect(sold.json).toMatchObject({ boughtThisWeek: 2, weeklyLimit: 2 });
    const third = await sell(buyer, 1);
    expect(third.status).toBe(422);
    expect(third.json.type).toMatch(/weekly-limit$/);
  });

  it('turns away on a weekday a buyer whose birth year is not the day’s', async () => {
    // At the weekend anyone may buy, so there is no one to turn away.
    if (today === 0 || today === 6) return;
    const refused = await sell(buyerBornOn(1980 + ((today % 5) + 1)), 1);
    expect(refused.status).toBe(422);
    expect(refused.json.type).toMatch(/not-your-day$/);
  });
});
