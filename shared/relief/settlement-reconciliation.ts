import { foldSettlement, reconcile, SettlementTally, type Settlement, type SettlementDifference, type SettlementFigures, type SettlingTransfer } from './settlement.ts';

/** What the reconciliation reads: the day's shards, and its transfers page by page. */
export interface SettlementBooks {
  settlementShards(partnerId: string, day: string): Promise<SettlementFigures[]>;
  eachSettlingTransferPage(partnerId: string, day: string, each: (transfers: SettlingTransfer[]) => void): Promise<void>;
}

export interface ReconciledDay {
  readonly partnerId: string;
  readonly date: string;
  readonly shards: Settlement;
  readonly transfers: Settlement;
  readonly differences: readonly SettlementDifference[];
}

/**
 * Each card company's day as the settlement shards say it and as its transfers add up, side by side:
 * the shards are what the state pays, the transfers are the evidence, and they agree to the won and the
 * count or the day is wrong. The transfers are summed a page at a time, so a day of a million is fine.
 */
export const reconcileSettlements = async (books: SettlementBooks, partners: readonly string[], days: readonly string[]): Promise<ReconciledDay[]> => {
  const reconciled: ReconciledDay[] = [];
  for (const date of days) {
    for (const partnerId of partners) {
      const tally = new SettlementTally();
      const [shards] = await Promise.all([books.settlementShards(partnerId, date), books.eachSettlingTransferPage(partnerId, date, (page) => tally.add(page))]);
      const fromShards = foldSettlement(partnerId, date, shards);
      const fromTransfers = tally.settlement(partnerId, date);
      reconciled.push({ partnerId, date, shards: fromShards, transfers: fromTransfers, differences: reconcile(fromShards, fromTransfers) });
    }
  }
  return reconciled;
};

const won = (n: number) => n.toLocaleString('en-US');

/** The table the command prints: one line a card company and day, and what differs under it. */
export const reconciliationTable = (days: readonly ReconciledDay[]): string => {
  const rows = [['date', 'partner', 'approved', 'count', 'reversed', 'count', 'late', 'count', 'net', 'check']];
  for (const day of days) {
    const s = day.shards;
    rows.push([day.date, day.partnerId, won(s.approvedWon), String(s.approvedCount), won(s.reversedWon), String(s.reversedCount), won(s.lateReversedWon), String(s.lateReversedCount), won(s.netWon), day.differences.length === 0 ? 'ok' : 'MISMATCH']);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => (column < 2 || column === 9 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
  for (const day of days) {
    for (const d of day.differences) lines.push(`  ${day.date} ${day.partnerId}: ${d.figure} is ${won(d.shards)} in the settlement shards but ${won(d.transfers)} in the transfers (${won(d.shards - d.transfers)})`);
  }
  return lines.join('\n');
};
