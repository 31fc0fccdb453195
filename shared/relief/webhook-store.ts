import { createHash } from 'node:crypto';
import type { AccountId, Transfer } from './ledger.ts';

/** A transfer as the ledger keeps it: the pure model's transfer, with the card company it settles with. */
export interface LedgerTransfer extends Transfer {
  /** The card company whose settlement the transfer touches (spend, reversal, late-reversal) or that issued the grant. */
  readonly partnerId?: string;
}

export interface StoredTransfer extends LedgerTransfer {
  readonly at: string;
  /** The Korean day it counts in. */
  readonly day: string;
}

/** A grant as its item says (infra/manifest/relief.ts, `relief-grants`): its account and its figures. */
export interface GrantRecord {
  readonly grantId: string;
  readonly householdId: string;
  readonly partnerId: string;
  readonly regionCode: string;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly granted: number;
  readonly donated: number;
  readonly balance: number;
  readonly spent: number;
  readonly reversed: number;
  readonly expired: number;
  /** Present while the grant can still expire. */
  readonly expiryShard?: string;
  readonly cardTokenHash?: string;
}

export type NewGrant = Omit<GrantRecord, 'granted' | 'donated' | 'balance' | 'spent' | 'reversed' | 'expired' | 'expiryShard'>;

export type LedgerOutcome =
  | { readonly kind: 'applied' }
  /** Every transfer of the movement is already in the ledger, the same: an earlier attempt committed it. */
  | { readonly kind: 'duplicate' }
  /** A transfer id is taken by another transfer: refused, nothing changed. */
  | { readonly kind: 'conflict'; readonly existing: StoredTransfer }
  /** The grant's condition failed (balance, expiry, or it does not exist); its current item, if any. */
  | { readonly kind: 'grant-refused'; readonly grant: GrantRecord | undefined }
  /** An item committed with the movement failed its condition (by index: the household, a request record). */
  | { readonly kind: 'refused'; readonly index: number }
  /**
   * The deadline passed. `committed: false`: the transfer id is fenced, so the attempt in flight can never
   * commit later; `committed: true`: it had committed, and the caller must compensate.
   */
  | { readonly kind: 'timeout'; readonly committed: boolean };

/** What a card company asked under one key, and the first answer it got. */
export interface RequestRecord {
  readonly key: string;
  readonly fingerprint: string;
  readonly answer: unknown;
  /** What else the record keeps (an authorization's grant, approved and reversed won). */
  readonly attributes?: Readonly<Record<string, string | number>>;
}

export interface StoredRequest {
  readonly fingerprint: string;
  readonly answer: unknown;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What the registry says of a resident, joined with their household. */
export interface RegistryEntry {
  readonly householdId: string;
  readonly members: number;
  readonly regionCode: string;
  readonly isHead: boolean;
  readonly grantId?: string;
}

/** Everything the webhooks read and commit; DynamoDB in `shared/data/relief-webhook-store.ts`. */
export interface ReliefWebhookStore {
  request(key: string): Promise<StoredRequest | undefined>;
  /** Records answers that move no money; false when one of the keys was taken meanwhile. */
  answer(records: readonly RequestRecord[]): Promise<boolean>;
  applicant(residentHash: string): Promise<RegistryEntry | undefined>;
  householdRegion(householdId: string): Promise<string | undefined>;
  grant(grantId: string): Promise<GrantRecord | undefined>;
  /** The records under these keys (in their order) and the grant, read together: a payment's one round trip. */
  requestsAndGrant(keys: readonly string[], grantId: string): Promise<{ readonly records: readonly (StoredRequest | undefined)[]; readonly grant: GrantRecord | undefined }>;
  /** The grant, its transfers, the household's `grantId` (index 0 of `refused`: it had one) and the records, at once. */
  createGrant(grant: NewGrant, transfers: readonly LedgerTransfer[], records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome>;
  /** One transfer of a grant with its records (index 0.. of `refused`), fenced at `deadline`. */
  move(transfer: LedgerTransfer, regionCode: string, records: readonly RequestRecord[], at: Date, deadline?: Date): Promise<LedgerOutcome>;
  /**
   * A reversal with its records, raising the authorization's `reversed` from `seen` to `seen + amount`
   * (`refused` index 0: another reversal came first, read again).
   */
  reverse(transfer: LedgerTransfer, regionCode: string, authorizationKey: string, seen: number, records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome>;
  /** Undoes a spend that committed after its deadline, and replaces its records' answer with the decline. */
  voidSpend(transfer: LedgerTransfer, regionCode: string, records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome>;
  /** Moves the grant to a region if it is the partner's; false when it is not (or is gone). */
  changeRegion(grantId: string, partnerId: string, regionCode: string, records: readonly RequestRecord[]): Promise<'changed' | 'not-yours' | 'taken'>;
}

export type Prior = { readonly kind: 'new' } | { readonly kind: 'repeat'; readonly answer: unknown } | { readonly kind: 'reused'; readonly field: string };

/** The same request, whatever order its fields were sent in. */
export const fingerprintOf = (operation: string, body: unknown): string => createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('base64url');

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * Whether a card company asked this before, under its `webhook-id` or its own id for the thing
 * (`applicationId`, ...): the same body gets the first answer again; another body under a used key is refused.
 */
export const priorAnswer = async (store: Pick<ReliefWebhookStore, 'request'>, keys: readonly { key: string; field: string }[], fingerprint: string): Promise<Prior> =>
  priorOf(keys, await Promise.all(keys.map(({ key }) => store.request(key))), fingerprint);

/** The same judgement over records already read (`found[i]` under `keys[i]`). */
export const priorOf = (keys: readonly { key: string; field: string }[], found: readonly (StoredRequest | undefined)[], fingerprint: string): Prior => {
  for (const [i, record] of found.entries()) {
    if (!record) continue;
    return record.fingerprint === fingerprint ? { kind: 'repeat', answer: record.answer } : { kind: 'reused', field: keys[i]!.field };
  }
  return { kind: 'new' };
};

export const requestKeys = (partnerId: string, webhookId: string, kind: string, clientId?: string) => [
  { key: `webhook#${partnerId}#${webhookId}`, field: 'header.webhook-id' },
  ...(clientId ? [{ key: `${kind}#${partnerId}#${clientId}`, field: `body.${kind}Id` }] : []),
];

export const recordsOf = (keys: readonly { key: string }[], fingerprint: string, answer: unknown, attributes?: RequestRecord['attributes']): RequestRecord[] =>
  keys.map(({ key }, i) => ({ key, fingerprint, answer, ...(i > 0 && attributes ? { attributes } : {}) }));

export type { AccountId };
