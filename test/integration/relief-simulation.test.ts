import { InternalServerError, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import program2020 from '../../config/relief-2020.json' with { type: 'json' };
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { ReliefLedgerRepository } from '../../shared/data/relief-ledger-repository.ts';
import { applyTransfer, balanceOf, EMPTY_LEDGER, grantAccount, grantFigures, settlementAccount, totalOfBalances, type AccountId, type Ledger, type Transfer } from '../../shared/relief/ledger.ts';
import type { ApplicationAnswer, ReliefWebhooks, ReversalAnswer, WebhookOutcome } from '../../shared/relief/relief-webhooks.ts';
import { reliefProgramSchema } from '../../shared/relief/relief-program.ts';
import type { AuthorizationDecision } from '../../shared/relief/authorization.ts';
import { householdOf, moveHousehold, writeRegistry, type TestHousehold } from '../setup/relief.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

/**
 * The seeded simulation, after TigerBeetle's VOPR: random interleavings of applications, payments,
 * redeliveries with the same and with other bodies, reversals, moves, the program's end and expiry, while
 * DynamoDB is made to throttle, to conflict, and to lose the answer of a transaction that committed. After
 * every step the ledger in DynamoDB must equal the pure model (shared/relief/ledger.ts) and keep its
 * invariants. A failing run prints its seed; `RELIEF_SIM_SEED=<n>` replays it.
 */
const SEED = Number(process.env.RELIEF_SIM_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = Number(process.env.RELIEF_SIM_STEPS ?? 120);
const PARTNERS = ['card-kb', 'card-nh', 'card-hana'] as const;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const random = prng(SEED);
/** Faults draw from their own sequence: operations stay the seed's even when their timing differs. */
const faultRandom = prng(SEED ^ 0x5eed);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number) => random() < p;

let runtime: LocalRuntime;
let ledger: ReliefLedgerRepository;
let webhooks: ReliefWebhooks;
let clock = new Date('2020-05-18T01:00:00Z');
const faults = { throttle: 0, conflict: 0, lostAfterCommit: 0 };
let faultRate = 0;

const households: TestHousehold[] = Array.from({ length: 14 }, (_, i) => householdOf((i % 4) + 1, i % 3 === 0 ? '26' : '11'));

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false, reliefProgram: 'relief-2020' });
  await writeRegistry(runtime, households);
  const [{ ReliefLedgerRepository }, { ReliefWebhookDynamoStore }, { ReliefWebhooks }, { dynamo }] = await Promise.all([
    import('../../shared/data/relief-ledger-repository.ts'),
    import('../../shared/data/relief-webhook-store.ts'),
    import('../../shared/relief/relief-webhooks.ts'),
    import('../../shared/data/dynamo-client.ts'),
  ]);
  ledger = new ReliefLedgerRepository();
  const program = reliefProgramSchema.parse(program2020);
  webhooks = new ReliefWebhooks({ store: new ReliefWebhookDynamoStore(), program, now: () => clock, pepper: async () => pepperOf(runtime) });
  // Faults where the real service has them and DynamoDB Local never does: before a transaction is sent,
  // and after it committed (the answer lost: a deadline's abort for a payment, a 500 for the rest).
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' || faultRandom() >= faultRate) return next(args);
      const input = args.input as TransactWriteCommandInput;
      const roll = faultRandom();
      if (roll < 0.35) {
        faults.throttle++;
        throw new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata: {} });
      }
      if (roll < 0.7) {
        faults.conflict++;
        throw new TransactionCanceledException({ message: 'injected conflict', $metadata: {}, CancellationReasons: (input.TransactItems ?? []).map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })) });
      }
      await next(args);
      faults.lostAfterCommit++;
      // Marshalled or not, depending on where in the stack this runs.
      const isPayment = (input.TransactItems ?? []).some((item) => {
        const kind = item.Put?.Item?.['kind'] as unknown;
        return kind === 'spend' || (kind as { S?: string } | undefined)?.S === 'spend';
      });
      if (isPayment) throw Object.assign(new Error('injected: the deadline aborted the call after the commit'), { name: 'AbortError' });
      throw new InternalServerError({ message: 'injected: the answer was lost after the commit', $metadata: {} });
    },
    { step: 'initialize', name: 'reliefSimulationFaults' },
  );
}, 60_000);
afterAll(() => runtime?.stop());

const pepperOf = async (rt: LocalRuntime) => {
  const { readFile } = await import('node:fs/promises');
  return (JSON.parse(await readFile(`${rt.dataDir}/secrets.json`, 'utf8')) as Record<string, string>)['id-pepper'] ?? '';
};

