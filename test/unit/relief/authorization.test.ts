import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import program2020 from '../../../config/relief-2020.json' with { type: 'json' };
import { judgeAuthorization, type Merchant } from '../../../shared/relief/authorization.ts';
import { reliefProgramSchema } from '../../../shared/relief/relief-program.ts';

const program = reliefProgramSchema.parse(program2020);
const grant = { regionCode: '11', expiresAt: '2020-08-31T14:59:59.999Z', balance: 50_000 };
const bakery: Merchant = { id: 'm-1', name: '동네빵집', mcc: '5462', regionCode: '11', online: false };
const at = new Date('2020-06-01T12:00:00+09:00');

describe('an authorization against a grant', () => {
  it('approves what the balance covers, and partially what it does not (the card pays the rest)', () => {
    expect(judgeAuthorization({ program, grant, amount: 12_000, merchant: bakery, at })).toEqual({ decision: 'approved', approvedAmount: 12_000, remainingBalance: 38_000 });
    expect(judgeAuthorization({ program, grant, amount: 70_000, merchant: bakery, at })).toEqual({ decision: 'partial', approvedAmount: 50_000, remainingBalance: 0 });
  });

  it('declines another region, an excluded category by name, online payments, an expired or unknown grant, an empty one', () => {
    const judge = (over: Partial<Parameters<typeof judgeAuthorization>[0]>) => judgeAuthorization({ program, grant, amount: 10_000, merchant: bakery, at, ...over });
    expect(judge({ merchant: { ...bakery, regionCode: '26' } })).toMatchObject({ decision: 'declined', reason: 'other-region', approvedAmount: 0 });
    expect(judge({ merchant: { ...bakery, mcc: '5311' } })).toMatchObject({ reason: 'excluded-category', detail: 'department stores (MCC 5311)' });
    expect(judge({ merchant: { ...bakery, online: true } })).toMatchObject({ reason: 'online' });
    expect(judge({ at: new Date('2020-09-01T00:00:00+09:00') })).toMatchObject({ reason: 'expired' });
    expect(judge({ grant: undefined })).toMatchObject({ reason: 'unknown-grant' });
    expect(judge({ grant: { ...grant, balance: 0 } })).toMatchObject({ reason: 'no-balance' });
  });

  it('never approves more than the balance or the amount, and what remains is the balance minus what it approved', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom('5462', '5311', '5812', '7995'), (balance, amount, mcc) => {
        const decision = judgeAuthorization({ program, grant: { ...grant, balance }, amount, merchant: { ...bakery, mcc }, at });
        expect(decision.approvedAmount).toBeLessThanOrEqual(Math.min(balance, amount));
        expect(decision.remainingBalance).toBe(decision.decision === 'declined' ? (decision.reason === 'no-balance' ? 0 : balance) : balance - decision.approvedAmount);
        if (program.excludedCategories.some((c) => c.mcc === mcc)) expect(decision.decision).toBe('declined');
      }),
    );
  });
});
