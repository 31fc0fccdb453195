import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { DirectoryOfficial } from '../officials/official.ts';
import { REGION_CODES } from '../geo/regions.ts';
import { dynamo } from './dynamo-client.ts';

const officialKey = (officerId: string) => `official#${officerId}`;
const emailKey = (email: string) => `email#${email}`;

type StoredOfficial = DirectoryOfficial & { readonly pk: string; readonly fingerprint?: string };

/** In the order a person reads an official, whatever order DynamoDB gave the attributes in. */
const fromItem = (item: Record<string, unknown>): DirectoryOfficial => {
  const { officerId, role, region, name, email, enabled, createdAt, createdBy, disabledAt, disabledBy } = item as unknown as StoredOfficial;
  return {
    officerId,
    role,
    region,
    name,
    email,
    enabled,
    createdAt,
    createdBy,
    ...(disabledAt !== undefined && { disabledAt }),
    ...(disabledBy !== undefined && { disabledBy }),
  };
};

export type Creation =
  | { readonly kind: 'created' }
  | { readonly kind: 'officer-id-taken'; readonly existing: DirectoryOfficial; readonly fingerprint: string | undefined }
  | { readonly kind: 'email-taken' };

export interface OfficialsPage {
  readonly items: DirectoryOfficial[];
  readonly cursor: string | null;
}

/** Where a listing stopped: the region it was in (national listings walk all 17) and DynamoDB's key. */
interface Position {
  readonly region: string;
  readonly key?: Record<string, unknown>;
}
const encode = (position: Position): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export class BadCursorError extends Error {
  override name = 'BadCursorError';
}

const decode = (cursor: string, regions: readonly string[]): Position => {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (typeof position.region === 'string' && regions.includes(position.region)) return position;
  } catch {
    // falls through to the refusal
  }
  throw new BadCursorError('is not a cursor this listing gave out');
};

/**
 * The officials directory: one item per official and one per e-mail address in use. The check on
 * every official request is one strongly consistent GetItem, so a disabling is seen by the very next
 * request; listings Query the `byRegion` index, never Scan.
 */
export class OfficialsRepository {
  readonly #table = config.tableName('officials');

  async get(officerId: string): Promise<DirectoryOfficial | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: officialKey(officerId) }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  /** The official and their e-mail's claim in one transaction: two admins racing for one id or address cannot both win. */
  async create(official: DirectoryOfficial, fingerprint: string): Promise<Creation> {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: { pk: officialKey(official.officerId), ...official, fingerprint },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#table,
                Item: { pk: emailKey(official.email), officerId: official.officerId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [idReason, emailReason] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (idReason === 'ConditionalCheckFailed') {
        const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: officialKey(official.officerId) }, ConsistentRead: true }));
        if (Item) return { kind: 'officer-id-taken', existing: fromItem(Item), fingerprint: (Item as unknown as StoredOfficial).fingerprint };
      }
      if (emailReason === 'ConditionalCheckFailed') return { kind: 'email-taken' };
      throw error;
    }
  }

  /** Undoes a `create` whose account could not be made, so that the request can be sent again. */
  async remove(official: Pick<DirectoryOfficial, 'officerId' | 'email'>): Promise<void> {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.#table, Key: { pk: officialKey(official.officerId) } } },
          {
            Delete: {
              TableName: this.#table,
              Key: { pk: emailKey(official.email) },
              ConditionExpression: 'attribute_not_exists(pk) OR officerId = :officerId',
              ExpressionAttributeValues: { ':officerId': official.officerId },
            },
          },
        ],
      }),
    );
  }

  /**
   * Disables (keeping when and by whom it first happened, so a repeated disable changes nothing) or
   * enables. `undefined` when there is no such official.
   */
  async setEnabled(officerId: string, enabled: boolean, change: { readonly at: string; readonly by: string }): Promise<DirectoryOfficial | undefined> {
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: officialKey(officerId) },
          ConditionExpression: 'attribute_exists(pk)',
          ...(enabled
            ? {
                UpdateExpression: 'SET enabled = :true REMOVE disabledAt, disabledBy',
                ExpressionAttributeValues: { ':true': true },
              }
            : {
                UpdateExpression: 'SET enabled = :false, disabledAt = if_not_exists(disabledAt, :at), disabledBy = if_not_exists(disabledBy, :by)',
                ExpressionAttributeValues: { ':false': false, ':at': change.at, ':by': change.by },
              }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  /** One region's officials in officer-id order, or (`region` undefined) every region's, region after region. */
  async list(region: string | undefined, limit: number, cursor?: string): Promise<OfficialsPage> {
    const regions: readonly string[] = region === undefined ? REGION_CODES : [region];
    let position: Position = cursor ? decode(cursor, regions) : { region: regions[0] ?? '' };
    const items: DirectoryOfficial[] = [];
    for (;;) {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byRegion',
          KeyConditionExpression: '#region = :region',
          ExpressionAttributeNames: { '#region': 'region' },
          ExpressionAttributeValues: { ':region': position.region },
          ExclusiveStartKey: position.key,
          Limit: limit - items.length,
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      const next = regions[regions.indexOf(position.region) + 1];
      if (page.LastEvaluatedKey) position = { region: position.region, key: page.LastEvaluatedKey };
      else if (next) position = { region: next };
      else return { items, cursor: null };
      if (items.length >= limit) return { items, cursor: encode(position) };
    }
  }
}
