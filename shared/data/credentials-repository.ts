import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CredentialKind, CredentialRecord, CredentialStore, CurrentCredential } from '../platform/credentials.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

const subjectKey = (kind: CredentialKind, subject: string): string => `${kind}#${subject}`;
/** One item per subject names its current hash, so a rotation is one conditional transaction. */
const holderKey = (kind: CredentialKind, subject: string) => ({ pk: `holder#${subjectKey(kind, subject)}` });

/** Another issue or revocation changed the subject first (a failed condition, or on AWS a TransactionConflict). */
const isLostRace = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');

export class CredentialsRepository implements CredentialStore {
  readonly #table = config.tableName('credentials');

  async find(hash: string): Promise<CredentialRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: `cred#${hash}` } }));
    if (!Item) return undefined;
    return { kind: Item.kind as CredentialKind, subject: Item.subjectId as string };
  }

  async current(kind: CredentialKind, subject: string): Promise<CurrentCredential | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: holderKey(kind, subject), ConsistentRead: true }));
    // A revoked subject keeps its item, without a hash, so the next issue still checks the version.
    if (Item) return { hashes: typeof Item.hash === 'string' ? [Item.hash] : [], version: Item.version as number };
    // Keys issued before subjects had their own item: they count, and the first swap revokes them.
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'bySubject',
        KeyConditionExpression: 'subject = :s',
        ExpressionAttributeValues: { ':s': subjectKey(kind, subject) },
      }),
    );
    return Items.length > 0 ? { hashes: Items.map((item) => (item.pk as string).slice('cred#'.length)), version: 0 } : undefined;
  }

  async swap(record: CredentialRecord, hash: string, issuedAt: string, seen: CurrentCredential | undefined): Promise<boolean> {
    const version = seen?.version ?? 0;
    const revoked = (seen?.hashes ?? []).filter((old) => old !== hash);
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: { pk: `cred#${hash}`, subject: subjectKey(record.kind, record.subject), kind: record.kind, subjectId: record.subject, issuedAt },
              },
            },
            {
              Put: {
                TableName: this.#table,
                Item: { ...holderKey(record.kind, record.subject), hash, version: version + 1, issuedAt },
                ...(version === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }),
              },
            },
            ...revoked.map((old) => ({ Delete: { TableName: this.#table, Key: { pk: `cred#${old}` } } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isLostRace(error)) return false;
      throw error;
    }
  }

  async retire(record: CredentialRecord, revokedAt: string, seen: CurrentCredential): Promise<boolean> {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: { ...holderKey(record.kind, record.subject), version: seen.version + 1, revokedAt },
                ...(seen.version === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': seen.version } }),
              },
            },
            ...seen.hashes.map((old) => ({ Delete: { TableName: this.#table, Key: { pk: `cred#${old}` } } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isLostRace(error)) return false;
      throw error;
    }
  }

  /** The health probe: one consistent read of a key that need not exist. */
  async probe(): Promise<void> {
    await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: 'health' }, ConsistentRead: true }));
  }
}
