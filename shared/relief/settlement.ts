import { koreanDate } from '../masks/korean-time.ts';
import type { TransferKind } from './ledger.ts';

/**
 * What the state owes a card company for one Korean day: the points its cardholders spent (approved and
 * partial authorizations), less what it reversed while the grant could still be spent (back to the
 * balance) and after it expired (to the state). The ledger adds each settling transfer to one of 16
 * shards of the day in the transfer's own transaction; the settlement is their sum, and the transfers
 * themselves (the `byPartnerDay` index) are the evidence it reconciles with.
 */
export interface SettlementFigures {
  readonly approvedWon: number;
  readonly approvedCount: number;
  readonly reversedWon: number;
  readonly reversedCount: number;
  readonly lateReversedWon: number;
  readonly lateReversedCount: number;
}

export interface Settlement extends SettlementFigures {
  readonly partnerId: string;
  /** The Korean calendar day, `YYYY-MM-DD`: a card company closes its books at midnight in Seoul. */
  readonly date: string;
  /** What the state pays the card company for the day: approved − reversed − late-reversed (may be negative). */
  readonly netWon: number;
}

export const NO_SETTLEMENT: SettlementFigures = { approvedWon: 0, approvedCount: 0, reversedWon: 0, reversedCount: 0, lateReversedWon: 0, lateReversedCount: 0 };

/** The transfers that move a card company's settlement account: the only ones on `byPartnerDay`. */
export const SETTLING_KINDS = ['spend', 'reversal', 'late-reversal'] as const satisfies readonly TransferKind[];
export type SettlingKind = (typeof SETTLING_KINDS)[number];

export const isSettling = (kind: string): kind is SettlingKind => (SETTLING_KINDS as readonly string[]).includes(kind);

const add = (a: SettlementFigures, b: SettlementFigures): SettlementFigures => ({
  approvedWon: a.approvedWon + b.approvedWon,
  approvedCount: a.approvedCount + b.approvedCount,
  reversedWon: a.reversedWon + b.reversedWon,
  reversedCount: a.reversedCount + b.reversedCount,
  lateReversedWon: a.lateReversedWon + b.lateReversedWon,
  lateReversedCount: a.lateReversedCount + b.lateReversedCount,
});

/** What one settling transfer adds to its day's shard: the same figure the ledger adds in the transfer's transaction. */
export const settlementDelta = (kind: SettlingKind, amount: number): SettlementFigures => {
  switch (kind) {
    case 'spend':
      return { ...NO_SETTLEMENT, approvedWon: amount, approvedCount: 1 };
    case 'reversal':
      return { ...NO_SETTLEMENT, reversedWon: amount, reversedCount: 1 };
    case 'late-reversal':
      return { ...NO_SETTLEMENT, lateReversedWon: amount, lateReversedCount: 1 };
  }
};

const settled = (partnerId: string, date: string, figures: SettlementFigures): Settlement => ({
  partnerId,
  date,
  ...figures,
  netWon: figures.approvedWon - figures.reversedWon - figures.lateReversedWon,
});

/** A day's settlement from its shards, whichever and however many exist (a shard nobody wrote is zero). */
export const foldSettlement = (partnerId: string, date: string, shards: readonly SettlementFigures[]): Settlement =>
  settled(partnerId, date, shards.reduce(add, NO_SETTLEMENT));

export interface SettlingTransfer {
  readonly transferId: string;
  readonly kind: SettlingKind;
  readonly amount: number;
  readonly grantId: string;
  /** ISO instant the transfer was committed. */
  readonly at: string;
}

/** A day's settlement recomputed from its transfers: what the reconciliation holds the shards to. */
export const settlementOfTransfers = (partnerId: string, date: string, transfers: Iterable<SettlingTransfer>): Settlement => {
  let figures = NO_SETTLEMENT;
  for (const transfer of transfers) figures = add(figures, settlementDelta(transfer.kind, transfer.amount));
  return settled(partnerId, date, figures);
};

/** A running sum over pages of transfers, so a day of a million is never held in memory at once. */
export class SettlementTally {
  #figures: SettlementFigures = NO_SETTLEMENT;
  add(transfers: Iterable<SettlingTransfer>): void {
    for (const transfer of transfers) this.#figures = add(this.#figures, settlementDelta(transfer.kind, transfer.amount));
  }
  settlement(partnerId: string, date: string): Settlement {
    return settled(partnerId, date, this.#figures);
  }
}

/** The Korean day a transfer settles on. */
export const settlementDay = (at: string): string => koreanDate(new Date(at));

export interface SettlementDifference {
  readonly figure: keyof SettlementFigures | 'netWon';
  readonly shards: number;
  readonly transfers: number;
}

/** Where the shards and the transfers disagree, to the won and the count; empty when they reconcile. */
export const reconcile = (fromShards: Settlement, fromTransfers: Settlement): SettlementDifference[] =>
  (['approvedWon', 'approvedCount', 'reversedWon', 'reversedCount', 'lateReversedWon', 'lateReversedCount', 'netWon'] as const)
    .filter((figure) => fromShards[figure] !== fromTransfers[figure])
    .map((figure) => ({ figure, shards: fromShards[figure], transfers: fromTransfers[figure] }));

/** The CSV of a day's transfers: one row each, and the signed column sums to the settlement's net. */
export const SETTLEMENT_CSV_HEADER = 'partner_id,date,transfer_id,at,kind,grant_id,amount_won,net_won';

/** What a transfer does to the day's net: a spend adds, a reversal (early or late) takes away. */
export const signedWon = (transfer: Pick<SettlingTransfer, 'kind' | 'amount'>): number => (transfer.kind === 'spend' ? transfer.amount : -transfer.amount);

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const settlementCsvRow = (partnerId: string, date: string, transfer: SettlingTransfer): string =>
  [partnerId, date, transfer.transferId, transfer.at, transfer.kind, transfer.grantId, transfer.amount, signedWon(transfer)].map(csvField).join(',');

/** One page of the CSV; the header on each page, so that any page opens on its own in a spreadsheet. */
export const settlementCsv = (partnerId: string, date: string, transfers: readonly SettlingTransfer[]): string =>
  [SETTLEMENT_CSV_HEADER, ...transfers.map((transfer) => settlementCsvRow(partnerId, date, transfer))].join('\r\n') + '\r\n';
