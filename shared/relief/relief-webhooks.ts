import { randomUUID } from 'node:crypto';
import { keyedHash } from '../auth/keyed-hash.ts';
import { checkResidentNumber } from '../people/resident-number.ts';
import { judgeApplication } from './application.ts';
import { judgeAuthorization, type AuthorizationDecision, type Merchant } from './authorization.ts';
import { grantAccount, settlementAccount } from './ledger.ts';
import type { ReliefProgram } from './relief-program.ts';
import { residentKey } from './resident-key.ts';
import {
  fingerprintOf,
  priorAnswer,
  priorOf,
  recordsOf,
  requestKeys,
  type GrantRecord,
  type LedgerTransfer,
  type ReliefWebhookStore,
} from './webhook-store.ts';

/**
 * The answer must reach the card company before its `respondBy`: the commit is abandoned this long
 * before it, which leaves the answer its way back through the gateway and the network.
 */
export const RESPOND_MARGIN_MS = 150;
/** A payment race lost this many times in a row is a hot grant under a storm; the deadline ends it sooner. */
const MAX_ROUNDS = 50;

export type WebhookOutcome<A> =
  | { readonly kind: 'answer'; readonly answer: A }
  /** The key was used for another body (a 409 naming the field). */
  | { readonly kind: 'reused'; readonly field: string }
  | { readonly kind: 'invalid'; readonly field: string; readonly message: string }
  /** Not this card company's, or not there: the same answer, so a company learns nothing of another's grants. */
  | { readonly kind: 'unknown'; readonly what: string };

export interface ApplicationBody {
  readonly applicationId: string;
  readonly applicantResidentId: string;
  readonly cardToken: string;
  readonly donate?: number | 'all' | undefined;
}
export type ApplicationAnswer =
  | { decision: 'approved'; grantId: string; amount: number; donated: number; regionCode: string; expiresAt: string }
  | { decision: 'rejected'; reason: 'not-head-of-household' | 'not-in-registry' | 'already-granted' | 'outside-application-period' | 'not-your-day' };

export interface AuthorizationBody {
  readonly authorizationId: string;
  readonly grantId: string;
  readonly amount: number;
  readonly merchant: Merchant;
  readonly at: string;
  readonly respondBy?: string | undefined;
}

export interface ReversalBody {
  readonly reversalId: string;
  readonly authorizationId: string;
  readonly amount: number;
}
export interface ReversalAnswer {
  reversalId: string;
  reversedAmount: number;
  destination: 'grant' | 'treasury';
  remainingBalance: number;
}

export interface RegionChangeBody {
  readonly grantId: string;
  readonly newRegionCode: string;
}

export interface ReliefWebhooksOptions {
  readonly store: ReliefWebhookStore;
  readonly program: ReliefProgram;
  readonly now: () => Date;
  /** The `id-pepper`: resident numbers and card tokens are kept only as keyed hashes under it. */
  readonly pepper: () => Promise<string>;
  /** Told of every `deadline` decline: a spike from one card company raises an alert. */
  readonly onDeadline?: (partnerId: string) => Promise<void>;
}

type Prior<A> = WebhookOutcome<A> | undefined;

const outcomeOf = <A>(prior: ReturnType<typeof priorOf>): Prior<A> => {
  if (prior.kind === 'repeat') return { kind: 'answer', answer: prior.answer as A };
  if (prior.kind === 'reused') return { kind: 'reused', field: prior.field };
  return undefined;
};

/**
 * What the card companies' webhooks do: each request is judged by the pure rules and committed with
 * its first answer in one ledger transaction; a retry under the same key gets that answer back.
 */
export class ReliefWebhooks {
  constructor(private readonly options: ReliefWebhooksOptions) {}

