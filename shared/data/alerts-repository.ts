import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type BatchGetCommandOutput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pendingShardOf, type Alert, type AlertRecord, type AlertState, type HistoryEntry } from '../alerts/alert.ts';
import { changedKeyOf, type ChangesReader } from '../alerts/alert-feed.ts';
import { dueShardOf, escalationAudit, escalationEntry, type EscalationLedger } from '../alerts/escalation.ts';
import { INBOX_INDEXES, type InboxSource } from '../alerts/inbox-plan.ts';
import type { InboxKey, InboxRead, InboxReader } from '../alerts/inbox.ts';
import type { AlertLedger } from '../alerts/raise-alert.ts';
import type { AuditEvent } from '../audit/audit-trail.ts';
import { config } from '../config.ts';
import { AuditRepository } from './audit-repository.ts';
import { dynamo } from './dynamo-client.ts';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const key = (alertId: string) => ({ pk: `alert#${alertId}` });

/** The one-unresolved-alert-per-subject guard: written with the alert, deleted when it is resolved. */
const guardKey = (alert: Pick<Alert, 'type' | 'subject'>) => ({ pk: `open#${alert.type}#${alert.subject.kind}#${alert.subject.id}` });

/** The index keys that follow from an alert's state; the manifest (alerts.ts) says why each exists. */
const stateKeysOf = (alert: Pick<AlertRecord, 'region' | 'officerId' | 'state' | 'changedAt' | 'alertId'>) => ({
  regionState: `${alert.region}#${alert.state}`,
  ...(alert.officerId ? { officerKey: `${alert.region}#${alert.officerId}`, officerState: `${alert.region}#${alert.officerId}#${alert.state}` } : {}),
  changedKey: changedKeyOf(alert),
});

const itemOf = (alert: AlertRecord) => ({
  ...key(alert.alertId),
  ...alert,
  ...stateKeysOf(alert),
  pendingShard: pendingShardOf(alert.alertId),
  ...(alert.deadlineAt && alert.state === 'open' && !alert.escalatedAt ? { dueShard: dueShardOf(alert.alertId) } : {}),
});

const BOOKKEEPING = ['pk', 'regionState', 'officerKey', 'officerState', 'changedKey', 'pendingShard', 'dueShard', 'publishedAt', 'claimedUntil'];
const recordOf = (item: Record<string, unknown>): AlertRecord => {
  const record = { ...item };
  for (const attribute of BOOKKEEPING) delete record[attribute];
  return record as unknown as AlertRecord;
};