// ---- The model: what the answers say happened, applied to the pure ledger. ----
let model: Ledger = EMPTY_LEDGER;
const grants = new Map<string, { partnerId: string; household: TestHousehold; regionCode: string }>();
const authorizations: { partnerId: string; authorizationId: string; grantId: string; approved: number; reversed: number }[] = [];
/** Every delivery sent, with the first answer it got, so a redelivery can be compared to it. */
const sent: { partnerId: string; kind: 'apply' | 'authorize' | 'reverse' | 'region'; webhookId: string; body: Record<string, unknown>; answer: unknown }[] = [];
let ended = false;
let counter = 0;
const id = (prefix: string) => `${prefix}-${SEED}-${++counter}`;

/** What a batch's answers say happened; applied credits first, since the ledger committed them in some order that kept every balance ≥ 0. */
let pending: { transfer: Transfer; what: string }[] = [];
const apply = (transfer: Transfer, what: string) => {
  pending.push({ transfer, what });
};
const CREDITS_FIRST: Transfer['kind'][] = ['grant', 'reversal', 'late-reversal', 'donation', 'spend', 'expiry'];
const applyPending = () => {
  for (const { transfer, what } of pending.sort((a, b) => CREDITS_FIRST.indexOf(a.transfer.kind) - CREDITS_FIRST.indexOf(b.transfer.kind))) {
    const { ledger: next, outcome } = applyTransfer(model, transfer);
    expect(outcome.kind, `${what}: the model refuses ${JSON.stringify(transfer)} (${JSON.stringify(outcome)})`).toMatch(/applied|duplicate/);
    model = next;
  }
  pending = [];
};
/** What one operation of the batch already works on: two moves of one grant, or two reversals of one payment, at once would make the expected answers depend on their order. */
const busy = new Set<string>();

const call = async (kind: (typeof sent)[number]['kind'], partnerId: string, webhookId: string, body: Record<string, unknown>): Promise<WebhookOutcome<unknown>> => {
  switch (kind) {
    case 'apply':
      return webhooks.apply(partnerId, webhookId, body as never);
    case 'authorize':
      return webhooks.authorize(partnerId, webhookId, body as never);
    case 'reverse':
      return webhooks.reverse(partnerId, webhookId, body as never);
    case 'region':
      return webhooks.changeRegion(partnerId, webhookId, body as never);
  }
};

const merchantIn = (regionCode: string) => ({ id: 'm', name: '시장', mcc: chance(0.1) ? pick(['5311', '7995', '4900']) : '5411', regionCode, online: chance(0.05) });

