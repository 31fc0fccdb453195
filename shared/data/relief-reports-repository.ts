import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { isSettling, type SettlementFigures, type SettlingTransfer } from '../relief/settlement.ts';
import type { StatsShard } from '../relief/stats.ts';
import { boundedParallel } from './bounded-parallel.ts';
import { dynamo } from './dynamo-client.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

/** The sparse indexes' shards (`U#0`…`U#15`, `E#0`…`E#15`): what spreads a national-size index over partitions. */
export const RELIEF_SHARDS = 16;

export class BadReportCursorError extends Error {
  override name = 'BadReportCursorError';
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * A settlement shard as the ledger writes it (infra/manifest/relief.ts, shared/data/relief-ledger-repository.ts):
 * `approved`, `reversed`, `lateReversed` won and their `…Count`; a figure nobody added to yet is zero.
 */
export const settlementFiguresOf = (item: Record<string, unknown>): SettlementFigures => ({
  approvedWon: num(item['approved']),
  approvedCount: num(item['approvedCount']),
  reversedWon: num(item['reversed']),
  reversedCount: num(item['reversedCount']),
  lateReversedWon: num(item['lateReversed']),
  lateReversedCount: num(item['lateReversedCount']),
});

/**
 * `stats#<day>` / `<regionCode>#shard#<n>` as the ledger writes it: `households`, and the won `granted`,
 * `donated`, `spent`, `reversed` and `expired` (a late reversal counts in both of the last two, as in
 * shared/relief/ledger.ts's grant figures).
 */
export const statsShardOf = (item: Record<string, unknown>): StatsShard => ({
  date: String(item['pk']).slice('stats#'.length),
  regionCode: String(item['sk']).split('#', 1)[0] ?? '',
  households: num(item['households']),
  grantedWon: num(item['granted']),
  donatedWon: num(item['donated']),
  spentWon: num(item['spent']),
  reversedWon: num(item['reversed']),
  expiredWon: num(item['expired']),
});

const settlingTransferOf = (item: Record<string, unknown>): SettlingTransfer => {
  const kind = String(item['kind']);
  // Only settling transfers carry `partnerDay`; anything else on the index is a ledger bug to see, not to sum.
  if (!isSettling(kind)) throw new Error(`transfer ${String(item['pk'])} of kind ${kind} is on the byPartnerDay index`);
  return {
    transferId: typeof item['transferId'] === 'string' ? item['transferId'] : String(item['pk']).slice('transfer#'.length),
    kind,
    amount: num(item['amount']),
    grantId: String(item['grantId'] ?? ''),
    at: String(item['at']),
  };
};

const TRANSFER_PAGE_KEYS = ['pk', 'sk', 'partnerDay', 'at'];

export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | null;
}

/**
 * The relief reports' reads: a day's settlement shards and settling transfers (`relief-ledger`), the
 * statistics shards, the registry's region counts and the unclaimed index (`relief-households`). All are
 * Queries on a key or an index, or GetItems; nothing here writes.
 */
export class ReliefReportsRepository {
  readonly #ledger = config.tableName('relief-ledger');
  readonly #households = config.tableName('relief-households');

