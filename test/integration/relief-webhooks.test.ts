import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { ReliefLedgerRepository } from '../../shared/data/relief-ledger-repository.ts';
import { householdOf, installPartners, moveHousehold, webhook, writeRegistry, type TestHousehold } from '../setup/relief.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// Monday 18 May 2020, 10:00 in Korea: the first week's rotation is over, every head may apply.
process.env.RELIEF_AS_OF = '2020-05-18T01:00:00Z';

let runtime: LocalRuntime;
let post: ReturnType<typeof webhook>;
let ledger: ReliefLedgerRepository;

const seoul = Array.from({ length: 8 }, (_, i) => householdOf((i % 4) + 1, '11'));
const busan = householdOf(2, '26');
const mover = householdOf(1, '11');

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false, reliefProgram: 'relief-2020' });
  post = webhook(runtime, await installPartners(runtime, ['card-kb', 'card-shinhan']));
  await writeRegistry(runtime, [...seoul, busan, mover]);
  const { ReliefLedgerRepository } = await import('../../shared/data/relief-ledger-repository.ts');
  ledger = new ReliefLedgerRepository();
});
afterAll(() => runtime?.stop());

const apply = (h: TestHousehold, partnerId = 'card-kb', extra: Record<string, unknown> = {}) =>
  post(partnerId, 'applications', { applicationId: `app-${randomUUID()}`, applicantResidentId: h.head, cardToken: `tok_${randomUUID()}`, ...extra });

const grantFor = async (h: TestHousehold, partnerId = 'card-kb') => {
  const response = await apply(h, partnerId);
  expect(response.json, JSON.stringify(response.json)).toMatchObject({ decision: 'approved' });
  return String(response.json.grantId);
};

const merchant = { id: 'm-1', name: '동네 정육점', mcc: '5411', regionCode: '11', online: false };
const authorize = (grantId: string, amount: number, over: Record<string, unknown> = {}, partnerId = 'card-kb') =>
  post(partnerId, 'authorizations', { authorizationId: `auth-${randomUUID()}`, grantId, amount, merchant, at: '2020-05-18T01:00:00Z', ...over });

describe('the applications webhook', () => {
  it('grants a head of household the 2020 amount for its size, and gives the same answer to a redelivery', async () => {
    const body = { applicationId: 'app-redelivered', applicantResidentId: seoul[2]!.head, cardToken: 'tok_12345678' };
    const first = await post('card-kb', 'applications', body, 'msg-app-1');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ decision: 'approved', amount: 800_000, donated: 0, regionCode: '11', expiresAt: '2020-08-31T14:59:59.999Z' });
    expect(await post('card-kb', 'applications', body, 'msg-app-1')).toEqual(first);
    // A new delivery of the same application: the first answer too, not a second grant.
    expect(await post('card-kb', 'applications', body)).toEqual(first);
    const changed = await post('card-kb', 'applications', { ...body, cardToken: 'tok_other_card' }, 'msg-app-1');
    expect(changed.status).toBe(409);
    expect(changed.json).toMatchObject({ errors: [{ field: 'header.webhook-id' }] });
  });

  it('takes a donation in 10,000-won steps and refuses another step, naming the field', async () => {
    const donated = await apply(seoul[3]!, 'card-kb', { donate: 200_000 });
    expect(donated.json).toMatchObject({ decision: 'approved', amount: 800_000, donated: 200_000 });
    const grant = await ledger.getGrant(String(donated.json.grantId));
    expect(grant).toMatchObject({ granted: 1_000_000, donated: 200_000, balance: 800_000 });
    const odd = await apply(seoul[7]!, 'card-kb', { donate: 12_345 });
    expect(odd.status).toBe(400);
    expect(odd.json).toMatchObject({ errors: [{ field: 'body.donate' }] });
  });

  it('rejects a member who is not the head, a person not in the registry, and a second application', async () => {
    expect((await post('card-kb', 'applications', { applicationId: 'a-member', applicantResidentId: seoul[1]!.members[0], cardToken: 'tok_12345678' })).json).toEqual({ decision: 'rejected', reason: 'not-head-of-household' });
    expect((await apply(householdOf(1))).json).toEqual({ decision: 'rejected', reason: 'not-in-registry' });
    await grantFor(seoul[0]!);
    expect((await apply(seoul[0]!, 'card-shinhan')).json).toEqual({ decision: 'rejected', reason: 'already-granted' });
    const bad = await post('card-kb', 'applications', { applicationId: 'a-bad', applicantResidentId: '991399-1234567', cardToken: 'tok_12345678' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ errors: [{ field: 'body.applicantResidentId' }] });
  });

  it('grants a household once when two card companies apply for it at the same instant', async () => {
    const h = seoul[4]!;
    const answers = await Promise.all([apply(h, 'card-kb'), apply(h, 'card-shinhan'), apply(h, 'card-kb'), apply(h, 'card-shinhan')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((a) => a.json.decision === 'approved')).toHaveLength(1);
    expect(answers.filter((a) => a.json.reason === 'already-granted')).toHaveLength(3);
  });
});

