import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { CaseRecord, CaseState } from '../quarantine/quarantine-case.ts';
import { dynamo } from './dynamo-client.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

/** A case as a caller writes it: the index keys are the repository's to derive. */
export type CaseWrite = Omit<CaseRecord, 'regionState' | 'officerState'>;

export const regionStateOf = (region: string, state: CaseState): string => `${region}#${state}`;
export const officerStateOf = (region: string, officerId: string, state: CaseState): string => `${region}#${officerId}#${state}`;

export const caseItemOf = (record: CaseWrite): CaseRecord => ({
  ...record,
  regionState: regionStateOf(record.region, record.state),
  officerState: officerStateOf(record.region, record.officerId, record.state),
});

export interface CasesPage {
  readonly items: CaseRecord[];
  readonly cursor: string | null;
}

/** What `saveWithNew` says: written; the case moved on (read again); or one of the new items exists already. */
export type SaveWithNew = 'saved' | 'case-moved' | 'item-exists';

export class BadCaseCursorError extends Error {
  override name = 'BadCaseCursorError';
}

const LIST_KEYS = { byRegionState: ['caseId', 'regionState', 'createdAt'], byOfficerState: ['caseId', 'officerState', 'createdAt'] } as const;

/**
 * The `quarantine-cases` table: one item per case, read with one strongly consistent GetItem and
 * written whole, each write conditional on the version it read, so a sweep, a ping and an official
 * acting at once never overwrite one another (the loser reads again). Listings Query a region's or an
 * officer's cases in one state, newest first; the sweep Queries one shard of the sparse `due` index.
 */
export class QuarantineCasesRepository {
  readonly #table = config.tableName('quarantine-cases');
  readonly #events = config.tableName('quarantine-events');

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { caseId }, ConsistentRead: true }));
    return Item as CaseRecord | undefined;
  }

  /** A new case; false when the id exists (a random 128-bit id never does, but the condition costs nothing). */
  async create(record: CaseWrite): Promise<boolean> {
    return this.#put(caseItemOf(record), { ConditionExpression: 'attribute_not_exists(caseId)' });
  }

  /** Replaces the case if it is still at `expectedV` (the new record carries `expectedV + 1`); false if it moved on. */
  async save(record: CaseWrite, expectedV: number): Promise<boolean> {
    if (record.v !== expectedV + 1) throw new Error(`a case saved over v${expectedV} is v${expectedV + 1}, not v${record.v}`);
    return this.#put(caseItemOf(record), { ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': expectedV } });
  }

  /**
   * `save`, and in the same transaction items of the case's events table that must not exist yet (the
   * request records of position ids applied by this write): a case written without its request records,
   * or the other way round, cannot happen. At most 99 items (a transaction holds 100).
   */
  async saveWithNew(record: CaseWrite, expectedV: number, items: readonly { readonly caseId: string; readonly sk: string; readonly [attribute: string]: unknown }[]): Promise<SaveWithNew> {
    if (items.length === 0) return (await this.save(record, expectedV)) ? 'saved' : 'case-moved';
    if (record.v !== expectedV + 1) throw new Error(`a case saved over v${expectedV} is v${expectedV + 1}, not v${record.v}`);
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.#table, Item: caseItemOf(record), ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': expectedV } } },
            ...items.map((item) => ({ Put: { TableName: this.#events, Item: item, ConditionExpression: 'attribute_not_exists(sk)' } })),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (codes[0] === 'ConditionalCheckFailed') return 'case-moved';
      if (codes.slice(1).includes('ConditionalCheckFailed')) return 'item-exists';
      // A conflict with another transaction on the same items: the caller reads again, as after a lost race.
      if (codes.some((code) => code === 'TransactionConflict')) return 'case-moved';
      throw error;
    }
  }

  listOfRegion(region: string, state: CaseState, options: { cursor?: string; limit: number }): Promise<CasesPage> {
    return this.#list('byRegionState', 'regionState', regionStateOf(region, state), options);
  }

  listOfOfficer(region: string, officerId: string, state: CaseState, options: { cursor?: string; limit: number }): Promise<CasesPage> {
    return this.#list('byOfficerState', 'officerState', officerStateOf(region, officerId, state), options);
  }

  /** The cases of one shard whose next deadline is at or before `until`, earliest first. */
  async dueBy(shard: string, until: string, limit: number): Promise<CaseRecord[]> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'due',
        KeyConditionExpression: 'dueShard = :shard AND nextDueAt <= :until',
        ExpressionAttributeValues: { ':shard': shard, ':until': until },
        Limit: limit,
      }),
    );
    return Items as CaseRecord[];
  }

  async #list(index: keyof typeof LIST_KEYS, key: string, value: string, { cursor, limit }: { cursor?: string; limit: number }): Promise<CasesPage> {
    const start = cursor === undefined ? undefined : decodeCursor(cursor, LIST_KEYS[index]);
    if (cursor !== undefined && !start) throw new BadCaseCursorError('is not a cursor this listing gave out');
    const { Items = [], LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: index,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':value': value },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return { items: Items as CaseRecord[], cursor: encodeCursor(LastEvaluatedKey) };
  }

  async #put(item: CaseRecord, condition: Pick<ConstructorParameters<typeof PutCommand>[0], 'ConditionExpression' | 'ExpressionAttributeValues'>): Promise<boolean> {
    try {
      await dynamo.send(new PutCommand({ TableName: this.#table, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
