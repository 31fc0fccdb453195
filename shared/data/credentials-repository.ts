import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CredentialKind, CredentialRecord, CredentialStore } from '../platform/credentials.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

const subjectKey = (kind: CredentialKind, subject: string): string => `${kind}#${subject}`;

export class CredentialsRepository implements CredentialStore {
  readonly #table = config.tableName('credentials');

  async find(hash: string): Promise<CredentialRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: `cred#${hash}` } }));
    if (!Item) return undefined;
    return { kind: Item.kind as CredentialKind, subject: Item.subjectId as string };
  }

  async put(hash: string, record: CredentialRecord, issuedAt: string): Promise<void> {
    await dynamo.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          pk: `cred#${hash}`,
          subject: subjectKey(record.kind, record.subject),
          kind: record.kind,
          subjectId: record.subject,
          issuedAt,
        },
      }),
    );
  }

  async revokeAll(kind: CredentialKind, subject: string): Promise<number> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'bySubject',
        KeyConditionExpression: 'subject = :s',
        ExpressionAttributeValues: { ':s': subjectKey(kind, subject) },
      }),
    );
    await Promise.all(Items.map((item) => dynamo.send(new DeleteCommand({ TableName: this.#table, Key: { pk: item.pk } }))));
    return Items.length;
  }

  /** The health probe: one consistent read of a key that need not exist. */
  async probe(): Promise<void> {
    await dynamo.send(new GetCommand({ TableName: this.#table, Key: { pk: 'health' }, ConsistentRead: true }));
  }
}
