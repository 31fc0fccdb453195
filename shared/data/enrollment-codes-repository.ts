import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import type { AttemptWindow } from '../quarantine/attempt-limit.ts';
import type { IssuedCode } from '../quarantine/enrollment.ts';
import { dynamo } from './dynamo-client.ts';

const codeKey = (locator: string) => ({ pk: `code#${locator}` });
const clientKey = (client: string) => ({ pk: `client#${client}` });
/** A record outlives its code by a day, for the one who comes back with it to be told it expired. */
const purgeAtOf = (iso: string) => Math.floor(Date.parse(iso) / 1000) + 24 * 60 * 60;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * The `enrollment-codes` table: an issued code under the keyed hash of its first symbols (never the
 * code), and the failed guesses of each client under a keyed hash of its address. Every change is
 * conditional, so two phones presenting one code cannot both enrol.
 */
export class EnrollmentCodesRepository {
  readonly #table = config.tableName('enrollment-codes');

  async get(locator: string): Promise<IssuedCode | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: codeKey(locator), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, purgeAt: _purgeAt, ...record } = Item;
    return record as IssuedCode;
  }

  /** Puts the code unless a live one holds its locator (false: draw another code). An expired or spent one may be replaced. */
  async putNew(locator: string, record: IssuedCode): Promise<boolean> {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...codeKey(locator), ...record, purgeAt: purgeAtOf(record.expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR attribute_exists(usedAt) OR attribute_exists(supersededAt)',
          ExpressionAttributeValues: { ':now': new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The one redemption: false when another phone (or the official's re-issue) got there first. */
  async markUsed(locator: string, verifier: string, at: string): Promise<boolean> {
    return this.#conditional(locator, 'SET usedAt = :at', 'verifier = :verifier AND attribute_not_exists(usedAt) AND attribute_not_exists(supersededAt)', { ':at': at, ':verifier': verifier });
  }

  /** A newer code was issued for the case: this one stops working (if it is still this case's). */
  async supersede(locator: string, caseId: string, at: string): Promise<boolean> {
    return this.#conditional(locator, 'SET supersededAt = :at', 'caseId = :case AND attribute_not_exists(supersededAt)', { ':at': at, ':case': caseId });
  }

  /** The purge: the code record goes with the case (if the locator is still this case's). */
  async deleteOf(locator: string, caseId: string): Promise<void> {
    try {
      await dynamo.send(new DeleteCommand({ TableName: this.#table, Key: codeKey(locator), ConditionExpression: 'caseId = :case', ExpressionAttributeValues: { ':case': caseId } }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async recordCodeFailure(locator: string, failures: AttemptWindow): Promise<void> {
    await this.#conditional(locator, 'SET failures = :failures', 'attribute_exists(pk)', { ':failures': failures });
  }

  async clientFailures(client: string): Promise<AttemptWindow | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: clientKey(client), ConsistentRead: true }));
    return Item?.['failures'] as AttemptWindow | undefined;
  }

  async recordClientFailure(client: string, failures: AttemptWindow): Promise<void> {
    await dynamo.send(new PutCommand({ TableName: this.#table, Item: { ...clientKey(client), failures, purgeAt: purgeAtOf(failures.since) } }));
  }

  async #conditional(locator: string, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({ TableName: this.#table, Key: codeKey(locator), UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeValues: values }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
