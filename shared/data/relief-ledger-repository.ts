import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { config } from '../config.ts';
import { koreanDate } from '../masks/korean-time.ts';
import { grantAccount, type AccountId, type TransferKind } from '../relief/ledger.ts';
import type { GrantRecord, LedgerOutcome, LedgerTransfer, NewGrant, StoredTransfer } from '../relief/webhook-store.ts';
import { dynamo } from './dynamo-client.ts';
import { isTransient, retryDelayMs } from './transient-errors.ts';

/** Hot accounts (treasury, donations, expired, each settlement) and each day's figures are spread over this many items. */
export const LEDGER_SHARDS = 16;
export const EXPIRY_SHARDS = 16;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type GrantItem = GrantRecord;
export type { LedgerTransfer, NewGrant, StoredTransfer };

export interface Movement {
  /** One or more transfers of one grant, committed together or not at all. */
  readonly transfers: readonly LedgerTransfer[];
  readonly at: Date;
  /** The grant's region now: the day's figures are counted under it. */
  readonly regionCode: string;
  /** The grant item this movement creates (an application); otherwise it updates the existing one. */
  readonly newGrant?: NewGrant;
  /** Written in the same transaction (request records, the household's `grantId`); a failed condition cancels all. */
  readonly also?: readonly TransactItem[];
  /** Past this instant nothing may commit: the movement is fenced and its outcome is `timeout`. */
  readonly deadline?: Date;
}

export type MovementOutcome = LedgerOutcome;

const ADD_BY_KIND: Record<TransferKind, { readonly grant: readonly string[]; readonly stats: readonly string[]; readonly settlement?: string }> = {
  grant: { grant: ['granted'], stats: ['granted'] },
  donation: { grant: ['donated'], stats: ['donated'] },
  spend: { grant: ['spent'], stats: ['spent'], settlement: 'approved' },
  reversal: { grant: ['reversed'], stats: ['reversed'], settlement: 'reversed' },
  'late-reversal': { grant: ['reversed', 'expired'], stats: ['reversed', 'expired'], settlement: 'lateReversed' },
  expiry: { grant: ['expired'], stats: ['expired'] },
};

/** Debits that need the grant spendable (not expired); a late reversal and the expiry do not. */
const NEEDS_UNEXPIRED: ReadonlySet<TransferKind> = new Set(['spend', 'reversal', 'donation']);

const transferKey = (transferId: string) => ({ pk: `transfer#${transferId}`, sk: 'transfer' });
/** Which of an account's or a day's shards a transfer adds to: any one, so concurrent transfers rarely meet. */
export type ShardPicker = () => number;
const anyShard: ShardPicker = () => randomInt(LEDGER_SHARDS);
export const expiryShardOf = (grantId: string): string => `E#${[...grantId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % EXPIRY_SHARDS}`;

const addAll = (target: Map<string, number>, names: readonly string[], amount: number) => {
  for (const name of names) target.set(name, (target.get(name) ?? 0) + amount);
};

const addExpression = (sums: ReadonlyMap<string, number>, prefix: string) => {
  const entries = [...sums].filter(([, v]) => v !== 0);
  return {
    clause: entries.map(([_name], i) => `#${prefix}${i} :${prefix}${i}`).join(', '),
    names: Object.fromEntries(entries.map(([name], i) => [`#${prefix}${i}`, name])),
    values: Object.fromEntries(entries.map(([, v], i) => [`:${prefix}${i}`, v])),
  };
};

const sameTransfer = (a: LedgerTransfer, b: LedgerTransfer): boolean =>
  a.kind === b.kind && a.debit === b.debit && a.credit === b.credit && a.amount === b.amount && a.grantId === b.grantId && (a.partnerId ?? null) === (b.partnerId ?? null);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The double-entry ledger over DynamoDB. Each movement is one TransactWriteItems: the transfers (each
 * `attribute_not_exists`, so an id is applied once), the grant item (its balance is the grant's account;
 * a debit is conditional on `balance >= :debit`), one random shard of every other account, the day's
 * settlement and statistics shards, and whatever the caller commits with it (its request record). So a
 * balance, the figures and the first answer never disagree, and no item is hot.
 */
export class ReliefLedgerRepository {
  readonly #ledger = config.tableName('relief-ledger');
  readonly #grants = config.tableName('relief-grants');

  /** `pickShard`: a writer with no concurrency to spread (the demo history, written once) may keep to one shard. */
  constructor(private readonly pickShard: ShardPicker = anyShard) {}

