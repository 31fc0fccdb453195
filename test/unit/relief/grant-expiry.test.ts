import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPIRY_GRACE_MS, expiryStep, GrantExpiry, type ExpiryStore } from '../../../shared/relief/grant-expiry.ts';
import type { GrantRecord, LedgerOutcome, LedgerTransfer } from '../../../shared/relief/webhook-store.ts';

const END = '2020-08-31T14:59:59.999Z';

/** The grants table and the ledger's expiry transaction, in memory: the transfer and the index removal together. */
const memoryStore = (grants: GrantRecord[], options: { readonly duplicateOnce?: ReadonlySet<string> } = {}) => {
  const items = new Map(grants.map((g) => [g.grantId, { ...g }]));
  const transfers = new Map<string, LedgerTransfer>();
  const raced = new Set(options.duplicateOnce);
  const store: ExpiryStore = {
    dueGrantIds: async (shard, by, limit) =>
      [...items.values()].filter((g) => g.expiryShard === shard && g.expiresAt <= by).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)).slice(0, limit).map((g) => g.grantId),
    grant: async (id) => {
      const g = items.get(id);
      return g ? { ...g } : undefined;
    },
    transfer: async (t): Promise<LedgerOutcome> => {
      const g = items.get(t.grantId)!;
      // Another sweep committed this very transfer a moment ago.
      if (raced.delete(t.grantId)) {
        transfers.set(t.transferId, t);
        items.set(g.grantId, { ...g, balance: g.balance - t.amount, expired: g.expired + t.amount, expiryShard: undefined } as GrantRecord);
        return { kind: 'duplicate' };
      }
      const existing = transfers.get(t.transferId);
      if (existing) return existing.amount === t.amount ? { kind: 'duplicate' } : { kind: 'conflict', existing: { ...existing, at: '', day: '' } };
      if (g.balance < t.amount) return { kind: 'grant-refused', grant: g };
      transfers.set(t.transferId, t);
      const { expiryShard: _gone, ...rest } = g;
      items.set(g.grantId, { ...rest, balance: g.balance - t.amount, expired: g.expired + t.amount });
      return { kind: 'applied' };
    },
    closeEmpty: async (id) => {
      const g = items.get(id)!;
      if (g.balance !== 0 || g.expiryShard === undefined) return false;
      const { expiryShard: _gone, ...rest } = g;
      items.set(id, rest);
      return true;
    },
  };
  return { store, items, transfers };
};

const grantOf = (i: number, balance: number, expiresAt = END): GrantRecord => ({
  grantId: `g${i}`,
  householdId: `h${i}`,
  partnerId: 'kb',
  regionCode: '11',
  expiresAt,
  createdAt: '2020-05-11T00:00:00Z',
  granted: 1_000_000,
  donated: 0,
  balance,
  spent: 1_000_000 - balance,
  reversed: 0,
  expired: 0,
  expiryShard: `E#${i % 16}`,
});

describe('the expiry at the end of spending', () => {
  it('expires nothing until a minute past the last instant of spending', () => {
    const grant = grantOf(1, 5_000);
    expect(expiryStep(grant, new Date(Date.parse(END) + EXPIRY_GRACE_MS - 1)).kind).toBe('not-yet');
    expect(expiryStep(grant, new Date(Date.parse(END) + EXPIRY_GRACE_MS))).toMatchObject({ kind: 'expire', transfer: { transferId: 'expiry-g1', kind: 'expiry', debit: 'grant:g1', credit: 'expired', amount: 5_000 } });
    expect(expiryStep(grantOf(2, 0), new Date('2020-09-01T00:00:00Z')).kind).toBe('nothing-left');
  });

  it('moves each remaining balance to expired exactly once, however often it runs, and leaves later grants alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ balance: fc.nat({ max: 1_000_000 }), later: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 7 }),
        fc.subarray([...Array(60).keys()]),
        async (specs, runs, pageSize, racedIndexes) => {
          const grants = specs.map((s, i) => grantOf(i, s.balance, s.later ? '2020-12-31T14:59:59.999Z' : END));
          const { store, items, transfers } = memoryStore(grants, { duplicateOnce: new Set(racedIndexes.map((i) => `g${i}`)) });
          const sweep = new GrantExpiry(store, { pageSize });
          let expiredWon = 0;
          for (let run = 0; run < runs; run++) expiredWon += (await sweep.sweep(new Date('2020-09-01T00:05:00+09:00'))).expiredWon;
          for (const g of grants) {
            const now = items.get(g.grantId)!;
            if (g.expiresAt !== END) {
              expect(now).toEqual(g);
              continue;
            }
            expect(now.balance).toBe(0);
            expect(now.expiryShard).toBeUndefined();
            expect(now.expired).toBe(g.balance);
            expect(transfers.has(`expiry-${g.grantId}`)).toBe(g.balance > 0);
          }
          const raced = grants.filter((g) => g.expiresAt === END && racedIndexes.includes(Number(g.grantId.slice(1)))).reduce((s, g) => s + g.balance, 0);
          const due = grants.filter((g) => g.expiresAt === END).reduce((s, g) => s + g.balance, 0);
          expect(expiredWon).toBe(due - raced);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops at its time budget and the next run finishes the rest', async () => {
    const grants = Array.from({ length: 40 }, (_, i) => grantOf(i, 1_000 + i));
    const { store, items } = memoryStore(grants);
    const sweep = new GrantExpiry(store, { pageSize: 5 });
    const first = await sweep.sweep(new Date('2020-09-01T00:00:00Z'), Date.now() - 1);
    expect(first.expired).toBe(0);
    const second = await sweep.sweep(new Date('2020-09-01T00:00:00Z'));
    expect(second.expired).toBe(40);
    expect([...items.values()].every((g) => g.balance === 0)).toBe(true);
  });
});
