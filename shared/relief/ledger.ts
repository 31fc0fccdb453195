/**
 * The relief ledger's rules, as a pure model: double-entry and immutable, as card issuers and
 * TigerBeetle keep theirs. Money moves only as transfers between accounts; a balance is the sum of
 * what was credited minus what was debited; a transfer id is applied once, and the same id with other
 * accounts or another amount is refused; no account but the treasury (the source of every grant) ever
 * goes below zero. The DynamoDB ledger commits exactly these rules in one transaction per transfer;
 * this model is what the simulation checks it against.
 */
export type AccountId = 'treasury' | 'donations' | 'expired' | `grant:${string}` | `settlement:${string}`;

export type TransferKind =
  /** treasury → grant: the household's whole entitlement. */
  | 'grant'
  /** grant → donations: given back at application. */
  | 'donation'
  /** grant → the card company's settlement: an approved (or partial) authorization. */
  | 'spend'
  /** settlement → grant: a reversal while the grant can still be spent. */
  | 'reversal'
  /** settlement → expired: a reversal after the grant expired goes to the state, not the balance. */
  | 'late-reversal'
  /** grant → expired: what was left at the end of spending. */
  | 'expiry';

export interface Transfer {
  readonly transferId: string;
  readonly kind: TransferKind;
  readonly debit: AccountId;
  readonly credit: AccountId;
  /** Won, a positive whole number. */
  readonly amount: number;
  /** The grant the transfer concerns, for its per-grant figures. */
  readonly grantId: string;
}

export type TransferOutcome =
  | { readonly kind: 'applied' }
  /** The same transfer again: nothing changes, the first answer stands. */
  | { readonly kind: 'duplicate' }
  /** The id was used for another transfer: refused, nothing changes. */
  | { readonly kind: 'conflict'; readonly existing: Transfer }
  | { readonly kind: 'insufficient'; readonly balance: number };

export interface Ledger {
  readonly transfers: ReadonlyMap<string, Transfer>;
  readonly balances: ReadonlyMap<AccountId, number>;
}

export const EMPTY_LEDGER: Ledger = { transfers: new Map(), balances: new Map() };

export const grantAccount = (grantId: string): AccountId => `grant:${grantId}`;
export const settlementAccount = (partnerId: string): AccountId => `settlement:${partnerId}`;

export const balanceOf = (ledger: Ledger, account: AccountId): number => ledger.balances.get(account) ?? 0;

const sameTransfer = (a: Transfer, b: Transfer): boolean =>
  a.kind === b.kind && a.debit === b.debit && a.credit === b.credit && a.amount === b.amount && a.grantId === b.grantId;

/** Applies one transfer, or says why not; the ledger returned is the one to keep. */
export const applyTransfer = (ledger: Ledger, transfer: Transfer): { readonly ledger: Ledger; readonly outcome: TransferOutcome } => {
  if (!Number.isSafeInteger(transfer.amount) || transfer.amount <= 0) throw new Error(`a transfer moves a positive whole number of won, not ${transfer.amount}`);
  if (transfer.debit === transfer.credit) throw new Error('a transfer moves money between two accounts');
  const existing = ledger.transfers.get(transfer.transferId);
  if (existing) return { ledger, outcome: sameTransfer(existing, transfer) ? { kind: 'duplicate' } : { kind: 'conflict', existing } };
  const debited = balanceOf(ledger, transfer.debit) - transfer.amount;
  if (transfer.debit !== 'treasury' && debited < 0) return { ledger, outcome: { kind: 'insufficient', balance: balanceOf(ledger, transfer.debit) } };
  const balances = new Map(ledger.balances);
  balances.set(transfer.debit, debited);
  balances.set(transfer.credit, balanceOf(ledger, transfer.credit) + transfer.amount);
  const transfers = new Map(ledger.transfers);
  transfers.set(transfer.transferId, transfer);
  return { ledger: { transfers, balances }, outcome: { kind: 'applied' } };
};

export interface GrantFigures {
  readonly granted: number;
  readonly balance: number;
  readonly spent: number;
  readonly reversed: number;
  readonly donated: number;
  readonly expired: number;
}

/** A grant's figures from its transfers: `granted = balance + spent − reversed + donated + expired` always holds. */
export const grantFigures = (ledger: Ledger, grantId: string): GrantFigures => {
  const sum = (kinds: readonly TransferKind[]) =>
    [...ledger.transfers.values()].filter((t) => t.grantId === grantId && kinds.includes(t.kind)).reduce((total, t) => total + t.amount, 0);
  return {
    granted: sum(['grant']),
    balance: balanceOf(ledger, grantAccount(grantId)),
    spent: sum(['spend']),
    reversed: sum(['reversal', 'late-reversal']),
    donated: sum(['donation']),
    expired: sum(['expiry', 'late-reversal']),
  };
};

/** Every transfer debits what it credits: the balances of all accounts sum to zero. */
export const totalOfBalances = (ledger: Ledger): number => [...ledger.balances.values()].reduce((total, b) => total + b, 0);
