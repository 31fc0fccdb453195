import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RejectionCounter } from '../alerts/signature-rejections.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/** A minute's counter is read only in its minute; the expiry just keeps the table small (TTL is not relied on). */
const KEEP_SECONDS = 3600;

/** Per-partner, per-minute counters of rejected webhook signatures, among the idempotency table's short-lived items. */
export class RejectionCountersRepository implements RejectionCounter {
  readonly #table = config.tableName('idempotency');

  /** What is counted: `signature-rejections`, or the relief webhooks' `deadline-declines`. */
  constructor(private readonly counted: 'signature-rejections' | 'deadline-declines' = 'signature-rejections') {}

  async increment(partnerId: string, minute: string): Promise<number> {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { id: `${this.counted}#${partnerId}#${minute}` },
        UpdateExpression: 'ADD #count :one SET expiration = if_not_exists(expiration, :expiration)',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':expiration': Math.floor(Date.parse(`${minute}:00Z`) / 1000) + KEEP_SECONDS },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.count ?? 0);
  }
}
