import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTransfer,
  EMPTY_LEDGER,
  grantAccount,
  grantFigures,
  settlementAccount,
  totalOfBalances,
  type Ledger,
  type Transfer,
} from '../../../shared/relief/ledger.ts';

const issue = (grantId: string, amount: number): Transfer => ({ transferId: `grant-${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount, grantId });

describe('the relief ledger', () => {
  it('applies a transfer once: the same transfer again changes nothing, the same id with another amount is refused', () => {
    let ledger = applyTransfer(EMPTY_LEDGER, issue('g1', 400_000)).ledger;
    const spend: Transfer = { transferId: 'auth-1', kind: 'spend', debit: grantAccount('g1'), credit: settlementAccount('kb'), amount: 30_000, grantId: 'g1' };
    ledger = applyTransfer(ledger, spend).ledger;
    expect(applyTransfer(ledger, spend).outcome).toEqual({ kind: 'duplicate' });
    expect(applyTransfer(ledger, { ...spend, amount: 31_000 }).outcome).toMatchObject({ kind: 'conflict', existing: spend });
    expect(grantFigures(ledger, 'g1')).toMatchObject({ balance: 370_000, spent: 30_000 });
  });

  it('never lets a grant go below zero', () => {
    const ledger = applyTransfer(EMPTY_LEDGER, issue('g1', 10_000)).ledger;
    const outcome = applyTransfer(ledger, { transferId: 'a', kind: 'spend', debit: grantAccount('g1'), credit: settlementAccount('nh'), amount: 10_001, grantId: 'g1' }).outcome;
    expect(outcome).toEqual({ kind: 'insufficient', balance: 10_000 });
  });

  type Step =
    | { readonly op: 'issue'; readonly grant: number; readonly amount: number }
    | { readonly op: 'donate' | 'spend' | 'reverse' | 'late-reverse' | 'expire'; readonly grant: number; readonly amount: number; readonly partner: number }
    | { readonly op: 'retry' | 'retry-changed'; readonly pick: number; readonly amount: number };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ op: fc.constant('issue' as const), grant: fc.integer({ min: 0, max: 3 }), amount: fc.constantFrom(400_000, 600_000, 800_000, 1_000_000) }),
    fc.record({
      op: fc.constantFrom('donate' as const, 'spend' as const, 'reverse' as const, 'late-reverse' as const, 'expire' as const),
      grant: fc.integer({ min: 0, max: 3 }),
      amount: fc.integer({ min: 1, max: 500_000 }),
      partner: fc.integer({ min: 0, max: 2 }),
    }),
    fc.record({ op: fc.constantFrom('retry' as const, 'retry-changed' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 500_000 }) }),
  );

  it('keeps, after every step of random interleavings with retries, each grant’s figures whole, balances ≥ 0 but the treasury’s, and the sum of all balances zero', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let ledger: Ledger = EMPTY_LEDGER;
        const sent: Transfer[] = [];
        for (const [i, s] of steps.entries()) {
          let transfer: Transfer;
          if ('pick' in s) {
            const earlier = sent[s.pick % Math.max(sent.length, 1)];
            if (!earlier) continue;
            transfer = s.op === 'retry' ? earlier : { ...earlier, amount: earlier.amount === s.amount ? s.amount + 1 : s.amount };
          } else if (s.op === 'issue') {
            transfer = issue(`g${s.grant}`, s.amount);
          } else {
            const grant = grantAccount(`g${s.grant}`);
            const settlement = settlementAccount(`p${s.partner}`);
            const [debit, credit] = {
              donate: [grant, 'donations'],
              spend: [grant, settlement],
              reverse: [settlement, grant],
              'late-reverse': [settlement, 'expired'],
              expire: [grant, 'expired'],
            }[s.op] as [Transfer['debit'], Transfer['credit']];
            const kind = ({ donate: 'donation', spend: 'spend', reverse: 'reversal', 'late-reverse': 'late-reversal', expire: 'expiry' } as const)[s.op];
            transfer = { transferId: `t${i}`, kind, debit, credit, amount: s.amount, grantId: `g${s.grant}` };
          }
          const before = ledger;
          const result = applyTransfer(ledger, transfer);
          ledger = result.ledger;
          sent.push(transfer);
          if (result.outcome.kind !== 'applied') expect(ledger).toBe(before);

          expect(totalOfBalances(ledger)).toBe(0);
          for (const [account, balance] of ledger.balances) if (account !== 'treasury') expect(balance, account).toBeGreaterThanOrEqual(0);
          for (const grantId of ['g0', 'g1', 'g2', 'g3']) {
            const f = grantFigures(ledger, grantId);
            expect(f.granted).toBe(f.balance + f.spent - f.reversed + f.donated + f.expired);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
