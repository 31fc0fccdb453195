import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { ExpiryStore } from '../relief/grant-expiry.ts';
import { dynamo } from './dynamo-client.ts';
import { ReliefLedgerRepository } from './relief-ledger-repository.ts';

/**
 * The expiry sweep's access: the sparse `expiry` index of `relief-grants` (a Query per shard up to a
 * time, never a Scan), the grant read strongly consistent, and the ledger's own transfer primitive, whose
 * expiry transaction removes `expiryShard` with the transfer. A grant with nothing left has no transfer
 * to carry that removal, so it leaves the index by a conditional update of its own.
 */
export class ReliefExpiryRepository implements ExpiryStore {
  readonly #grants = config.tableName('relief-grants');
  readonly #ledger = new ReliefLedgerRepository();

  async dueGrantIds(shard: string, by: string, limit: number): Promise<string[]> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#grants,
        IndexName: 'expiry',
        KeyConditionExpression: 'expiryShard = :shard AND expiresAt <= :by',
        ExpressionAttributeValues: { ':shard': shard, ':by': by },
        ProjectionExpression: 'grantId',
        Limit: limit,
      }),
    );
    return Items.map((item) => String(item['grantId']));
  }

  grant(grantId: string) {
    return this.#ledger.getGrant(grantId);
  }

  transfer(...[transfer, at, regionCode]: Parameters<ExpiryStore['transfer']>) {
    return this.#ledger.transfer({ transfers: [transfer], at, regionCode });
  }

  async closeEmpty(grantId: string, by: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.#grants,
          Key: { grantId },
          UpdateExpression: 'REMOVE expiryShard',
          ConditionExpression: 'attribute_exists(expiryShard) AND balance = :zero AND expiresAt <= :by',
          ExpressionAttributeValues: { ':zero': 0, ':by': by },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
