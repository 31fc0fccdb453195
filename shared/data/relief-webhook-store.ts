import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { GrantRecord, LedgerOutcome, LedgerTransfer, NewGrant, RegistryEntry, ReliefWebhookStore, RequestRecord, StoredRequest } from '../relief/webhook-store.ts';
import { dynamo } from './dynamo-client.ts';
import { ReliefLedgerRepository, type TransactItem } from './relief-ledger-repository.ts';
import { isTransient, retryDelayMs } from './transient-errors.ts';

/** What a grant changes on its household, in the grant's transaction (the demo history writes it too). */
export const householdGranted = (table: string, householdId: string, grantId: string, at: Date): TransactItem => ({
  Update: {
    TableName: table,
    Key: { pk: `household#${householdId}` },
    UpdateExpression: 'SET grantId = :g, grantedAt = :at REMOVE unclaimedShard',
    // One grant per household, whatever the card company: the second of two at the same instant fails here.
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(grantId)',
    ExpressionAttributeValues: { ':g': grantId, ':at': at.toISOString() },
  },
});

/**
 * The webhooks' reads and commits: the registry (`relief-households`, as the import writes it), the
 * request records (`relief-requests`) and the ledger. Every write that answers a card company commits
 * its request records in the same transaction as the money, so the first answer and the money agree.
 */
export class ReliefWebhookDynamoStore implements ReliefWebhookStore {
  readonly ledger = new ReliefLedgerRepository();
  readonly #requests = config.tableName('relief-requests');
  readonly #households = config.tableName('relief-households');
  readonly #grants = config.tableName('relief-grants');