describe('the authorizations webhook', () => {
  it('approves, pays part when the balance is short, and declines what 2020 excluded, naming the category', async () => {
    const grantId = await grantFor(seoul[5]!); // 2 members: 600,000
    expect((await authorize(grantId, 550_000)).json).toEqual({ decision: 'approved', approvedAmount: 550_000, remainingBalance: 50_000 });
    expect((await authorize(grantId, 80_000)).json).toEqual({ decision: 'partial', approvedAmount: 50_000, remainingBalance: 0 });
    expect((await authorize(grantId, 1_000)).json).toMatchObject({ decision: 'declined', reason: 'no-balance', approvedAmount: 0 });
    const other = await grantFor(seoul[6]!);
    expect((await authorize(other, 1_000, { merchant: { ...merchant, regionCode: '26' } })).json).toMatchObject({ decision: 'declined', reason: 'other-region' });
    expect((await authorize(other, 1_000, { merchant: { ...merchant, mcc: '5311' } })).json).toMatchObject({ decision: 'declined', reason: 'excluded-category', detail: 'department stores (MCC 5311)' });
    expect((await authorize(other, 1_000, { merchant: { ...merchant, online: true } })).json).toMatchObject({ decision: 'declined', reason: 'online' });
    expect((await authorize('grant-nobody', 1_000)).json).toMatchObject({ decision: 'declined', reason: 'unknown-grant' });
  });

  it('treats another card company’s grant as unknown and changes nothing on it', async () => {
    const grantId = await grantFor(busan, 'card-shinhan');
    const answer = await authorize(grantId, 10_000, { merchant: { ...merchant, regionCode: '26' } }, 'card-kb');
    expect(answer.json).toEqual({ decision: 'declined', approvedAmount: 0, remainingBalance: 0, reason: 'unknown-grant' });
    expect(await ledger.getGrant(grantId)).toMatchObject({ balance: 600_000, spent: 0 });
  });

  it('gives a retry of a finished authorization its first answer, and refuses the id for another payment', async () => {
    const grantId = await grantFor(householdOfRegistered(), 'card-kb');
    const body = { authorizationId: 'auth-retried', grantId, amount: 30_000, merchant, at: '2020-05-18T01:00:00Z' };
    const first = await post('card-kb', 'authorizations', body, 'msg-auth-1');
    expect(first.json).toMatchObject({ decision: 'approved', approvedAmount: 30_000 });
    expect(await post('card-kb', 'authorizations', body, 'msg-auth-1')).toEqual(first);
    expect(await post('card-kb', 'authorizations', body)).toEqual(first);
    const other = await post('card-kb', 'authorizations', { ...body, amount: 40_000 });
    expect(other.status).toBe(409);
    expect(other.json).toMatchObject({ errors: [{ field: 'body.authorizationId' }] });
    expect(await ledger.getGrant(grantId)).toMatchObject({ spent: 30_000 });
  });

  it('declines with reason deadline, debiting nothing, when respondBy has already passed', async () => {
    const grantId = await grantFor(householdOfRegistered(), 'card-kb');
    const late = await authorize(grantId, 10_000, { respondBy: new Date(Date.now() - 1000).toISOString() });
    expect(late.json).toMatchObject({ decision: 'declined', reason: 'deadline', approvedAmount: 0 });
    expect(await ledger.getGrant(grantId)).toMatchObject({ balance: 400_000, spent: 0 });
  });

  it('approves exactly the grant when 500 payments race for it, never more', { timeout: 180_000 }, async () => {
    const grantId = await grantFor(householdOfRegistered(), 'card-kb'); // 400,000
    const answers = await Promise.all(Array.from({ length: 500 }, () => authorize(grantId, 3_000)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const approved = answers.reduce((total, a) => total + Number(a.json.approvedAmount), 0);
    expect(approved).toBe(400_000);
    expect(answers.filter((a) => a.json.decision === 'approved')).toHaveLength(133);
    expect(answers.filter((a) => a.json.decision === 'partial')).toEqual([expect.objectContaining({ json: expect.objectContaining({ approvedAmount: 1_000 }) })]);
    const grant = await ledger.getGrant(grantId);
    expect(grant).toMatchObject({ balance: 0, spent: 400_000 });
    expect((await ledger.transfersOfGrant(grantId)).filter((t) => t.kind === 'spend')).toHaveLength(134);
  });
});

describe('the reversals webhook', () => {
  it('puts back at most what an authorization took, and only for the card company that took it', async () => {
    const grantId = await grantFor(householdOfRegistered(), 'card-kb');
    await post('card-kb', 'authorizations', { authorizationId: 'auth-to-reverse', grantId, amount: 100_000, merchant, at: '2020-05-18T01:00:00Z' });
    const body = { reversalId: 'rev-1', authorizationId: 'auth-to-reverse', amount: 60_000 };
    const first = await post('card-kb', 'reversals', body, 'msg-rev-1');
    expect(first.json).toEqual({ reversalId: 'rev-1', reversedAmount: 60_000, destination: 'grant', remainingBalance: 360_000 });
    expect(await post('card-kb', 'reversals', body, 'msg-rev-1')).toEqual(first);
    const tooMuch = await post('card-kb', 'reversals', { reversalId: 'rev-2', authorizationId: 'auth-to-reverse', amount: 40_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json).toMatchObject({ errors: [{ field: 'body.amount' }] });
    expect((await post('card-shinhan', 'reversals', { reversalId: 'rev-3', authorizationId: 'auth-to-reverse', amount: 1_000 })).status).toBe(404);
    expect((await post('card-kb', 'reversals', { reversalId: 'rev-4', authorizationId: 'auth-to-reverse', amount: 40_000 })).status).toBe(200);
    expect(await ledger.getGrant(grantId)).toMatchObject({ balance: 400_000, spent: 100_000, reversed: 100_000 });
  });
});

describe('the region-changes webhook', () => {
  it('moves a grant only where the registry has the household, and only for its card company', async () => {
    const grantId = await grantFor(mover, 'card-kb');
    const early = await post('card-kb', 'region-changes', { grantId, newRegionCode: '26' });
    expect(early.status).toBe(422);
    expect(early.json).toMatchObject({ errors: [{ field: 'body.newRegionCode' }] });
    await moveHousehold(runtime, mover.householdId, '26');
    expect((await post('card-shinhan', 'region-changes', { grantId, newRegionCode: '26' })).status).toBe(404);
    const moved = await post('card-kb', 'region-changes', { grantId, newRegionCode: '26' });
    expect(moved.json).toEqual({ grantId, regionCode: '26' });
    expect((await authorize(grantId, 1_000, { merchant: { ...merchant, regionCode: '26' } })).json).toMatchObject({ decision: 'approved' });
    expect((await authorize(grantId, 1_000)).json).toMatchObject({ decision: 'declined', reason: 'other-region' });
  });
});

/** A fresh one-member household, already in the registry. */
const registered: TestHousehold[] = [];
function householdOfRegistered(): TestHousehold {
  const h = registered.shift();
  if (!h) throw new Error('add more households to the registry');
  return h;
}
beforeAll(async () => {
  registered.push(...Array.from({ length: 6 }, () => householdOf(1, '11')));
  await writeRegistry(runtime, registered);
});
