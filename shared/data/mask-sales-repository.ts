import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { FirstAnswer, SaleAnswer, SaleOutcome, SaleRecord, SalesStore } from '../masks/mask-sales.ts';
import { emptyShardOf } from '../masks/empty-stores.ts';
import { remainStatOf } from '../masks/remain-stat.ts';
import { dynamo } from './dynamo-client.ts';

/** Weekly counts outlive their week by a week; sales records are kept 90 days for audits. */
const WEEK_COUNT_SECONDS = 14 * 86_400;
const SALE_SECONDS = 90 * 86_400;

const saleKey = (storeCode: string, saleId: string) => ({ pk: `sale#${storeCode}#${saleId}` });
const buyerKey = (buyerHash: string, week: string) => ({ pk: `buyer#${buyerHash}#${week}` });
const epoch = (iso: string, plusSeconds: number) => Math.floor(Date.parse(iso) / 1000) + plusSeconds;

export class MaskSalesRepository implements SalesStore {
  readonly #sales = config.tableName('mask-sales');
  readonly #stores = config.tableName('stores');

  /** One read for both: the earlier answer to this saleId, and what the buyer bought this week. */
  async lookup(storeCode: string, saleId: string, buyerHash: string, week: string): Promise<{ first?: FirstAnswer; boughtThisWeek: number }> {
    const { Responses } = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [this.#sales]: { Keys: [saleKey(storeCode, saleId), buyerKey(buyerHash, week)], ConsistentRead: true } } }),
    );
    const items = Responses?.[this.#sales] ?? [];
    const sale = items.find((item) => (item.pk as string).startsWith('sale#'));
    const buyer = items.find((item) => (item.pk as string).startsWith('buyer#'));
    return {
      ...(sale ? { first: { answer: sale.answer as SaleAnswer, ...(sale.fingerprint ? { fingerprint: sale.fingerprint as string } : {}) } } : {}),
      boughtThisWeek: (buyer?.bought as number | undefined) ?? 0,
    };
  }

  /**
   * The sale in one transaction: the sale record (once per saleId), the stock (as read, and not while on
   * break) and the buyer's weekly count (as read). All or nothing: a sale that commits knows the exact
   * figures after it, and the limit checked against the count as read still holds.
   */
  async sell(input: SaleRecord): Promise<SaleOutcome> {
    const { storeCode, saleId, buyerHash, fingerprint, week, quantity, soldAt, seen } = input;
    const emptied = remainStatOf(seen.remaining - quantity) === 'empty';
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#sales,
                Item: { ...saleKey(storeCode, saleId), buyerHash, quantity, fingerprint, soldAt, answer: input.answer, expiresAt: epoch(soldAt, SALE_SECONDS) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.#stores,
                Key: { code: storeCode },
                // The sale that empties a store starts its empty time, for the empty-store alert's index.
                UpdateExpression: `SET remaining = remaining - :q, updatedAt = :now, v = v + :one${emptied ? ', emptySince = if_not_exists(emptySince, :now), emptyShard = :emptyShard' : ''}`,
                ConditionExpression: 'remaining = :seen AND (attribute_not_exists(onBreak) OR onBreak = :false)',
                ExpressionAttributeValues: { ':q': quantity, ':seen': seen.remaining, ':now': soldAt, ':one': 1, ':false': false, ...(emptied ? { ':emptyShard': emptyShardOf(storeCode) } : {}) },
              },
            },
            {
              Update: {
                TableName: this.#sales,
                Key: buyerKey(buyerHash, week),
                UpdateExpression: 'ADD bought :q SET expiresAt = :exp',
                ConditionExpression: seen.bought === 0 ? 'attribute_not_exists(bought) OR bought = :seen' : 'bought = :seen',
                ExpressionAttributeValues: { ':q': quantity, ':exp': epoch(soldAt, WEEK_COUNT_SECONDS), ':seen': seen.bought },
              },
            },
          ],
        }),
      );
      return { kind: 'sold' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      // TransactionConflict and throttling: nothing was written, the client retries with the same saleId.
      if (codes.some((code) => code !== 'ConditionalCheckFailed' && code !== 'None')) throw error;
      return codes[0] === 'ConditionalCheckFailed' ? { kind: 'duplicate' } : { kind: 'stale' };
    }
  }

  async recordRefusal(storeCode: string, saleId: string, first: FirstAnswer, at: string): Promise<FirstAnswer> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#sales,
          Item: { ...saleKey(storeCode, saleId), answer: first.answer, ...(first.fingerprint ? { fingerprint: first.fingerprint } : {}), refusedAt: at, expiresAt: epoch(at, SALE_SECONDS) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return first;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.lookup(storeCode, saleId, '-', '-')).first ?? first;
    }
  }
}