  async transfer(movement: Movement): Promise<MovementOutcome> {
    const items = this.transactionOf(movement);
    const [first] = movement.transfers;
    if (!first) throw new Error('a movement moves at least one transfer');
    for (let attempt = 0; ; attempt++) {
      const left = movement.deadline ? movement.deadline.getTime() - Date.now() : Infinity;
      if (left <= 0) return this.#fence(first, movement.at);
      try {
        await dynamo.send(new TransactWriteCommand({ TransactItems: items }), Number.isFinite(left) ? { abortSignal: AbortSignal.timeout(left) } : {});
        return { kind: 'applied' };
      } catch (error) {
        if (error instanceof TransactionCanceledException && !isTransient(error)) return this.#whyCancelled(error, movement);
        if (isAbort(error)) return this.#fence(first, movement.at);
        const delay = retryDelayMs(attempt);
        // Without a deadline a handful of attempts; with one, as many as fit before it.
        if (!isTransient(error) || (!movement.deadline && attempt >= 7)) throw error;
        if (movement.deadline && Date.now() + delay >= movement.deadline.getTime()) return this.#fence(first, movement.at);
        await sleep(delay);
      }
    }
  }

  async getTransfer(transferId: string): Promise<StoredTransfer | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#ledger, Key: transferKey(transferId), ConsistentRead: true }));
    return Item && Item['kind'] !== 'fenced' ? (Item as unknown as StoredTransfer) : undefined;
  }

  async getGrant(grantId: string): Promise<GrantItem | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#grants, Key: { grantId }, ConsistentRead: true }));
    return Item as GrantItem | undefined;
  }

  /** A grant's transfers in time order (the `byGrant` index). */
  async transfersOfGrant(grantId: string): Promise<StoredTransfer[]> {
    return this.#queryAll({ TableName: this.#ledger, IndexName: 'byGrant', KeyConditionExpression: 'grantId = :g', ExpressionAttributeValues: { ':g': grantId } }) as unknown as Promise<StoredTransfer[]>;
  }

  /** An account's balance: the sum of its shards (a grant's is its item's `balance`). */
  async balanceOf(account: AccountId): Promise<number> {
    if (account.startsWith('grant:')) return (await this.getGrant(account.slice('grant:'.length)))?.balance ?? 0;
    const shards = await this.#queryAll({ TableName: this.#ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `account#${account}` }, ConsistentRead: true });
    return shards.reduce((total, item) => total + Number(item['balance'] ?? 0), 0);
  }

  /** A card company's day, summed over its shards: `approved`, `approvedCount`, `reversed`, `reversedCount`, `lateReversed`, `lateReversedCount`. */
  async settlementOf(partnerId: string, day: string): Promise<Record<string, number>> {
    return sumShards(await this.#queryAll({ TableName: this.#ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `settlement#${partnerId}#${day}` }, ConsistentRead: true }));
  }

  /** A day's figures of one region, summed over its shards (names in relief.ts). */
  async statsOf(day: string, regionCode: string): Promise<Record<string, number>> {
    return sumShards(
      await this.#queryAll({
        TableName: this.#ledger,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :region)',
        ExpressionAttributeValues: { ':pk': `stats#${day}`, ':region': `${regionCode}#` },
        ConsistentRead: true,
      }),
    );
  }

  /**
   * The items one movement's transaction writes, in order: its transfers, the grant, the other accounts'
   * shards, the settlement and statistics shards, then `also`. `transfer` commits them; the demo history
   * folds many movements' items into the items they leave (infra/local/seed/relief-history.ts).
   */
  transactionOf(movement: Movement): TransactItem[] {
    const at = movement.at.toISOString();
    const day = koreanDate(movement.at);
    const grantIds = new Set(movement.transfers.map((t) => t.grantId));
    if (grantIds.size !== 1) throw new Error('a movement concerns one grant');
    const grantId = movement.transfers[0]!.grantId;
    const ownAccount = grantAccount(grantId);
    const shard = () => `shard#${this.pickShard()}`;

    const transferItems: TransactItem[] = [];
    const accounts = new Map<AccountId, number>();
    const grantSums = new Map<string, number>();
    const statSums = new Map<string, number>();
    const settlements = new Map<string, Map<string, number>>();
    let grantDebit = 0;
    let needsUnexpired = false;
    for (const t of movement.transfers) {
      if (!Number.isSafeInteger(t.amount) || t.amount <= 0) throw new Error(`a transfer moves a positive whole number of won, not ${t.amount}`);
      const effects = ADD_BY_KIND[t.kind];
      const partnerDay = effects.settlement && t.partnerId ? `${t.partnerId}#${day}` : undefined;
      transferItems.push({
        Put: {
          TableName: this.#ledger,
          Item: { ...transferKey(t.transferId), transferId: t.transferId, kind: t.kind, debit: t.debit, credit: t.credit, amount: t.amount, grantId: t.grantId, partnerId: t.partnerId, at, day, partnerDay },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      for (const [account, delta] of [[t.debit, -t.amount], [t.credit, t.amount]] as const) {
        if (account === ownAccount) grantSums.set('balance', (grantSums.get('balance') ?? 0) + delta);
        else accounts.set(account, (accounts.get(account) ?? 0) + delta);
      }
      if (t.debit === ownAccount) grantDebit += t.amount;
      if (t.debit === ownAccount && NEEDS_UNEXPIRED.has(t.kind)) needsUnexpired = true;
      if (t.kind === 'reversal') needsUnexpired = true;
      addAll(grantSums, effects.grant, t.amount);
      addAll(statSums, effects.stats, t.amount);
      if (t.kind === 'grant') addAll(statSums, ['households'], 1);
      if (partnerDay && effects.settlement && t.partnerId) {
        const sums = settlements.get(t.partnerId) ?? new Map<string, number>();
        addAll(sums, [effects.settlement], t.amount);
        addAll(sums, [`${effects.settlement}Count`], 1);
        settlements.set(t.partnerId, sums);
      }
    }

    const items: TransactItem[] = [...transferItems];
    if (movement.newGrant) {
      const figure = (name: string) => grantSums.get(name) ?? 0;
      items.push({
        Put: {
          TableName: this.#grants,
          Item: {
            ...movement.newGrant,
            grantId,
            granted: figure('granted'),
            donated: figure('donated'),
            balance: figure('balance'),
            spent: 0,
            reversed: 0,
            expired: 0,
            expiryShard: expiryShardOf(grantId),
          },
          ConditionExpression: 'attribute_not_exists(grantId)',
        },
      });
    } else {
      const add = addExpression(grantSums, 'g');
      const conditions = ['attribute_exists(grantId)'];
      const values: Record<string, unknown> = { ...add.values, ':at': at };
      if (grantDebit > 0) {
        conditions.push('balance >= :debit');
        values[':debit'] = grantDebit;
      }
      if (needsUnexpired) conditions.push('expiresAt > :at');
      const expiry = movement.transfers.some((t) => t.kind === 'expiry');
      items.push({
        Update: {
          TableName: this.#grants,
          Key: { grantId },
          UpdateExpression: `ADD ${add.clause} SET lastMovedAt = :at${expiry ? ' REMOVE expiryShard' : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: add.names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    for (const [account, delta] of accounts) {
      if (delta === 0) continue;
      items.push({ Update: { TableName: this.#ledger, Key: { pk: `account#${account}`, sk: shard() }, UpdateExpression: 'ADD balance :d', ExpressionAttributeValues: { ':d': delta } } });
    }
    for (const [partnerId, sums] of settlements) items.push(this.#addTo(`settlement#${partnerId}#${day}`, shard(), sums));
    items.push(this.#addTo(`stats#${day}`, `${movement.regionCode}#${shard()}`, statSums));
    return [...items, ...(movement.also ?? [])];
  }

  #addTo(pk: string, sk: string, sums: ReadonlyMap<string, number>): TransactItem {
    const add = addExpression(sums, 'a');
    return { Update: { TableName: this.#ledger, Key: { pk, sk }, UpdateExpression: `ADD ${add.clause}`, ExpressionAttributeNames: add.names, ExpressionAttributeValues: add.values } };
  }

  async #whyCancelled(error: TransactionCanceledException, movement: Movement): Promise<MovementOutcome> {
    const reasons = error.CancellationReasons ?? [];
    const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
    const transfers = movement.transfers;
    if (transfers.some((_, i) => failed(i))) {
      for (const t of transfers) {
        const existing = await this.getTransfer(t.transferId);
        if (existing && !sameTransfer(existing, t)) return { kind: 'conflict', existing };
        if (!existing) {
          const fence = await dynamo.send(new GetCommand({ TableName: this.#ledger, Key: transferKey(t.transferId), ConsistentRead: true }));
          // A fenced id timed out before: it never moves money, and asking again cannot revive it.
          if (fence.Item) return { kind: 'timeout', committed: false };
        }
      }
      return { kind: 'duplicate' };
    }
    const grantIndex = transfers.length;
    if (failed(grantIndex)) return { kind: 'grant-refused', grant: await this.getGrant(transfers[0]!.grantId) };
    const alsoStart = reasons.length - (movement.also?.length ?? 0);
    const index = reasons.findIndex((reason, i) => i >= alsoStart && reason.Code === 'ConditionalCheckFailed');
    if (index >= 0) return { kind: 'refused', index: index - alsoStart };
    throw error;
  }

  /**
   * After the deadline, whether the attempt in flight committed is unknown. Putting a fence at its
   * transfer id settles it: if the fence goes in, that attempt's `attribute_not_exists` can never hold,
   * so nothing will be debited later; if it does not, the transfer is there and committed.
   */
  async #fence(first: LedgerTransfer, at: Date): Promise<MovementOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        await dynamo.send(
          new PutCommand({
            TableName: this.#ledger,
            Item: { ...transferKey(first.transferId), transferId: first.transferId, kind: 'fenced', fencedAt: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { kind: 'timeout', committed: false };
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
          return { kind: 'timeout', committed: (await this.getTransfer(first.transferId)) !== undefined };
        }
        if (!isTransient(error) && !isAbort(error)) throw error;
        if (attempt >= 20) throw error;
        await sleep(retryDelayMs(attempt));
      }
    }
  }

  async #queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}

const isAbort = (error: unknown): boolean => {
  const name = (error as { name?: string }).name;
  return name === 'AbortError' || name === 'TimeoutError';
};

const sumShards = (items: readonly Record<string, unknown>[]): Record<string, number> => {
  const sums: Record<string, number> = {};
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) if (typeof value === 'number') sums[name] = (sums[name] ?? 0) + value;
  }
  return sums;
};
