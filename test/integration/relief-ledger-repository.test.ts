import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { LedgerTransfer, ReliefLedgerRepository } from '../../shared/data/relief-ledger-repository.ts';
import { grantAccount, settlementAccount } from '../../shared/relief/ledger.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let ledger: ReliefLedgerRepository;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  const { ReliefLedgerRepository } = await import('../../shared/data/relief-ledger-repository.ts');
  ledger = new ReliefLedgerRepository();
});
afterAll(() => runtime.stop());

const AT = new Date('2020-05-12T03:00:00Z');
const DAY = '2020-05-12';

/** A grant of `won` with `donated` given back, issued by `partnerId`, as an application commits it. */
const grantOf = async (won: number, donated = 0, partnerId = 'card-kb', regionCode = '11') => {
  const grantId = `g-${randomUUID()}`;
  const transfers: LedgerTransfer[] = [{ transferId: `grant:${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount: won, grantId, partnerId }];
  if (donated > 0) transfers.push({ transferId: `donation:${grantId}`, kind: 'donation', debit: grantAccount(grantId), credit: 'donations', amount: donated, grantId, partnerId });
  const outcome = await ledger.transfer({
    transfers,
    at: AT,
    regionCode,
    newGrant: { grantId, householdId: `h-${grantId}`, partnerId, regionCode, expiresAt: '2020-08-31T14:59:59.999Z', createdAt: AT.toISOString() },
  });
  expect(outcome).toEqual({ kind: 'applied' });
  return grantId;
};

const spend = (grantId: string, amount: number, id: string = randomUUID(), at = AT, partnerId = 'card-kb'): LedgerTransfer & { at: Date } => ({
  transferId: `spend:${partnerId}:${id}`,
  kind: 'spend',
  debit: grantAccount(grantId),
  credit: settlementAccount(partnerId),
  amount,
  grantId,
  partnerId,
  at,
});

const move = (t: LedgerTransfer & { at: Date }, regionCode = '11') => {
  const { at, ...transfer } = t;
  return ledger.transfer({ transfers: [transfer], at, regionCode });
};

/** granted = balance + spent − reversed + donated + expired, from the grant item and from its transfers. */
const expectBalanced = async (grantId: string) => {
  const grant = await ledger.getGrant(grantId);
  expect(grant).toBeDefined();
  const g = grant!;
  expect(g.balance).toBeGreaterThanOrEqual(0);
  expect(g.granted).toBe(g.balance + g.spent - g.reversed + g.donated + g.expired);
  const transfers = await ledger.transfersOfGrant(grantId);
  const sum = (kinds: string[]) => transfers.filter((t) => kinds.includes(t.kind)).reduce((total, t) => total + t.amount, 0);
  expect({ granted: sum(['grant']), spent: sum(['spend']), donated: sum(['donation']) }).toEqual({ granted: g.granted, spent: g.spent, donated: g.donated });
  return g;
};

describe('the relief ledger', () => {
  it('grants a household its points with the donation in one movement, and every account sums to zero', async () => {
    const before = { treasury: await ledger.balanceOf('treasury'), donations: await ledger.balanceOf('donations') };
    const grantId = await grantOf(600_000, 100_000, 'card-kb', '26');
    const grant = await expectBalanced(grantId);
    expect(grant).toMatchObject({ granted: 600_000, donated: 100_000, balance: 500_000, regionCode: '26' });
    expect(grant.expiryShard).toMatch(/^E#\d+$/);
    expect((await ledger.balanceOf('treasury')) - before.treasury).toBe(-600_000);
    expect((await ledger.balanceOf('donations')) - before.donations).toBe(100_000);
    expect(await ledger.statsOf(DAY, '26')).toMatchObject({ households: 1, granted: 600_000, donated: 100_000 });
  });

  it('applies a transfer id once: the same transfer again is a duplicate, another amount under the id a conflict', async () => {
    const grantId = await grantOf(400_000);
    const first = spend(grantId, 50_000, 'retry-1');
    expect(await move(first)).toEqual({ kind: 'applied' });
    expect(await move(first)).toEqual({ kind: 'duplicate' });
    const changed = await move({ ...first, amount: 60_000 });
    expect(changed).toMatchObject({ kind: 'conflict', existing: { amount: 50_000 } });
    expect((await expectBalanced(grantId)).balance).toBe(350_000);
  });

  it('never spends a grant below zero when fifty payments race for it', async () => {
    const grantId = await grantOf(400_000, 0, 'card-nh');
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => move(spend(grantId, 30_000, randomUUID(), AT, 'card-nh'))));
    const applied = outcomes.filter((o) => o.kind === 'applied').length;
    expect(applied).toBe(13);
    expect(outcomes.filter((o) => o.kind === 'grant-refused')).toHaveLength(37);
    const grant = await expectBalanced(grantId);
    expect(grant.balance).toBe(10_000);
    expect(await ledger.settlementOf('card-nh', DAY)).toMatchObject({ approved: 13 * 30_000, approvedCount: 13 });
  });

  it('refuses to spend an expired grant, and lets a reversal after expiry go to the state, not the balance', async () => {
    const grantId = await grantOf(400_000, 0, 'card-lotte');
    expect(await move(spend(grantId, 100_000, 'before', AT, 'card-lotte'))).toEqual({ kind: 'applied' });
    const late = new Date('2020-09-01T00:00:00Z');
    expect(await move(spend(grantId, 1_000, 'after', late, 'card-lotte'))).toMatchObject({ kind: 'grant-refused', grant: { balance: 300_000 } });
    const lateReversal = ledger.transfer({
      transfers: [{ transferId: 'late:' + grantId, kind: 'late-reversal', debit: settlementAccount('card-lotte'), credit: 'expired', amount: 40_000, grantId, partnerId: 'card-lotte' }],
      at: late,
      regionCode: '11',
    });
    expect(await lateReversal).toEqual({ kind: 'applied' });
    const grant = await expectBalanced(grantId);
    expect(grant).toMatchObject({ balance: 300_000, spent: 100_000, reversed: 40_000, expired: 40_000 });
    expect(await ledger.settlementOf('card-lotte', '2020-09-01')).toMatchObject({ lateReversed: 40_000, lateReversedCount: 1 });
  });

  it('puts a reversal back on the balance while the grant can be spent', async () => {
    const grantId = await grantOf(400_000, 0, 'card-bc');
    await move(spend(grantId, 120_000, 'r', AT, 'card-bc'));
    const outcome = await ledger.transfer({
      transfers: [{ transferId: 'reversal:' + grantId, kind: 'reversal', debit: settlementAccount('card-bc'), credit: grantAccount(grantId), amount: 20_000, grantId, partnerId: 'card-bc' }],
      at: AT,
      regionCode: '11',
    });
    expect(outcome).toEqual({ kind: 'applied' });
    expect(await expectBalanced(grantId)).toMatchObject({ balance: 300_000, reversed: 20_000 });
    expect(await ledger.settlementOf('card-bc', DAY)).toMatchObject({ approved: 120_000, reversed: 20_000, reversedCount: 1 });
  });

  it('expires what is left once and takes the grant off the expiry index', async () => {
    const grantId = await grantOf(400_000);
    await move(spend(grantId, 150_000));
    const expiry = { transfers: [{ transferId: `expiry:${grantId}`, kind: 'expiry' as const, debit: grantAccount(grantId), credit: 'expired' as const, amount: 250_000, grantId }], at: new Date('2020-09-01T00:00:00Z'), regionCode: '11' };
    expect(await ledger.transfer(expiry)).toEqual({ kind: 'applied' });
    expect(await ledger.transfer(expiry)).toEqual({ kind: 'duplicate' });
    const grant = await expectBalanced(grantId);
    expect(grant).toMatchObject({ balance: 0, expired: 250_000 });
    expect(grant.expiryShard).toBeUndefined();
  });

  it('changes nothing when an item committed with the movement fails its condition', async () => {
    const grantId = await grantOf(400_000);
    const requests = runtime.tableNames.get('relief-requests')!;
    const taken = { Put: { TableName: requests, Item: { pk: `test#${grantId}` }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const { at, ...transfer } = spend(grantId, 10_000);
    expect(await ledger.transfer({ transfers: [transfer], at, regionCode: '11', also: [taken] })).toEqual({ kind: 'applied' });
    const { at: at2, ...second } = spend(grantId, 10_000);
    expect(await ledger.transfer({ transfers: [second], at: at2, regionCode: '11', also: [taken] })).toEqual({ kind: 'refused', index: 0 });
    expect(await ledger.getTransfer(second.transferId)).toBeUndefined();
    expect((await expectBalanced(grantId)).balance).toBe(390_000);
  });

  it('fences a transfer whose deadline passed, so it can never commit afterwards', async () => {
    const grantId = await grantOf(400_000);
    const { at, ...transfer } = spend(grantId, 10_000);
    expect(await ledger.transfer({ transfers: [transfer], at, regionCode: '11', deadline: new Date(Date.now() - 1) })).toEqual({ kind: 'timeout', committed: false });
    expect(await ledger.transfer({ transfers: [transfer], at, regionCode: '11' })).toEqual({ kind: 'timeout', committed: false });
    expect(await ledger.getTransfer(transfer.transferId)).toBeUndefined();
    expect((await expectBalanced(grantId)).balance).toBe(400_000);
  });
});
