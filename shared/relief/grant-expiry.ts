import { grantAccount } from './ledger.ts';
import type { GrantRecord, LedgerOutcome, LedgerTransfer } from './webhook-store.ts';

/**
 * The end of spending: each grant's remaining balance goes to `expired` (the state), exactly once. The
 * transfer id is the grant's own (`expiry-<grantId>`), so two sweeps racing on one grant move it once and
 * the second is a duplicate; the transaction that moves it also takes the grant off the sparse `expiry`
 * index, so the next run does not even see it.
 */
export const EXPIRY_SHARDS = 16;

/**
 * A payment judged a moment before the end may still be committing (the ledger's conditions use the time
 * it was judged at, and a transaction retries for a few seconds): the sweep waits this long past the end,
 * so the balance it reads is final.
 */
export const EXPIRY_GRACE_MS = 60_000;

export const expiryTransferId = (grantId: string): string => `expiry-${grantId}`;

export type ExpiryStep =
  | { readonly kind: 'not-yet' }
  /** Nothing left to move: the grant only leaves the index. */
  | { readonly kind: 'nothing-left' }
  | { readonly kind: 'expire'; readonly transfer: LedgerTransfer };

/** What the end of spending does to one grant, read consistently, at `now`. */
export const expiryStep = (grant: Pick<GrantRecord, 'grantId' | 'partnerId' | 'balance' | 'expiresAt'>, now: Date): ExpiryStep => {
  if (Date.parse(grant.expiresAt) + EXPIRY_GRACE_MS > now.getTime()) return { kind: 'not-yet' };
  if (grant.balance <= 0) return { kind: 'nothing-left' };
  return {
    kind: 'expire',
    transfer: { transferId: expiryTransferId(grant.grantId), kind: 'expiry', debit: grantAccount(grant.grantId), credit: 'expired', amount: grant.balance, grantId: grant.grantId, partnerId: grant.partnerId },
  };
};

/** What the sweep reads and commits: the index, the grant itself, the ledger's transfer, and taking an empty grant off the index. */
export interface ExpiryStore {
  /** Grant ids of one shard whose `expiresAt` is at or before `by`, oldest first (the index is eventually consistent: only ids are trusted). */
  dueGrantIds(shard: string, by: string, limit: number): Promise<string[]>;
  /** The grant, strongly consistent. */
  grant(grantId: string): Promise<GrantRecord | undefined>;
  /** The ledger's transfer primitive: the expiry transfer, with the grant's `expiryShard` removed in the same transaction. */
  transfer(transfer: LedgerTransfer, at: Date, regionCode: string): Promise<LedgerOutcome>;
  /** Removes `expiryShard` from a grant with nothing left (conditional on a zero balance); false if it moved meanwhile. */
  closeEmpty(grantId: string, by: string): Promise<boolean>;
}

export interface ExpiryResult {
  readonly expired: number;
  readonly expiredWon: number;
  /** Grants with nothing left, taken off the index. */
  readonly emptied: number;
  /** Already expired by another run (a duplicate of the same transfer). */
  readonly already: number;
  /** Left for the next run: a conflict, a grant that moved meanwhile, or the time budget ran out. */
  readonly left: number;
}

type GrantOutcome = { readonly kind: 'expired'; readonly won: number } | { readonly kind: 'emptied' | 'already' | 'left' };

export class GrantExpiry {
  constructor(
    private readonly store: ExpiryStore,
    private readonly options: { readonly pageSize?: number; readonly onProblem?: (grantId: string, what: string) => void } = {},
  ) {}

  /**
   * The 16 shards side by side, each page by page, until nothing is due or `until` (the function's time
   * budget, epoch ms) passes; what is left, the next run takes. A grant that could not be expired now is
   * skipped for the rest of this run, so one stuck grant never holds up its shard.
   */
  async sweep(now: Date, until: number = Number.POSITIVE_INFINITY): Promise<ExpiryResult> {
    const by = new Date(now.getTime() - EXPIRY_GRACE_MS).toISOString();
    const totals = { expired: 0, expiredWon: 0, emptied: 0, already: 0, left: 0 };
    const sweepShard = async (shard: string) => {
      const skipped = new Set<string>();
      for (;;) {
        if (Date.now() >= until) return;
        const ids = (await this.store.dueGrantIds(shard, by, (this.options.pageSize ?? 100) + skipped.size)).filter((id) => !skipped.has(id));
        if (ids.length === 0) return;
        for (const grantId of ids) {
          if (Date.now() >= until) return;
          const outcome = await this.#expire(grantId, now, by);
          if (outcome.kind === 'expired') {
            totals.expired += 1;
            totals.expiredWon += outcome.won;
          } else {
            totals[outcome.kind] += 1;
            if (outcome.kind === 'left') skipped.add(grantId);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: EXPIRY_SHARDS }, (_, n) => sweepShard(`E#${n}`)));
    return totals;
  }

  async #expire(grantId: string, now: Date, by: string): Promise<GrantOutcome> {
    const grant = await this.store.grant(grantId);
    // Off the index already (the index lags the item): another run took it.
    if (!grant || grant.expiryShard === undefined) return { kind: 'already' };
    const step = expiryStep(grant, now);
    if (step.kind === 'not-yet') return { kind: 'left' };
    if (step.kind === 'nothing-left') return (await this.store.closeEmpty(grantId, by)) ? { kind: 'emptied' } : { kind: 'left' };
    const outcome = await this.store.transfer(step.transfer, now, grant.regionCode);
    if (outcome.kind === 'applied') return { kind: 'expired', won: step.transfer.amount };
    if (outcome.kind === 'duplicate') return { kind: 'already' };
    this.options.onProblem?.(grantId, outcome.kind);
    return { kind: 'left' };
  }
}
