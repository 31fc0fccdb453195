import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, TransactWriteCommand, UpdateCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { unclaimedShard, type ChunkPlan, type StoredHousehold } from '../relief/household-import.ts';
import { boundedParallel } from './bounded-parallel.ts';
import { dynamo } from './dynamo-client.ts';

/** Enough calls in flight to hide DynamoDB's round trips within one chunk; the queue runs a few chunks at once. */
const IN_FLIGHT = 8;

export const householdKey = (householdId: string) => `household#${householdId}`;
export const residentKey = (hash: string) => `resident#${hash}`;
export const regionKey = (regionCode: string) => `region#${regionCode}`;

/**
 * The registry's items in `relief-households` (infra/manifest/relief.ts): `household#<id>` with
 * `householdId`, `regionCode`, `size`, `headHash`, `memberHashes`, `importId`, `importChunk` (and the
 * region and members before that write), `unclaimedShard` until granted and `grantId` once; and
 * `resident#<hash>` with `householdId` and `isHead`. The grant is written by the webhooks, never here.
 */
export class HouseholdsRepository {
  readonly #table = config.tableName('relief-households');

  async read(householdIds: readonly string[]): Promise<Map<string, StoredHousehold>> {
    const found = new Map<string, StoredHousehold>();
    const groups: string[][] = [];
    const unique = [...new Set(householdIds)];
    for (let i = 0; i < unique.length; i += 100) groups.push(unique.slice(i, i + 100));
    await boundedParallel(groups, IN_FLIGHT, async (ids) => {
      let keys: Record<string, unknown>[] = ids.map((id) => ({ pk: householdKey(id) }));
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys } = await dynamo.send(
          new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of Responses?.[this.#table] ?? []) {
          found.set(item.householdId as string, {
            householdId: item.householdId as string,
            regionCode: item.regionCode as string,
            headHash: item.headHash as string,
            memberHashes: (item.memberHashes as string[] | undefined) ?? [],
            importId: item.importId as string,
            chunk: item.importChunk as number,
            ...(item.previousRegionCode !== undefined ? { previousRegionCode: item.previousRegionCode as string } : {}),
            ...(item.previousMemberHashes !== undefined ? { previousMemberHashes: item.previousMemberHashes as string[] } : {}),
            granted: item.grantId !== undefined,
          });
        }
        keys = (UnprocessedKeys?.[this.#table]?.Keys ?? []) as Record<string, unknown>[];
      }
    });
    return found;
  }

  /**
   * Members first, then households: a household that shows this chunk's write has all its members'
   * items already, so a redelivery that finds it has nothing left to do for them.
   */
  async apply(importId: string, chunk: number, plan: ChunkPlan, stored: ReadonlyMap<string, StoredHousehold>): Promise<void> {
    await this.#batchPut(plan.residents.map((r) => ({ pk: residentKey(r.hash), householdId: r.householdId, isHead: r.isHead })));
    await boundedParallel(plan.departed, IN_FLIGHT, async ({ hash, householdId }) => {
      // The person may have joined another household in the same import: only their old entry goes.
      await dynamo
        .send(new DeleteCommand({ TableName: this.#table, Key: { pk: residentKey(hash) }, ConditionExpression: 'householdId = :h', ExpressionAttributeValues: { ':h': householdId } }))
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    });
    const fields = (entry: ChunkPlan['households'][number]) => ({
      householdId: entry.household.householdId,
      regionCode: entry.household.regionCode,
      size: entry.household.memberHashes.length,
      headHash: entry.household.headHash,
      memberHashes: entry.household.memberHashes,
      importId,
      importChunk: chunk,
      ...(entry.previousRegionCode !== undefined ? { previousRegionCode: entry.previousRegionCode, previousMemberHashes: entry.previousMemberHashes } : {}),
    });
    const added = plan.households.filter((h) => h.isNew);
    await this.#batchPut(added.map((entry) => ({ pk: householdKey(entry.household.householdId), ...fields(entry), unclaimedShard: unclaimedShard(entry.household.householdId) })));
    await boundedParallel(
      plan.households.filter((h) => !h.isNew),
      IN_FLIGHT,
      async (entry) => {
        const values = fields(entry);
        const update = async (unclaimed: boolean) => {
          const set = { ...values, ...(unclaimed ? { unclaimedShard: unclaimedShard(values.householdId) } : {}) };
          const names = Object.keys(set);
          // A household that moved from a write with a `previous…` to a fresh one drops the old `previous…`.
          const remove = entry.previousRegionCode === undefined ? ' REMOVE previousRegionCode, previousMemberHashes' : '';
          await dynamo.send(
            new UpdateCommand({
              TableName: this.#table,
              Key: { pk: householdKey(values.householdId) },
              UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}${remove}`,
              ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
              ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, set[name as keyof typeof set]])),
              // The unclaimed shard only while no grant exists: the grant removes it, an import never puts it back.
              ...(unclaimed ? { ConditionExpression: 'attribute_not_exists(grantId)' } : {}),
            }),
          );
        };
        if (stored.get(values.householdId)?.granted) return update(false);
        await update(true).catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          return update(false);
        });
      },
    );
  }

  /**
   * DynamoDB Local syncs each item of a BatchWriteItem to disk on its own but a transaction's items at
   * once (see put-all-new.ts): the same unconditional puts, 100 to a transaction, several times faster
   * here. Never on AWS, where a transactional write costs twice the write units.
   */
  async #transactPut(items: readonly Record<string, unknown>[]): Promise<void> {
    const groups: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 100) groups.push(items.slice(i, i + 100));
    await boundedParallel(groups, 2, async (group) => {
      await dynamo.send(new TransactWriteCommand({ TransactItems: group.map((Item) => ({ Put: { TableName: this.#table, Item } })) }));
    });
  }

  async #batchPut(items: readonly Record<string, unknown>[]): Promise<void> {
    const groups: Record<string, unknown>[][] = [];
    // One item per key in a batch: DynamoDB refuses a batch that names a key twice.
    const byKey = new Map(items.map((item) => [item.pk as string, item]));
    const unique = [...byKey.values()];
    if (config.runtime === 'local') return this.#transactPut(unique);
    for (let i = 0; i < unique.length; i += 25) groups.push(unique.slice(i, i + 25));
    await boundedParallel(groups, IN_FLIGHT, async (group) => {
      let requests = group.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
        requests = (UnprocessedItems?.[this.#table] ?? []) as typeof requests;
      }
    });
  }
}