  /** The 16 (or fewer, on a quiet day) shards of a card company's day; strongly consistent, since they are the books. */
  async settlementShards(partnerId: string, day: string): Promise<SettlementFigures[]> {
    const items = await this.#queryAll({
      TableName: this.#ledger,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `settlement#${partnerId}#${day}` },
      ConsistentRead: true,
    });
    return items.map(settlementFiguresOf);
  }

  /** One page of a card company's settling transfers of a day, in time order (the CSV and the reconciliation). */
  async settlingTransfers(partnerId: string, day: string, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<SettlingTransfer>> {
    const start = page.cursor ? decodeCursor(page.cursor, TRANSFER_PAGE_KEYS) : undefined;
    if (page.cursor && !start) throw new BadReportCursorError('This is not a cursor of this report; start again without one.');
    if (start && start['partnerDay'] !== `${partnerId}#${day}`) throw new BadReportCursorError('This cursor belongs to another card company or day.');
    const { Items = [], LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        TableName: this.#ledger,
        IndexName: 'byPartnerDay',
        KeyConditionExpression: 'partnerDay = :pd',
        ExpressionAttributeValues: { ':pd': `${partnerId}#${day}` },
        ...(start ? { ExclusiveStartKey: start } : {}),
        Limit: page.limit,
      }),
    );
    return { items: Items.map(settlingTransferOf), cursor: encodeCursor(LastEvaluatedKey) };
  }

  /** Every settling transfer of the day, page by page: `each` sees each page once, in time order. */
  async eachSettlingTransferPage(partnerId: string, day: string, each: (transfers: SettlingTransfer[]) => void, pageSize = 5_000): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.settlingTransfers(partnerId, day, { limit: pageSize, ...(cursor ? { cursor } : {}) });
      each(page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
  }

  /** The statistics shards of these days; of one region when `region` is given (an admin never reads another's). */
  async statsShards(days: readonly string[], region?: string): Promise<StatsShard[]> {
    const perDay = await boundedParallel(days, 8, (day) =>
      this.#queryAll({
        TableName: this.#ledger,
        KeyConditionExpression: region ? 'pk = :pk AND begins_with(sk, :region)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `stats#${day}`, ...(region ? { ':region': `${region}#` } : {}) },
      }),
    );
    return perDay.flat().map(statsShardOf);
  }

  /** The registry's household count of each region (`region#<code>`, written by the registry import). */
  async registeredHouseholds(regions: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let keys = regions.map((code) => ({ pk: `region#${code}` }));
    while (keys.length > 0) {
      const { Responses, UnprocessedKeys } = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#households]: { Keys: keys } } }));
      for (const item of Responses?.[this.#households] ?? []) counts.set(String(item['pk']).slice('region#'.length), num(item['households']));
      keys = (UnprocessedKeys?.[this.#households]?.Keys ?? []) as { pk: string }[];
    }
    return counts;
  }

  /** How many households have no grant: a COUNT Query of each shard of the sparse index, all 16 at once. */
  async unclaimedCount(): Promise<number> {
    const perShard = await Promise.all(
      Array.from({ length: RELIEF_SHARDS }, async (_, shard) => {
        let total = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const { Count = 0, LastEvaluatedKey } = await dynamo.send(
            new QueryCommand({
              TableName: this.#households,
              IndexName: 'unclaimed',
              KeyConditionExpression: 'unclaimedShard = :s',
              ExpressionAttributeValues: { ':s': `U#${shard}` },
              Select: 'COUNT',
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          total += Count;
          start = LastEvaluatedKey;
        } while (start);
        return total;
      }),
    );
    return perShard.reduce((sum, n) => sum + n, 0);
  }

  /** A page of unclaimed household ids, shard after shard, each in id order. */
  async unclaimedPage(page: { readonly limit: number; readonly cursor?: string }): Promise<Page<string>> {
    let position = page.cursor ? unclaimedPosition(page.cursor) : { shard: 0 };
    const ids: string[] = [];
    while (ids.length < page.limit && position.shard < RELIEF_SHARDS) {
      const shardKey = `U#${position.shard}`;
      const { Items = [], LastEvaluatedKey } = await dynamo.send(
        new QueryCommand({
          TableName: this.#households,
          IndexName: 'unclaimed',
          KeyConditionExpression: 'unclaimedShard = :s',
          ExpressionAttributeValues: { ':s': shardKey },
          Limit: page.limit - ids.length,
          ...(position.after ? { ExclusiveStartKey: { pk: `household#${position.after}`, unclaimedShard: shardKey, householdId: position.after } } : {}),
        }),
      );
      ids.push(...Items.map((item) => String(item['householdId'])));
      position = LastEvaluatedKey ? { shard: position.shard, after: String(LastEvaluatedKey['householdId']) } : { shard: position.shard + 1 };
    }
    const more = position.shard < RELIEF_SHARDS;
    return { items: ids, cursor: more ? Buffer.from(JSON.stringify(position)).toString('base64url') : null };
  }

  async #queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await dynamo.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...Items);
      start = LastEvaluatedKey;
    } while (start);
    return items;
  }
}

/** Where an unclaimed page stopped: a shard, and the last household id read in it. */
const unclaimedPosition = (cursor: string): { shard: number; after?: string } => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'shard' in value) {
      const { shard, after } = value as { shard: unknown; after?: unknown };
      if (Number.isInteger(shard) && (shard as number) >= 0 && (shard as number) < RELIEF_SHARDS && (after === undefined || typeof after === 'string')) {
        return after === undefined ? { shard: shard as number } : { shard: shard as number, after };
      }
    }
  } catch {
    // falls through to the refusal
  }
  throw new BadReportCursorError('This is not a cursor of the unclaimed report; start again without one.');
};
