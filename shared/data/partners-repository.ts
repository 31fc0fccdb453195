import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { Partner, PartnerDirectory } from '../relief/partners.ts';
import { dynamo } from './dynamo-client.ts';

/** No partner id starts with `#` (PARTNER_ID_PATTERN), so the lease never collides with a partner. */
const LEASE_KEY = '#lease#partner-keys';
const LISTED = 'partner';

const fromItem = (item: Record<string, unknown>): Partner => {
  const { partnerId, name, addedAt, addedBy, rotatedAt } = item as unknown as Partner;
  return { partnerId, name, addedAt, addedBy, ...(rotatedAt !== undefined && { rotatedAt }) };
};

const refusedCondition = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

/** The `relief-partners` table: one item per card company, and the lease on the `partner-keys` secret. */
export class PartnersRepository implements PartnerDirectory {
  readonly #table = config.tableName('relief-partners');

  async get(partnerId: string): Promise<Partner | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { partnerId }, ConsistentRead: true }));
    return Item && Item['listing'] === LISTED ? fromItem(Item) : undefined;
  }

  async create(partner: Partner): Promise<boolean> {
    try {
      await dynamo.send(new PutCommand({ TableName: this.#table, Item: { ...partner, listing: LISTED }, ConditionExpression: 'attribute_not_exists(partnerId)' }));
      return true;
    } catch (error) {
      if (refusedCondition(error)) return false;
      throw error;
    }
  }

  async markRotated(partnerId: string, at: string): Promise<void> {
    await dynamo.send(
      new UpdateCommand({ TableName: this.#table, Key: { partnerId }, UpdateExpression: 'SET rotatedAt = :at', ConditionExpression: 'attribute_exists(partnerId)', ExpressionAttributeValues: { ':at': at } }),
    );
  }

  /** In partner-id order; the listing index holds every partner in one partition (a dozen card companies). */
  async list(): Promise<Partner[]> {
    const partners: Partner[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({ TableName: this.#table, IndexName: 'listing', KeyConditionExpression: 'listing = :listed', ExpressionAttributeValues: { ':listed': LISTED }, ExclusiveStartKey: start }),
      );
      partners.push(...(page.Items ?? []).map(fromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return partners;
  }

  async acquireLease(holder: string, now: Date, until: Date): Promise<boolean> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#table,
          Item: { partnerId: LEASE_KEY, holder, until: until.getTime() },
          ConditionExpression: 'attribute_not_exists(partnerId) OR #until < :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (refusedCondition(error)) return false;
      throw error;
    }
  }

  /** Only the holder's own lease: one that ran out and was taken over stays the new holder's. */
  async releaseLease(holder: string): Promise<void> {
    try {
      await dynamo.send(new DeleteCommand({ TableName: this.#table, Key: { partnerId: LEASE_KEY }, ConditionExpression: 'holder = :holder', ExpressionAttributeValues: { ':holder': holder } }));
    } catch (error) {
      if (!refusedCondition(error)) throw error;
    }
  }
}