const cancellationCodes = (error: TransactionCanceledException): string[] => (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');

/** A transaction lost to a condition is an answer; a conflict or throttling is the caller's to retry. */
const conditionsFailed = (error: unknown): string[] | undefined => {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const codes = cancellationCodes(error);
  return codes.every((code) => code === 'ConditionalCheckFailed' || code === 'None') ? codes : undefined;
};

export type TransitionWrite = { readonly written: true; readonly alert: AlertRecord } | { readonly written: false };

/**
 * The alerts table: the outbox (an INSERT of an `alert#` item is published from the stream), the
 * inbox indexes, the live feed's index, the due index of the escalation sweep, and the guards that keep
 * one unresolved alert per subject and type.
 */
export class AlertsRepository implements AlertLedger, InboxReader, ChangesReader, EscalationLedger {
  readonly #table = config.tableName('alerts');
  // Made on first use: only the functions that act on alerts have the audit table (on AWS its name is
  // set only for functions whose manifest entry uses it).
  #auditRepository: AuditRepository | undefined;
  get #audit(): AuditRepository {
    return (this.#auditRepository ??= new AuditRepository());
  }

  /** The bare outbox write, for an alert raised before it had a life; the same alertId twice records it once. */
  async record(alert: Alert): Promise<void> {
    await dynamo
      .send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...key(alert.alertId), ...alert, pendingShard: pendingShardOf(alert.alertId) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /**
   * Takes a pending alert for one publisher: only while it is pending (`pendingShard`), and only if no one
   * holds it or their hold has lapsed. DynamoDB decides between racing publishers.
   */
  async claim(alertId: string, now: string, until: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'SET claimedUntil = :until',
          ConditionExpression: 'attribute_exists(pendingShard) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          ExpressionAttributeValues: { ':until': until, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(alertId: string): Promise<AlertRecord | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: key(alertId), ConsistentRead: true }));
    return Item && typeof Item.state === 'string' ? recordOf(Item) : undefined;
  }

  #openWrites(alert: AlertRecord): TransactItems {
    return [
      { Put: { TableName: this.#table, Item: { ...guardKey(alert), alertId: alert.alertId }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.#table, Item: itemOf(alert), ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
  }

  async open(alert: AlertRecord): Promise<{ opened: true } | { opened: false; unresolvedId: string }> {
    for (;;) {
      try {
        await dynamo.send(new TransactWriteCommand({ TransactItems: this.#openWrites(alert) }));
        return { opened: true };
      } catch (error) {
        const codes = conditionsFailed(error);
        if (!codes) throw error;
        if (codes[1] === 'ConditionalCheckFailed') return { opened: true };
        const unresolvedId = await this.#guardOf(alert);
        // Resolved between the write and the read: the subject is free again, so try once more.
        if (unresolvedId) return { opened: false, unresolvedId };
      }
    }
  }

  async #guardOf(alert: Pick<Alert, 'type' | 'subject'>): Promise<string | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: this.#table, Key: guardKey(alert), ConsistentRead: true }));
    return Item?.alertId as string | undefined;
  }

  async repeat(alertId: string, at: string): Promise<AlertRecord | undefined> {
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'SET #count = #count + :one, lastSeenAt = :at, changedAt = :at, changedKey = :changedKey, v = v + :one',
          ConditionExpression: 'attribute_exists(pk) AND #state <> :resolved',
          ExpressionAttributeNames: { '#count': 'count', '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':at': at, ':changedKey': `${at}#${alertId}`, ':resolved': 'resolved' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? recordOf(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async release(alertId: string): Promise<void> {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'REMOVE claimedUntil',
          ConditionExpression: 'attribute_exists(pendingShard)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /**
   * An official's change, with its trail line, in one transaction, only over the version that was read
   * (else `written: false`: read again and decide again). Leaving `open` leaves the due index;
   * resolving frees the subject for the next alert of its type.
   */
  async transition(alert: AlertRecord & { readonly v: number }, state: AlertState, entry: HistoryEntry, audit: AuditEvent): Promise<TransitionWrite> {
    const changed = { ...alert, state, changedAt: entry.at, history: [...alert.history, entry], v: alert.v + 1 };
    const stateKeys = stateKeysOf(changed);
    const sets = Object.keys(stateKeys).map((name) => `${name} = :${name}`);
    const writes: TransactItems = [
      {
        Update: {
          TableName: this.#table,
          Key: key(alert.alertId),
          UpdateExpression: `SET #state = :state, history = list_append(history, :entry), changedAt = :at, v = :next, ${sets.join(', ')} REMOVE dueShard`,
          ConditionExpression: 'v = :v',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':state': state,
            ':entry': [entry],
            ':at': entry.at,
            ':v': alert.v,
            ':next': alert.v + 1,
            ...Object.fromEntries(Object.entries(stateKeys).map(([name, value]) => [`:${name}`, value])),
          },
        },
      },
      ...(state === 'resolved'
        ? [
            {
              Delete: {
                TableName: this.#table,
                Key: guardKey(alert),
                ConditionExpression: 'attribute_not_exists(pk) OR alertId = :id',
                ExpressionAttributeValues: { ':id': alert.alertId },
              },
            },
          ]
        : []),
    ];
    const outcome = await this.#audit.appendWith(audit, writes);
    return outcome.written ? { written: true, alert: changed } : { written: false };
  }

  /**
   * How many alerts each subject has unresolved among `types`, read through their guards (one key per
   * subject and type, 100 to a BatchGetItem): a page of 50 cases with 7 alert types is 4 calls, no Query.
   */
  async unresolvedCounts(subjects: readonly Alert['subject'][], types: readonly string[]): Promise<Map<string, number>> {
    const keys = subjects.flatMap((subject) => types.map((type) => guardKey({ type, subject })));
    const counts = new Map(subjects.map((subject) => [subject.id, 0]));
    const batches: (typeof keys)[] = [];
    for (let i = 0; i < keys.length; i += 100) batches.push(keys.slice(i, i + 100));
    await Promise.all(
      batches.map(async (batch) => {
        let pending: Record<string, unknown>[] = batch;
        while (pending.length > 0) {
          const answer: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: pending } } }));
          for (const item of answer.Responses?.[this.#table] ?? []) {
            const id = String(item['pk']).split('#').slice(3).join('#');
            counts.set(id, (counts.get(id) ?? 0) + 1);
          }
          pending = (answer.UnprocessedKeys?.[this.#table]?.Keys ?? []) as Record<string, unknown>[];
        }
      }),
    );
    return counts;
  }

  /** The subject's unresolved alert of a type, read through its guard (what a system resolution closes). */
  async unresolvedOf(type: string, subject: Alert['subject']): Promise<AlertRecord | undefined> {
    const alertId = await this.#guardOf({ type, subject });
    return alertId ? this.get(alertId) : undefined;
  }

  /**
   * Every alert about one subject raised for an officer since `from` (a Query on the officer's
   * partition, the subject filtered by DynamoDB): what a quarantine case's purge counts by type.
   */
  async ofOfficerSubject(region: string, officerId: string, subject: Alert['subject'], from: string): Promise<AlertRecord[]> {
    const records: AlertRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byOfficer',
          KeyConditionExpression: 'officerKey = :officer AND createdAt >= :from',
          FilterExpression: 'subject.kind = :kind AND subject.id = :id',
          ExpressionAttributeValues: { ':officer': `${region}#${officerId}`, ':from': from, ':kind': subject.kind, ':id': subject.id },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      records.push(...(page.Items ?? []).map(recordOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  /** One inbox partition, newest first, within `budget` items read; filters are applied by DynamoDB. */
  async read(
    source: InboxSource,
    options: { after?: InboxKey; want: number; budget: number; type?: string; severity?: string },
  ): Promise<InboxRead> {
    const attribute = INBOX_INDEXES[source.index];
    const filters: string[] = [];
    const names: Record<string, string> = { '#p': attribute };
    const values: Record<string, unknown> = { ':p': source.partition };
    if (options.type) {
      filters.push('#type = :type');
      names['#type'] = 'type';
      values[':type'] = options.type;
    }
    if (options.severity) {
      filters.push('severity = :severity');
      values[':severity'] = options.severity;
    }
    if (source.excludeOfficer) {
      filters.push('(attribute_not_exists(officerId) OR officerId <> :me)');
      values[':me'] = source.excludeOfficer;
    }

    const rows: { record: AlertRecord; key: InboxKey }[] = [];
    let start: Record<string, unknown> | undefined = options.after;
    let evaluated = 0;
    const keyOf = (item: Record<string, unknown>): InboxKey => ({ pk: String(item.pk), [attribute]: String(item[attribute]), createdAt: String(item.createdAt) });
    // With filters, read in growing steps: a filter that keeps most items needs little more than the
    // page; a rare one doubles its step each round until the page fills or the budget is spent.
    let step = 2 * options.want;
    while (rows.length < options.want && evaluated < options.budget) {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: source.index,
          KeyConditionExpression: '#p = :p',
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          // Without filters every item read is kept: read no more than the page needs.
          Limit: filters.length > 0 ? Math.min(options.budget - evaluated, step) : options.want - rows.length,
          ExclusiveStartKey: start,
        }),
      );
      evaluated += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) {
        if (rows.length === options.want) return { rows, next: rows[rows.length - 1]?.key, evaluated };
        rows.push({ record: recordOf(item), key: keyOf(item) });
      }
      start = page.LastEvaluatedKey;
      if (!start) return { rows, evaluated };
      step *= 2;
    }
    return { rows, ...(start ? { next: keyOf(start) } : {}), evaluated };
  }

  async changesAfter(region: string, after: string, limit: number): Promise<{ records: AlertRecord[]; truncated: boolean }> {
    const { Items = [], LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'changes',
        KeyConditionExpression: '#region = :region AND changedKey > :after',
        ExpressionAttributeNames: { '#region': 'region' },
        ExpressionAttributeValues: { ':region': region, ':after': after },
        Limit: limit,
      }),
    );
    return { records: Items.map(recordOf), truncated: LastEvaluatedKey !== undefined };
  }

  async overdue(shard: string, now: string): Promise<AlertRecord[]> {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'due',
        KeyConditionExpression: 'dueShard = :shard AND deadlineAt <= :now',
        ExpressionAttributeValues: { ':shard': shard, ':now': now },
        Limit: 100,
      }),
    );
    return Items.map(recordOf);
  }

  async escalate(original: AlertRecord, escalation: AlertRecord, now: Date): Promise<{ escalated: true; to: string } | { escalated: false }> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const existing = await this.#guardOf(escalation);
      const to = existing ?? escalation.alertId;
      const at = now.toISOString();
      const entry = escalationEntry(now, to);
      const writes: TransactItems = [
        {
          Update: {
            TableName: this.#table,
            Key: key(original.alertId),
            UpdateExpression: 'SET escalatedAt = :at, escalatedTo = :to, history = list_append(history, :entry), changedAt = :at, changedKey = :changedKey, v = v + :one REMOVE dueShard',
            ConditionExpression: '#state = :open AND attribute_not_exists(escalatedAt)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':at': at, ':to': to, ':entry': [entry], ':changedKey': `${at}#${original.alertId}`, ':one': 1, ':open': 'open' },
          },
        },
        ...(existing
          ? [
              {
                Update: {
                  TableName: this.#table,
                  Key: key(existing),
                  UpdateExpression: 'SET #count = #count + :one, lastSeenAt = :at, changedAt = :at, changedKey = :changedKey, v = v + :one',
                  ConditionExpression: 'attribute_exists(pk) AND #state <> :resolved',
                  ExpressionAttributeNames: { '#count': 'count', '#state': 'state' },
                  ExpressionAttributeValues: { ':one': 1, ':at': at, ':changedKey': `${at}#${existing}`, ':resolved': 'resolved' },
                },
              },
            ]
          : this.#openWrites(escalation)),
      ];
      let outcome;
      try {
        outcome = await this.#audit.appendWith(escalationAudit(original, now, to), writes);
      } catch (error) {
        // A conflict with an official acting at the same moment: left due for the next sweep.
        if (error instanceof TransactionCanceledException) return { escalated: false };
        throw error;
      }
      if (outcome.written) return { escalated: true, to };
      // The original was acknowledged or escalated meanwhile: nothing to do. Otherwise the escalation's
      // subject changed hands under us (opened or resolved): look again.
      if (outcome.failed.includes(0)) return { escalated: false };
    }
    return { escalated: false };
  }

  /** Leaves the sparse `pending` index; false when another consumer got there first. */
  async markPublished(alertId: string, at: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key(alertId),
          UpdateExpression: 'SET publishedAt = :at REMOVE pendingShard, claimedUntil',
          ConditionExpression: 'attribute_exists(pendingShard)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** One page of a shard's pending alerts raised before `before`, oldest first; `cursor` for the next page. */
  async pendingBefore(shard: string, before: string, cursor?: string): Promise<{ alerts: Alert[]; cursor?: string }> {
    const { Items = [], LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'pending',
        KeyConditionExpression: 'pendingShard = :s AND createdAt < :before',
        ExpressionAttributeValues: { ':s': shard, ':before': before },
        Limit: 100,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown> } : {}),
      }),
    );
    return {
      alerts: Items.map(({ pk: _pk, pendingShard: _shard, claimedUntil: _claim, ...alert }) => alert as Alert),
      ...(LastEvaluatedKey ? { cursor: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') } : {}),
    };
  }
}
