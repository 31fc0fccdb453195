import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  foldSettlement,
  NO_SETTLEMENT,
  reconcile,
  settlementCsv,
  settlementDay,
  settlementDelta,
  settlementOfTransfers,
  SettlementTally,
  type SettlementFigures,
  type SettlingTransfer,
} from '../../../shared/relief/settlement.ts';

const transfer: fc.Arbitrary<SettlingTransfer> = fc.record({
  transferId: fc.string({ minLength: 1, maxLength: 12 }),
  kind: fc.constantFrom('spend' as const, 'reversal' as const, 'late-reversal' as const),
  amount: fc.integer({ min: 1, max: 1_000_000 }),
  grantId: fc.stringMatching(/^g_[a-z0-9]{4}$/),
  at: fc.constant('2020-05-13T03:00:00.000Z'),
});

/** What the ledger does: each transfer adds its delta to one of 16 shards. */
const intoShards = (transfers: readonly SettlingTransfer[], shardOf: readonly number[]): SettlementFigures[] => {
  const shards: SettlementFigures[] = Array.from({ length: 16 }, () => NO_SETTLEMENT);
  transfers.forEach((t, i) => {
    const n = (shardOf[i] ?? 0) % 16;
    const delta = settlementDelta(t.kind, t.amount);
    const s = shards[n]!;
    shards[n] = {
      approvedWon: s.approvedWon + delta.approvedWon,
      approvedCount: s.approvedCount + delta.approvedCount,
      reversedWon: s.reversedWon + delta.reversedWon,
      reversedCount: s.reversedCount + delta.reversedCount,
      lateReversedWon: s.lateReversedWon + delta.lateReversedWon,
      lateReversedCount: s.lateReversedCount + delta.lateReversedCount,
    };
  });
  return shards;
};

describe('a day’s settlement', () => {
  it('sums its shards to exactly the won and the count of its transfers, whichever shard each landed in', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 200 }), (transfers, shardOf) => {
        const fromShards = foldSettlement('kb', '2020-05-13', intoShards(transfers, shardOf));
        const fromTransfers = settlementOfTransfers('kb', '2020-05-13', transfers);
        expect(reconcile(fromShards, fromTransfers)).toEqual([]);
        expect(fromShards.approvedCount + fromShards.reversedCount + fromShards.lateReversedCount).toBe(transfers.length);
        expect(fromShards.netWon).toBe(fromShards.approvedWon - fromShards.reversedWon - fromShards.lateReversedWon);
      }),
    );
  });

  it('tallies page by page to what it sums at once', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 100 }), fc.integer({ min: 1, max: 30 }), (transfers, pageSize) => {
        const tally = new SettlementTally();
        for (let i = 0; i < transfers.length; i += pageSize) tally.add(transfers.slice(i, i + pageSize));
        expect(tally.settlement('nh', '2020-05-14')).toEqual(settlementOfTransfers('nh', '2020-05-14', transfers));
      }),
    );
  });

  it('names the figure a tampered shard changed, to the won', () => {
    const transfers: SettlingTransfer[] = [
      { transferId: 'a1', kind: 'spend', amount: 30_000, grantId: 'g_1', at: '2020-05-13T01:00:00Z' },
      { transferId: 'r1', kind: 'reversal', amount: 5_000, grantId: 'g_1', at: '2020-05-13T02:00:00Z' },
    ];
    const shards = intoShards(transfers, [3, 9]);
    shards[3] = { ...shards[3]!, approvedWon: shards[3]!.approvedWon + 1 };
    expect(reconcile(foldSettlement('kb', '2020-05-13', shards), settlementOfTransfers('kb', '2020-05-13', transfers))).toEqual([
      { figure: 'approvedWon', shards: 30_001, transfers: 30_000 },
      { figure: 'netWon', shards: 25_001, transfers: 25_000 },
    ]);
  });

  it('counts a payment at 23:59 in Seoul on that day and one a minute later on the next, whatever the UTC date', () => {
    expect(settlementDay('2020-05-13T14:59:59.999Z')).toBe('2020-05-13');
    expect(settlementDay('2020-05-13T15:00:00.000Z')).toBe('2020-05-14');
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (at) => {
        const day = settlementDay(at.toISOString());
        const start = Date.parse(`${day}T00:00:00+09:00`);
        expect(at.getTime()).toBeGreaterThanOrEqual(start);
        expect(at.getTime()).toBeLessThan(start + 86_400_000);
      }),
    );
  });

  it('downloads as CSV whose rows sum to the settlement’s totals, even with commas and quotes in ids', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 60 }), (transfers) => {
        const settlement = settlementOfTransfers('kb', '2020-05-13', transfers);
        const rows = parse(settlementCsv('kb', '2020-05-13', transfers), { columns: true }) as Record<string, string>[];
        expect(rows).toHaveLength(transfers.length);
        expect(rows.map((r) => r['transfer_id'])).toEqual(transfers.map((t) => t.transferId));
        const sum = (kind: string) => rows.filter((r) => r['kind'] === kind).reduce((total, r) => total + Number(r['amount_won']), 0);
        expect(sum('spend')).toBe(settlement.approvedWon);
        expect(sum('reversal')).toBe(settlement.reversedWon);
        expect(sum('late-reversal')).toBe(settlement.lateReversedWon);
        expect(rows.reduce((total, r) => total + Number(r['net_won']), 0)).toBe(settlement.netWon);
      }),
    );
  });
});