/** One random operation, as a card company would send it, and what its answer means for the model. */
const operation = async (step: number): Promise<() => void> => {
  const what = `seed ${SEED} step ${step}`;
  const roll = random();
  const grantIds = [...grants.keys()];
  if (roll < 0.2 && !ended) {
    const household = pick(households);
    const partnerId = pick(PARTNERS);
    const body = { applicationId: id('app'), applicantResidentId: chance(0.1) ? pick(household.members.length ? household.members : [household.head]) : household.head, cardToken: 'tok_simulated', ...(chance(0.3) ? { donate: pick([10_000, 50_000, 'all' as const]) } : {}) };
    const webhookId = id('msg');
    const outcome = (await call('apply', partnerId, webhookId, body)) as WebhookOutcome<ApplicationAnswer>;
    expect(outcome.kind, what).toBe('answer');
    sent.push({ partnerId, kind: 'apply', webhookId, body, answer: outcome.kind === 'answer' ? outcome.answer : undefined });
    return () => {
      if (outcome.kind !== 'answer' || outcome.answer.decision !== 'approved') return;
      const { grantId, amount, donated, regionCode } = outcome.answer;
      expect(grants.has(grantId), what).toBe(false);
      expect([...grants.values()].some((g) => g.household === household), `${what}: a second grant for household ${household.householdId}`).toBe(false);
      grants.set(grantId, { partnerId, household, regionCode });
      apply({ transferId: `grant:${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount: amount + donated, grantId }, what);
      if (donated > 0) apply({ transferId: `donation:${grantId}`, kind: 'donation', debit: grantAccount(grantId), credit: 'donations', amount: donated, grantId }, what);
    };
  }
  if (roll < 0.6 && grantIds.length > 0) {
    const grantId = chance(0.05) ? 'grant-unknown' : pick(grantIds);
    const grant = grants.get(grantId);
    // Sometimes another card company tries the grant: it must be unknown to it and change nothing.
    const partnerId = grant && !chance(0.08) ? grant.partnerId : pick(PARTNERS);
    const body = {
      authorizationId: id('auth'),
      grantId,
      amount: 1 + int(chance(0.5) ? 30_000 : 400_000),
      merchant: merchantIn(grant && !chance(0.1) ? grant.regionCode : pick(['11', '26', '41'])),
      at: clock.toISOString(),
      respondBy: new Date(Date.now() + 5_000).toISOString(),
    };
    const webhookId = id('msg');
    const outcome = (await call('authorize', partnerId, webhookId, body)) as WebhookOutcome<AuthorizationDecision>;
    expect(outcome.kind, what).toBe('answer');
    const answer = (outcome as { answer: AuthorizationDecision }).answer;
    sent.push({ partnerId, kind: 'authorize', webhookId, body, answer });
    return () => {
      if (grant?.partnerId !== partnerId) expect(answer, `${what}: another company's grant`).toMatchObject({ decision: 'declined', reason: 'unknown-grant' });
      if (answer.decision === 'declined') return;
      expect(answer.approvedAmount, what).toBeLessThanOrEqual(body.amount);
      authorizations.push({ partnerId, authorizationId: body.authorizationId, grantId, approved: answer.approvedAmount, reversed: 0 });
      apply({ transferId: `spend:${partnerId}:${body.authorizationId}`, kind: 'spend', debit: grantAccount(grantId), credit: settlementAccount(partnerId), amount: answer.approvedAmount, grantId }, what);
    };
  }
  if (roll < 0.72 && authorizations.length > 0) {
    const authorization = pick(authorizations);
    if (busy.has(authorization.authorizationId)) return () => undefined;
    busy.add(authorization.authorizationId);
    const left = authorization.approved - authorization.reversed;
    const amount = chance(0.15) ? left + 1 + int(1000) : Math.max(1, int(left + 1));
    const partnerId = chance(0.05) ? pick(PARTNERS) : authorization.partnerId;
    const body = { reversalId: id('rev'), authorizationId: authorization.authorizationId, amount };
    const webhookId = id('msg');
    const outcome = (await call('reverse', partnerId, webhookId, body)) as WebhookOutcome<ReversalAnswer>;
    if (outcome.kind === 'answer') sent.push({ partnerId, kind: 'reverse', webhookId, body, answer: outcome.answer });
    return () => {
      if (partnerId !== authorization.partnerId) return expect(outcome.kind, `${what}: another company's reversal`).toBe('unknown');
      if (amount > left) return expect(outcome, `${what}: more than is left`).toMatchObject({ kind: 'invalid', field: 'body.amount' });
      expect(outcome.kind, what).toBe('answer');
      const answer = (outcome as { answer: ReversalAnswer }).answer;
      authorization.reversed += amount;
      const { grantId } = authorization;
      apply(
        answer.destination === 'grant'
          ? { transferId: `reversal:${partnerId}:${body.reversalId}`, kind: 'reversal', debit: settlementAccount(partnerId), credit: grantAccount(grantId), amount, grantId }
          : { transferId: `reversal:${partnerId}:${body.reversalId}`, kind: 'late-reversal', debit: settlementAccount(partnerId), credit: 'expired', amount, grantId },
        what,
      );
    };
  }
  if (roll < 0.78 && grantIds.length > 0) {
    const grantId = pick(grantIds);
    const grant = grants.get(grantId)!;
    if (busy.has(grantId)) return () => undefined;
    busy.add(grantId);
    const newRegionCode = pick(['11', '26', '41']);
    const registered = chance(0.7);
    if (registered) await moveHousehold(runtime, grant.household.householdId, newRegionCode);
    const body = { grantId, newRegionCode };
    const webhookId = id('msg');
    const outcome = await call('region', grant.partnerId, webhookId, body);
    if (outcome.kind === 'answer') sent.push({ partnerId: grant.partnerId, kind: 'region', webhookId, body, answer: outcome.answer });
    return () => {
      if (registered || grant.household.regionCode === newRegionCode) {
        expect(outcome, what).toEqual({ kind: 'answer', answer: { grantId, regionCode: newRegionCode } });
        grant.regionCode = newRegionCode;
      } else {
        expect(outcome, what).toMatchObject({ kind: 'invalid', field: 'body.newRegionCode' });
      }
      if (registered) grant.household = { ...grant.household, regionCode: newRegionCode };
    };
  }
  if (roll < 0.9 && sent.length > 0) {
    // A redelivery: the same body under the same id gets the first answer; another body is refused.
    const delivery = pick(sent);
    const changed = chance(0.4);
    const body = changed ? { ...delivery.body, ...(delivery.kind === 'region' ? { newRegionCode: '47' } : delivery.kind === 'apply' ? { cardToken: 'tok_other_card' } : { amount: Number(delivery.body['amount']) + 1 }) } : delivery.body;
    const outcome = await call(delivery.kind, delivery.partnerId, delivery.webhookId, body);
    return () => {
      if (changed) expect(outcome, `${what}: a changed body under ${delivery.webhookId}`).toMatchObject({ kind: 'reused', field: 'header.webhook-id' });
      else expect(outcome, `${what}: a redelivery of ${delivery.webhookId}`).toEqual({ kind: 'answer', answer: delivery.answer });
    };
  }
  if (!ended && step > STEPS * 0.75) {
    ended = true;
    clock = new Date('2020-09-01T01:00:00Z');
    return () => undefined;
  }
  if (ended && grantIds.length > 0) {
    const grantId = pick(grantIds);
    const balance = balanceOf(model, grantAccount(grantId));
    if (balance === 0) return () => undefined;
    const expiry = { transferId: `expiry:${grantId}`, kind: 'expiry' as const, debit: grantAccount(grantId), credit: 'expired' as const, amount: balance, grantId };
    const outcome = await ledger.transfer({ transfers: [expiry], at: clock, regionCode: grants.get(grantId)!.regionCode });
    return () => {
      expect(outcome.kind, `${what}: expiry of ${grantId}`).toMatch(/applied|duplicate/);
      apply(expiry, what);
    };
  }
  return () => undefined;
};

/** After every step: the DynamoDB ledger equals the model, and its invariants hold. */
const checkInvariants = async (step: number) => {
  const what = `seed ${SEED} step ${step} (replay with RELIEF_SIM_SEED=${SEED})`;
  const accounts: AccountId[] = ['treasury', 'donations', 'expired', ...PARTNERS.map(settlementAccount)];
  let total = 0;
  for (const account of accounts) {
    const stored = await ledger.balanceOf(account);
    expect(stored, `${what}: account ${account}`).toBe(balanceOf(model, account));
    total += stored;
  }
  for (const grantId of grants.keys()) {
    const grant = await ledger.getGrant(grantId);
    expect(grant, `${what}: grant ${grantId}`).toBeDefined();
    const g = grant!;
    const expected = grantFigures(model, grantId);
    expect(g.balance, `${what}: balance of ${grantId}`).toBeGreaterThanOrEqual(0);
    expect(g.granted, `${what}: granted = balance + spent − reversed + donated + expired for ${grantId}`).toBe(g.balance + g.spent - g.reversed + g.donated + g.expired);
    // A payment voided after its deadline shows as a spend and its reversal: only the net is the model's.
    expect({ balance: g.balance, granted: g.granted, donated: g.donated, net: g.spent - g.reversed, expired: g.expired }, `${what}: grant ${grantId} against the model`).toEqual({
      balance: expected.balance,
      granted: expected.granted,
      donated: expected.donated,
      net: expected.spent - expected.reversed,
      expired: expected.expired,
    });
    expect(g.regionCode, `${what}: region of ${grantId}`).toBe(grants.get(grantId)!.regionCode);
    const transfers = await ledger.transfersOfGrant(grantId);
    const sum = (kinds: string[]) => transfers.filter((t) => kinds.includes(t.kind)).reduce((s, t) => s + t.amount, 0);
    expect({ spent: sum(['spend']), reversed: sum(['reversal', 'late-reversal']), expired: sum(['expiry', 'late-reversal']) }, `${what}: ${grantId}'s transfers against its item`).toEqual({ spent: g.spent, reversed: g.reversed, expired: g.expired });
    total += g.balance;
  }
  expect(total, `${what}: all transfers sum to zero`).toBe(0);
  expect(totalOfBalances(model), what).toBe(0);
};

describe('the relief ledger under a seeded simulation', () => {
  it('keeps the model’s balances and its invariants through random interleavings with injected faults', { timeout: 180_000 }, async () => {
    console.log(`relief simulation: RELIEF_SIM_SEED=${SEED}, ${STEPS} steps`);
    try {
      for (let step = 0; step < STEPS; step++) {
        faultRate = 0.25;
        // One to three operations at once: interleavings, not only sequences.
        const batch = 1 + int(3);
        const outcomes = await Promise.all(Array.from({ length: batch }, () => operation(step)));
        faultRate = 0;
        busy.clear();
        for (const settle of outcomes) settle();
        applyPending();
        await checkInvariants(step);
      }
    } catch (error) {
      console.error(`relief simulation failed: replay with RELIEF_SIM_SEED=${SEED}`);
      throw error;
    }
    console.log(`relief simulation: ${grants.size} grants, ${authorizations.length} payments, faults ${JSON.stringify(faults)}`);
    expect(grants.size).toBeGreaterThan(0);
    expect(faults.throttle + faults.conflict + faults.lostAfterCommit).toBeGreaterThan(0);
  });
});