  async #prior<A>(keys: readonly { key: string; field: string }[], fingerprint: string): Promise<Prior<A>> {
    return outcomeOf<A>(await priorAnswer(this.options.store, keys, fingerprint));
  }

  /** After a lost race for a key: the winner's record decides (first answer, or 409). */
  async #settled<A>(keys: readonly { key: string; field: string }[], fingerprint: string): Promise<WebhookOutcome<A>> {
    const prior = await this.#prior<A>(keys, fingerprint);
    if (!prior) throw new Error(`a request record of ${keys[0]?.key} was taken, yet none is there`);
    return prior;
  }

  async apply(partnerId: string, webhookId: string, body: ApplicationBody): Promise<WebhookOutcome<ApplicationAnswer>> {
    const { store, program } = this.options;
    const fingerprint = fingerprintOf('application', body);
    const keys = requestKeys(partnerId, webhookId, 'application', body.applicationId);
    const prior = await this.#prior<ApplicationAnswer>(keys, fingerprint);
    if (prior) return prior;

    const now = this.options.now();
    const resident = checkResidentNumber(body.applicantResidentId, now);
    if (!resident.ok) return { kind: 'invalid', field: 'body.applicantResidentId', message: `is not a resident registration number (${resident.problem})` };
    if (typeof body.donate === 'number' && body.donate % program.donationStepWon !== 0) {
      return { kind: 'invalid', field: 'body.donate', message: `is donated in steps of ${program.donationStepWon} won` };
    }
    const pepper = await this.options.pepper();
    const household = await store.applicant(residentKey(pepper, resident.digits));
    const decision = judgeApplication({ program, at: now, birthYear: resident.birthYear, household, alreadyGranted: household?.grantId !== undefined, donate: body.donate });
    if (decision.decision === 'rejected') return this.#answerOnce(keys, fingerprint, { decision: 'rejected', reason: decision.reason });

    const grantId = `grant-${randomUUID()}`;
    const answer: ApplicationAnswer = { decision: 'approved', grantId, amount: decision.amount, donated: decision.donated, regionCode: decision.regionCode, expiresAt: decision.expiresAt };
    const transfers: LedgerTransfer[] = [
      { transferId: `grant:${grantId}`, kind: 'grant', debit: 'treasury', credit: grantAccount(grantId), amount: decision.amount + decision.donated, grantId, partnerId },
    ];
    if (decision.donated > 0) transfers.push({ transferId: `donation:${grantId}`, kind: 'donation', debit: grantAccount(grantId), credit: 'donations', amount: decision.donated, grantId, partnerId });
    const outcome = await store.createGrant(
      {
        grantId,
        householdId: decision.householdId,
        partnerId,
        regionCode: decision.regionCode,
        expiresAt: decision.expiresAt,
        createdAt: now.toISOString(),
        cardTokenHash: keyedHash(pepper, `relief-card:${body.cardToken}`),
      },
      transfers,
      recordsOf(keys, fingerprint, answer),
      now,
    );
    if (outcome.kind === 'applied') return { kind: 'answer', answer };
    // Another card company's application for the household committed first.
    if (outcome.kind === 'refused' && outcome.index === 0) return this.#answerOnce(keys, fingerprint, { decision: 'rejected', reason: 'already-granted' });
    // A record taken by the same request meanwhile, or an earlier attempt of this one that committed unseen.
    if (outcome.kind === 'refused' || outcome.kind === 'duplicate') return this.#settled(keys, fingerprint);
    throw new Error(`a new grant's movement ended ${outcome.kind}`);
  }

  async authorize(partnerId: string, webhookId: string, body: AuthorizationBody): Promise<WebhookOutcome<AuthorizationDecision>> {
    const { store, program } = this.options;
    const fingerprint = fingerprintOf('authorization', body);
    const keys = requestKeys(partnerId, webhookId, 'authorization', body.authorizationId);
    // The grant is read with the records, in one request: a payment's reads are one round trip.
    const read = await store.requestsAndGrant(
      keys.map(({ key }) => key),
      body.grantId,
    );
    const prior = outcomeOf<AuthorizationDecision>(priorOf(keys, read.records, fingerprint));
    if (prior) return prior;
    const found = read.grant;

    const deadline = body.respondBy ? new Date(Date.parse(body.respondBy) - RESPOND_MARGIN_MS) : undefined;
    const now = this.options.now();
    const own = (grant: GrantRecord | undefined) => (grant?.partnerId === partnerId ? grant : undefined);
    let grant = own(found);
    const transferId = `spend:${partnerId}:${body.authorizationId}`;
    for (let round = 0; ; round++) {
      if ((deadline && Date.now() >= deadline.getTime()) || round >= MAX_ROUNDS) return this.#deadline(partnerId, keys, fingerprint, grant);
      const decision = judgeAuthorization({ program, grant, amount: body.amount, merchant: body.merchant, at: now });
      if (decision.decision === 'declined' || !grant) return this.#answerOnce(keys, fingerprint, decision, { grantId: body.grantId, approved: 0, reversed: 0 });

      const transfer: LedgerTransfer = { transferId, kind: 'spend', debit: grantAccount(grant.grantId), credit: settlementAccount(partnerId), amount: decision.approvedAmount, grantId: grant.grantId, partnerId };
      const records = recordsOf(keys, fingerprint, decision, { grantId: grant.grantId, approved: decision.approvedAmount, reversed: 0 });
      const outcome = await store.move(transfer, grant.regionCode, records, now, deadline);
      switch (outcome.kind) {
        case 'applied':
          return { kind: 'answer', answer: decision };
        case 'grant-refused':
          // Another payment took the balance first, or the grant expired: judge again on what is there now.
          grant = own(outcome.grant);
          continue;
        case 'timeout':
          if (outcome.committed) await this.#void(transfer, grant, keys, fingerprint, now);
          return this.#deadline(partnerId, keys, fingerprint, grant, outcome.committed);
        case 'refused':
        case 'duplicate':
        case 'conflict':
          return this.#settled(keys, fingerprint);
      }
    }
  }

  async reverse(partnerId: string, webhookId: string, body: ReversalBody): Promise<WebhookOutcome<ReversalAnswer>> {
    const { store } = this.options;
    const fingerprint = fingerprintOf('reversal', body);
    const keys = requestKeys(partnerId, webhookId, 'reversal', body.reversalId);
    const prior = await this.#prior<ReversalAnswer>(keys, fingerprint);
    if (prior) return prior;

    const authorizationKey = `authorization#${partnerId}#${body.authorizationId}`;
    const now = this.options.now();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const authorization = await store.request(authorizationKey);
      const grant = authorization ? await store.grant(String(authorization.attributes['grantId'])) : undefined;
      if (!authorization || !grant || grant.partnerId !== partnerId) return { kind: 'unknown', what: `authorization ${body.authorizationId}` };
      const approved = Number(authorization.attributes['approved'] ?? 0);
      const reversed = Number(authorization.attributes['reversed'] ?? 0);
      if (body.amount > approved - reversed) {
        return { kind: 'invalid', field: 'body.amount', message: `is more than the ${approved - reversed} won left of authorization ${body.authorizationId} (approved ${approved}, reversed ${reversed})` };
      }
      const expired = now.getTime() > Date.parse(grant.expiresAt);
      const transfer: LedgerTransfer = expired
        ? { transferId: `reversal:${partnerId}:${body.reversalId}`, kind: 'late-reversal', debit: settlementAccount(partnerId), credit: 'expired', amount: body.amount, grantId: grant.grantId, partnerId }
        : { transferId: `reversal:${partnerId}:${body.reversalId}`, kind: 'reversal', debit: settlementAccount(partnerId), credit: grantAccount(grant.grantId), amount: body.amount, grantId: grant.grantId, partnerId };
      const answer: ReversalAnswer = { reversalId: body.reversalId, reversedAmount: body.amount, destination: expired ? 'treasury' : 'grant', remainingBalance: expired ? 0 : grant.balance + body.amount };
      const outcome = await store.reverse(transfer, grant.regionCode, authorizationKey, reversed, recordsOf(keys, fingerprint, answer), now);
      if (outcome.kind === 'applied') return { kind: 'answer', answer };
      // Another reversal of the authorization came first, or the grant expired meanwhile: read again.
      if ((outcome.kind === 'refused' && outcome.index === 0) || outcome.kind === 'grant-refused') continue;
      return this.#settled(keys, fingerprint);
    }
    throw new Error(`reversal ${body.reversalId} kept losing races`);
  }

  async changeRegion(partnerId: string, webhookId: string, body: RegionChangeBody): Promise<WebhookOutcome<{ grantId: string; regionCode: string }>> {
    const { store } = this.options;
    const fingerprint = fingerprintOf('region-change', body);
    const keys = requestKeys(partnerId, webhookId, 'region-change');
    const prior = await this.#prior<{ grantId: string; regionCode: string }>(keys, fingerprint);
    if (prior) return prior;

    const grant = await store.grant(body.grantId);
    if (!grant || grant.partnerId !== partnerId) return { kind: 'unknown', what: `grant ${body.grantId}` };
    const registered = await store.householdRegion(grant.householdId);
    if (registered !== body.newRegionCode) {
      return { kind: 'invalid', field: 'body.newRegionCode', message: `is not where the registry has the household (${registered ?? 'not in the registry'}); register the move with the registry first` };
    }
    const answer = { grantId: grant.grantId, regionCode: body.newRegionCode };
    const changed = await store.changeRegion(grant.grantId, partnerId, body.newRegionCode, recordsOf(keys, fingerprint, answer));
    if (changed === 'changed') return { kind: 'answer', answer };
    if (changed === 'not-yours') return { kind: 'unknown', what: `grant ${body.grantId}` };
    return this.#settled(keys, fingerprint);
  }

  async #answerOnce<A>(keys: readonly { key: string; field: string }[], fingerprint: string, answer: A, attributes?: Readonly<Record<string, string | number>>): Promise<WebhookOutcome<A>> {
    if (await this.options.store.answer(recordsOf(keys, fingerprint, answer, attributes))) return { kind: 'answer', answer };
    return this.#settled(keys, fingerprint);
  }

  /** Nothing is debited (the spend was fenced or voided); the decline is the answer a retry gets. */
  async #deadline(partnerId: string, keys: readonly { key: string; field: string }[], fingerprint: string, grant: GrantRecord | undefined, recorded = false): Promise<WebhookOutcome<AuthorizationDecision>> {
    const answer: AuthorizationDecision = { decision: 'declined', approvedAmount: 0, remainingBalance: grant?.balance ?? 0, reason: 'deadline' };
    await this.options.onDeadline?.(partnerId);
    if (recorded) return { kind: 'answer', answer };
    return this.#answerOnce(keys, fingerprint, answer, { grantId: grant?.grantId ?? '', approved: 0, reversed: 0 });
  }

  /** The spend committed after the card company stopped waiting: it is put back, and its records say declined. */
  async #void(spend: LedgerTransfer, grant: GrantRecord, keys: readonly { key: string; field: string }[], fingerprint: string, now: Date): Promise<void> {
    const answer: AuthorizationDecision = { decision: 'declined', approvedAmount: 0, remainingBalance: grant.balance, reason: 'deadline' };
    const records = recordsOf(keys, fingerprint, answer, { grantId: grant.grantId, approved: 0, reversed: 0 });
    const back: LedgerTransfer = { ...spend, transferId: `void:${spend.transferId}`, kind: 'reversal', debit: spend.credit, credit: spend.debit };
    const outcome = await this.options.store.voidSpend(back, grant.regionCode, records, now);
    if (outcome.kind === 'grant-refused') {
      // Expired in the meantime: the voided won go to the state, as any reversal after expiry does.
      await this.options.store.voidSpend({ ...back, kind: 'late-reversal', credit: 'expired' }, grant.regionCode, records, now);
    }
  }
}
