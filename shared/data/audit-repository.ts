import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { AUDIT_SHARDS, auditLogOf, chained, koreanDayOf, verifyChain, type AuditEntry, type AuditEvent, type ChainCheck } from '../audit/audit-trail.ts';
import { config } from '../config.ts';
import { dynamo } from './dynamo-client.ts';

/**
 * Appends racing for one chain's next number: the loser tries again on a shard drawn anew, after a
 * short random pause, so a burst spreads over the shards instead of queueing on one.
 */
const APPEND_ATTEMPTS = 20;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, randomInt(1 + 2 * attempt)));

/** The audit table: one partition per chain (`log`), entries in `seq` order; appended, never updated. */
export class AuditRepository {
  readonly #table = config.tableName('audit');

  async append(event: AuditEvent): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt++) {
      const log = auditLogOf(event.region, koreanDayOf(event.at), randomInt(AUDIT_SHARDS));
      const entry = chained(log, await this.#last(log), event);
      try {
        await dynamo.send(
          new PutCommand({ TableName: this.#table, Item: entry, ConditionExpression: 'attribute_not_exists(seq)' }),
        );
        return entry;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= APPEND_ATTEMPTS) throw error;
        await pause(attempt);
      }
    }
  }

  /**
   * Appends the event in one transaction with `writes`, so an official action and its trail line happen
   * together or not at all. When one of `writes` refuses its condition nothing is written and `failed`
   * lists which (by index); a lost race for the chain's next number is retried like `append`.
   */
  async appendWith(
    event: AuditEvent,
    writes: NonNullable<TransactWriteCommandInput['TransactItems']>,
  ): Promise<{ readonly written: true; readonly entry: AuditEntry } | { readonly written: false; readonly failed: number[] }> {
    for (let attempt = 1; ; attempt++) {
      const log = auditLogOf(event.region, koreanDayOf(event.at), randomInt(AUDIT_SHARDS));
      const entry = chained(log, await this.#last(log), event);
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [{ Put: { TableName: this.#table, Item: entry, ConditionExpression: 'attribute_not_exists(seq)' } }, ...writes],
          }),
        );
        return { written: true, entry };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        // A conflict or throttling is the caller's to retry (503); only conditions are answers.
        if (codes.some((code) => code !== 'ConditionalCheckFailed' && code !== 'None')) throw error;
        const failed = codes.slice(1).flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
        if (failed.length > 0) return { written: false, failed };
        if (attempt >= APPEND_ATTEMPTS) throw error;
        await pause(attempt);
      }
    }
  }

  /** One region's day, every shard, in time order. */
  async day(region: string, day: string): Promise<AuditEntry[]> {
    const chains = await Promise.all(Array.from({ length: AUDIT_SHARDS }, (_, shard) => this.#chain(auditLogOf(region, day, shard))));
    return chains.flat().sort((a, b) => a.at.localeCompare(b.at) || a.log.localeCompare(b.log) || a.seq - b.seq);
  }

  /** Each of the day's chains checked link by link. */
  async verifyDay(region: string, day: string): Promise<{ log: string; check: ChainCheck }[]> {
    return Promise.all(
      Array.from({ length: AUDIT_SHARDS }, async (_, shard) => {
        const log = auditLogOf(region, day, shard);
        return { log, check: verifyChain(log, await this.#chain(log)) };
      }),
    );
  }

  async #last(log: string): Promise<AuditEntry | undefined> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: '#log = :log',
        ExpressionAttributeNames: { '#log': 'log' },
        ExpressionAttributeValues: { ':log': log },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items[0] as AuditEntry | undefined;
  }

  async #chain(log: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: '#log = :log',
          ExpressionAttributeNames: { '#log': 'log' },
          ExpressionAttributeValues: { ':log': log },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...((page.Items ?? []) as AuditEntry[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return entries;
  }
}
