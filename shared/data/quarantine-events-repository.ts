import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, type BatchGetCommandOutput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** What a case's events are sorted by: `checkin#<at>#<id>`, `position#<at>#<id>`, `transition#<at>`, `request#<kind>#<id>`. */
export type EventKind = 'checkin' | 'position' | 'transition' | 'request';

export interface CaseEvent {
  readonly caseId: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

export const eventKey = (kind: Exclude<EventKind, 'request'>, at: string, id = ''): string => `${kind}#${at}${id ? `#${id}` : ''}`;
export const requestKey = (kind: 'checkin' | 'position', id: string): string => `request#${kind}#${id}`;

/** BatchWriteItem's own limit. */
const PER_BATCH = 25;
/** BatchGetItem's own limit. */
const PER_GET = 100;

/**
 * The `quarantine-events` table: what happened to one case, under its id. Reads are Queries on the
 * case's partition (one kind by its prefix); the purge deletes the whole partition page by page.
 */
export class QuarantineEventsRepository {
  readonly #table = config.tableName('quarantine-events');

  async get(caseId: string, sk: string): Promise<CaseEvent | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { caseId, sk }, ConsistentRead: true }));
    return Item as CaseEvent | undefined;
  }

  /** A case's events of one kind, oldest first (newest first with `newestFirst`). */
  async ofKind(caseId: string, kind: EventKind, options: { limit?: number; newestFirst?: boolean } = {}): Promise<CaseEvent[]> {
    const events: CaseEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'caseId = :case AND begins_with(sk, :kind)',
          ExpressionAttributeValues: { ':case': caseId, ':kind': `${kind}#` },
          ScanIndexForward: !options.newestFirst,
          ...(options.limit ? { Limit: options.limit - events.length } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      events.push(...(Items as CaseEvent[]));
      start = LastEvaluatedKey;
    } while (start && (!options.limit || events.length < options.limit));
    return events;
  }

  /** Deletes every event of a case; returns how many there were. */
  async deleteAll(caseId: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { Items = [] } = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'caseId = :case',
          ExpressionAttributeValues: { ':case': caseId },
          ProjectionExpression: 'caseId, sk',
          Limit: 100,
        }),
      );
      if (Items.length === 0) return deleted;
      for (let i = 0; i < Items.length; i += PER_BATCH) {
        let requests = Items.slice(i, i + PER_BATCH).map((key) => ({ DeleteRequest: { Key: key } }));
        while (requests.length > 0) {
          const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
          requests = (UnprocessedItems?.[this.#table] ?? []) as typeof requests;
        }
      }
      deleted += Items.length;
    }
  }

  /** The events of a case under these keys that exist (one BatchGetItem per 100 keys, unprocessed keys asked again). */
  async getMany(caseId: string, sks: readonly string[]): Promise<CaseEvent[]> {
    const found: CaseEvent[] = [];
    for (let i = 0; i < sks.length; i += PER_GET) {
      let keys: Record<string, unknown>[] = [...new Set(sks.slice(i, i + PER_GET))].map((sk) => ({ caseId, sk }));
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo.send(
          new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true } } }),
        );
        found.push(...((Responses?.[this.#table] ?? []) as CaseEvent[]));
        keys = (UnprocessedKeys?.[this.#table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  /** Writes events (each under its own key, so writing one again changes nothing), 25 to a BatchWriteItem. */
  async putMany(events: readonly CaseEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += PER_BATCH) {
      let requests = events.slice(i, i + PER_BATCH).map((event) => ({ PutRequest: { Item: event } }));
      while (requests.length > 0) {
        const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
        requests = (UnprocessedItems?.[this.#table] ?? []) as typeof requests;
      }
    }
  }

  /** How many events of one kind a case has (keys only, page by page): what the purge's summary counts. */
  async countOfKind(caseId: string, kind: EventKind): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const { Count = 0, LastEvaluatedKey } = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'caseId = :case AND begins_with(sk, :kind)',
          ExpressionAttributeValues: { ':case': caseId, ':kind': `${kind}#` },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += Count;
      start = LastEvaluatedKey;
    } while (start);
    return count;
  }
}
