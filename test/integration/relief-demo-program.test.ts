import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { koreanDate } from '../../shared/masks/korean-time.ts';
import { householdOf, installPartners, webhook, writeRegistry } from '../setup/relief.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// The demo runs on today's clock, as `npm start` does.
delete process.env.RELIEF_AS_OF;

let runtime: LocalRuntime;
let post: ReturnType<typeof webhook>;
const household = householdOf(3, '41', 1984);

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false, reliefProgram: 'demo' });
  post = webhook(runtime, await installPartners(runtime, ['card-woori']));
  await writeRegistry(runtime, [household]);
});
afterAll(() => runtime?.stop());

describe('the demo relief program that npm start runs', () => {
  it('lets a head of household of any birth year apply today and spend the points at once', async () => {
    const applied = await post('card-woori', 'applications', { applicationId: 'demo-1', applicantResidentId: household.head, cardToken: 'tok_demo_card' });
    expect(applied.json).toMatchObject({ decision: 'approved', amount: 800_000, regionCode: '41' });
    // Spending runs 100 days from the opening, which was 20 days ago.
    const until = new Date(Date.now() + 80 * 86_400_000);
    expect(String(applied.json.expiresAt).startsWith(koreanDate(until)) || koreanDate(new Date(String(applied.json.expiresAt))) === koreanDate(until)).toBe(true);
    const paid = await post('card-woori', 'authorizations', {
      authorizationId: 'demo-pay-1',
      grantId: applied.json.grantId,
      amount: 12_000,
      merchant: { id: 'm', name: '수원 통닭', mcc: '5812', regionCode: '41', online: false },
      at: new Date().toISOString(),
    });
    expect(paid.json).toEqual({ decision: 'approved', approvedAmount: 12_000, remainingBalance: 788_000 });
  });
});
