import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { SaleAnswer, SaleOutcome, SaleRecord, SalesStore } from '../masks/mask-sales.ts';
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
  async lookup(storeCode: string, saleId: string, buyerHash: string, week: string): Promise<{ answer?: SaleAnswer; boughtThisWeek: number }> {
    const { Responses } = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [this.#sales]: { Keys: [saleKey(storeCode, saleId), buyerKey(buyerHash, week)], ConsistentRead: true } } }),
    );
    const items = Responses?.[this.#sales] ?? [];
    const sale = items.find((item) => (item.pk as string).startsWith('sale#'));
    const buyer = items.find((item) => (item.pk as string).startsWith('buyer#'));
    return { answer: sale?.answer as SaleAnswer | undefined, boughtThisWeek: (buyer?.bought as number | undefined) ?? 0 };
  }

  /**
   * The sale in one transaction: the sale record (once per saleId), the stock (never below zero, not
   * while on break) and the buyer's weekly count (never above the limit). All or nothing.
   */
  async sell(input: SaleRecord): Promise<SaleOutcome> {
    const { storeCode, saleId, buyerHash, week, quantity, weeklyLimit, soldAt } = input;
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#sales,
                Item: { ...saleKey(storeCode, saleId), buyerHash, quantity, soldAt, answer: input.answer, expiresAt: epoch(soldAt, SALE_SECONDS) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.#stores,
                Key: { code: storeCode },
                UpdateExpression: 'SET remaining = remaining - :q, updatedAt = :now, v = v + :one',
                ConditionExpression: 'remaining >= :q AND (attribute_not_exists(onBreak) OR onBreak = :false)',
                ExpressionAttributeValues: { ':q': quantity, ':now': soldAt, ':one': 1, ':false': false },
              },
            },
            {
              Update: {
                TableName: this.#sales,
                Key: buyerKey(buyerHash, week),
                UpdateExpression: 'ADD bought :q SET expiresAt = :exp',
                ...(weeklyLimit === null
                  ? { ExpressionAttributeValues: { ':q': quantity, ':exp': epoch(soldAt, WEEK_COUNT_SECONDS) } }
                  : {
                      ConditionExpression: 'attribute_not_exists(bought) OR bought <= :max',
                      ExpressionAttributeValues: { ':q': quantity, ':exp': epoch(soldAt, WEEK_COUNT_SECONDS), ':max': weeklyLimit - quantity },
                    }),
              },
            },
          ],
        }),
      );
      return { kind: 'sold' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [sale, stock, buyer] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (sale === 'ConditionalCheckFailed') return { kind: 'duplicate' };
      if (stock === 'ConditionalCheckFailed') return { kind: 'insufficient-stock' };
      if (buyer === 'ConditionalCheckFailed') return { kind: 'weekly-limit' };
      // TransactionConflict and throttling: nothing was written, the client retries with the same saleId.
      throw error;
    }
  }

  /** Records a refusal as the first answer; returns the answer that won if another got there first. */
  async recordRefusal(storeCode: string, saleId: string, answer: SaleAnswer, at: string): Promise<SaleAnswer> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#sales,
          Item: { ...saleKey(storeCode, saleId), answer, refusedAt: at, expiresAt: epoch(at, SALE_SECONDS) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return answer;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { answer: first } = await this.lookup(storeCode, saleId, '-', '-');
      return first ?? answer;
    }
  }
}