  async request(key: string): Promise<StoredRequest | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#requests, Key: { pk: key }, ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, fingerprint, answer, ...attributes } = Item;
    return { fingerprint: String(fingerprint), answer, attributes };
  }

  async answer(records: readonly RequestRecord[]): Promise<boolean> {
    // No money moves, so no transaction: conditional Puts side by side (DynamoDB Local serializes
    // transactions, and a storm of declines on one hot grant would queue behind the payments).
    // Each record holds the same answer, so one written without the other still answers a retry right.
    const written = await Promise.all(records.map((record) => this.#putOnce(record)));
    return written.every(Boolean);
  }

  async #putOnce(record: RequestRecord): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await dynamo.send(new PutCommand(this.#put(record).Put as ConstructorParameters<typeof PutCommand>[0]));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        if (!isTransient(error) || attempt >= 7) throw error;
        await new Promise((done) => setTimeout(done, retryDelayMs(attempt)));
      }
    }
  }

  async applicant(residentHash: string): Promise<RegistryEntry | undefined> {
    const { Item: resident } = await dynamo.send(new GetCommand({ TableName: this.#households, Key: { pk: `resident#${residentHash}` } }));
    if (!resident) return undefined;
    const householdId = String(resident['householdId']);
    const { Item: household } = await dynamo.send(new GetCommand({ TableName: this.#households, Key: { pk: `household#${householdId}` }, ConsistentRead: true }));
    if (!household) return undefined;
    return {
      householdId,
      members: Number(household['size'] ?? household['members'] ?? 1),
      regionCode: String(household['regionCode']),
      isHead: resident['isHead'] === true,
      ...(household['grantId'] ? { grantId: String(household['grantId']) } : {}),
    };
  }

  async householdRegion(householdId: string): Promise<string | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#households, Key: { pk: `household#${householdId}` }, ConsistentRead: true }));
    return Item ? String(Item['regionCode']) : undefined;
  }

  grant(grantId: string): Promise<GrantRecord | undefined> {
    return this.ledger.getGrant(grantId);
  }

  createGrant(grant: NewGrant, transfers: readonly LedgerTransfer[], records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome> {
    const household = householdGranted(this.#households, grant.householdId, grant.grantId, at);
    return this.ledger.transfer({ transfers, at, regionCode: grant.regionCode, newGrant: grant, also: [household, ...records.map((r) => this.#put(r))] });
  }

  move(transfer: LedgerTransfer, regionCode: string, records: readonly RequestRecord[], at: Date, deadline?: Date): Promise<LedgerOutcome> {
    return this.ledger.transfer({ transfers: [transfer], at, regionCode, also: records.map((r) => this.#put(r)), ...(deadline ? { deadline } : {}) });
  }

  reverse(transfer: LedgerTransfer, regionCode: string, authorizationKey: string, seen: number, records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome> {
    const authorization: TransactItem = {
      Update: {
        TableName: this.#requests,
        Key: { pk: authorizationKey },
        UpdateExpression: 'SET reversed = :next',
        ConditionExpression: 'reversed = :seen',
        ExpressionAttributeValues: { ':seen': seen, ':next': seen + transfer.amount },
      },
    };
    return this.ledger.transfer({ transfers: [transfer], at, regionCode, also: [authorization, ...records.map((r) => this.#put(r))] });
  }

  voidSpend(transfer: LedgerTransfer, regionCode: string, records: readonly RequestRecord[], at: Date): Promise<LedgerOutcome> {
    // The records hold the approval the card company never saw; the decline replaces it.
    return this.ledger.transfer({ transfers: [transfer], at, regionCode, also: records.map((r) => this.#put(r, false)) });
  }

  async changeRegion(grantId: string, partnerId: string, regionCode: string, records: readonly RequestRecord[]): Promise<'changed' | 'not-yours' | 'taken'> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#changeRegionOnce(grantId, partnerId, regionCode, records);
      } catch (error) {
        if (!isTransient(error) || attempt >= 7) throw error;
        await new Promise((done) => setTimeout(done, retryDelayMs(attempt)));
      }
    }
  }

  async #changeRegionOnce(grantId: string, partnerId: string, regionCode: string, records: readonly RequestRecord[]): Promise<'changed' | 'not-yours' | 'taken'> {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#grants,
                Key: { grantId },
                UpdateExpression: 'SET regionCode = :r',
                ConditionExpression: 'partnerId = :p',
                ExpressionAttributeValues: { ':r': regionCode, ':p': partnerId },
              },
            },
            ...records.map((r) => this.#put(r)),
          ],
        }),
      );
      return 'changed';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || isTransient(error)) throw error;
      return error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed' ? 'not-yours' : 'taken';
    }
  }

  async requestsAndGrant(keys: readonly string[], grantId: string): Promise<{ records: (StoredRequest | undefined)[]; grant: GrantRecord | undefined }> {
    const found = new Map<string, StoredRequest>();
    let grant: GrantRecord | undefined;
    let RequestItems: BatchGetCommandInput['RequestItems'] = {
      [this.#requests]: { Keys: keys.map((pk) => ({ pk })), ConsistentRead: true },
      [this.#grants]: { Keys: [{ grantId }], ConsistentRead: true },
    };
    for (let attempt = 0; RequestItems && Object.keys(RequestItems).length > 0; attempt++) {
      if (attempt > 0) await new Promise((done) => setTimeout(done, retryDelayMs(attempt - 1)));
      if (attempt > 7) throw new Error('DynamoDB left keys unprocessed on every attempt');
      const page: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems }));
      for (const { pk, fingerprint, answer, ...attributes } of page.Responses?.[this.#requests] ?? []) found.set(String(pk), { fingerprint: String(fingerprint), answer, attributes });
      grant = (page.Responses?.[this.#grants]?.[0] as GrantRecord | undefined) ?? grant;
      RequestItems = page.UnprocessedKeys;
    }
    return { records: keys.map((key) => found.get(key)), grant };
  }

  /** Several records at once (the bench and the simulation read back many). */
  async requests(keys: readonly string[]): Promise<Map<string, StoredRequest>> {
    const found = new Map<string, StoredRequest>();
    for (let i = 0; i < keys.length; i += 100) {
      const { Responses } = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#requests]: { Keys: keys.slice(i, i + 100).map((pk) => ({ pk })), ConsistentRead: true } } }));
      for (const { pk, fingerprint, answer, ...attributes } of Responses?.[this.#requests] ?? []) found.set(String(pk), { fingerprint: String(fingerprint), answer, attributes });
    }
    return found;
  }

  #put(record: RequestRecord, onlyNew = true): TransactItem {
    return {
      Put: {
        TableName: this.#requests,
        Item: { pk: record.key, fingerprint: record.fingerprint, answer: record.answer, ...record.attributes },
        ...(onlyNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      },
    };
  }
}
