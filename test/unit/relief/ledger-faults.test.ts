import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import program2020 from '../../../config/relief-2020.json' with { type: 'json' };
import { tableEnv } from '../../../infra/manifest/environment.ts';
import { manifest } from '../../../infra/manifest/index.ts';
import type { ReliefLedgerRepository } from '../../../shared/data/relief-ledger-repository.ts';
import type { ReliefWebhooks } from '../../../shared/relief/relief-webhooks.ts';
import { reliefProgramSchema } from '../../../shared/relief/relief-program.ts';

/**
 * DynamoDB Local never reports a transaction conflict, never throttles, and never loses an answer after
 * committing; the real service does all three. Here the ledger meets them through a mocked client.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
let ledger: ReliefLedgerRepository;
let webhooks: ReliefWebhooks;
/** What the mocked table holds, by `pk` (the ledger's, the grants' and the requests' items together). */
const items = new Map<string, Record<string, unknown>>();

const GRANT = { grantId: 'g-1', householdId: 'h-1', partnerId: 'card-kb', regionCode: '11', expiresAt: '2020-08-31T14:59:59.999Z', createdAt: '2020-05-18T01:00:00Z', granted: 400_000, donated: 0, balance: 400_000, spent: 0, reversed: 0, expired: 0 };

const conflict = () =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] });
const keyOf = (key: Record<string, unknown>) => String(key['pk'] ?? key['grantId']);
const commit = (input: TransactWriteCommandInput) => {
  for (const item of input.TransactItems ?? []) if (item.Put) items.set(keyOf(item.Put.Item ?? {}), item.Put.Item ?? {});
};

beforeAll(async () => {
  Object.assign(process.env, { CRISIS_RUNTIME: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', ...Object.fromEntries(manifest.tables.map((t) => [tableEnv(t.name), t.name])) });
  const [{ ReliefLedgerRepository }, { ReliefWebhookDynamoStore }, { ReliefWebhooks }] = await Promise.all([
    import('../../../shared/data/relief-ledger-repository.ts'),
    import('../../../shared/data/relief-webhook-store.ts'),
    import('../../../shared/relief/relief-webhooks.ts'),
  ]);
  ledger = new ReliefLedgerRepository();
  webhooks = new ReliefWebhooks({
    store: new ReliefWebhookDynamoStore(),
    program: reliefProgramSchema.parse(program2020),
    now: () => new Date('2020-05-18T01:00:00Z'),
    pepper: async () => 'pepper',
  });
});

beforeEach(() => {
  dynamo.reset();
  items.clear();
  items.set('g-1', GRANT);
  dynamo.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => ({ Item: items.get(keyOf(input.Key)) }));
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> }) => ({
    Responses: Object.fromEntries(Object.entries(input.RequestItems).map(([table, { Keys }]) => [table, Keys.flatMap((key) => items.get(keyOf(key)) ?? [])])),
  }));
});

const spend = { transferId: 'spend:card-kb:a-1', kind: 'spend' as const, debit: 'grant:g-1' as const, credit: 'settlement:card-kb' as const, amount: 10_000, grantId: 'g-1', partnerId: 'card-kb' };

describe('the ledger when DynamoDB pushes back', () => {
  it('retries transaction conflicts and throttling, and commits the transfer once', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(conflict())
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
      .rejectsOnce(conflict())
      .callsFake(commit);
    expect(await ledger.transfer({ transfers: [spend], at: new Date('2020-05-18T01:00:00Z'), regionCode: '11' })).toEqual({ kind: 'applied' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(4);
    // Every attempt was the same transaction: one transfer id, conditional on being new.
    const attempts = dynamo.commandCalls(TransactWriteCommand).map((call) => JSON.stringify(call.args[0].input.TransactItems?.[0]));
    expect(new Set(attempts).size).toBe(1);
    expect(items.get('transfer#spend:card-kb:a-1')).toMatchObject({ amount: 10_000, kind: 'spend' });
  });

  it('gives up on a conflict storm at the deadline, fencing the id so nothing commits later', async () => {
    dynamo.on(TransactWriteCommand).rejects(conflict());
    dynamo.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      items.set(keyOf(input.Item), input.Item);
    });
    const outcome = await ledger.transfer({ transfers: [spend], at: new Date(), regionCode: '11', deadline: new Date(Date.now() + 150) });
    expect(outcome).toEqual({ kind: 'timeout', committed: false });
    expect(items.get('transfer#spend:card-kb:a-1')).toMatchObject({ kind: 'fenced' });
  });

  it('after a timeout that hid a commit, leaves nothing debited, and a retry gets the first answer', async () => {
    // The first commit lands, but its answer is lost at the deadline; later transactions (the void) answer.
    dynamo
      .on(TransactWriteCommand)
      .callsFakeOnce((input: TransactWriteCommandInput) => {
        commit(input);
        throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
      })
      .callsFake(commit);
    dynamo.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (items.has(keyOf(input.Item))) throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
      items.set(keyOf(input.Item), input.Item);
    });
    const body = { authorizationId: 'a-1', grantId: 'g-1', amount: 10_000, merchant: { id: 'm', name: 'm', mcc: '5411', regionCode: '11', online: false }, at: '2020-05-18T01:00:00Z', respondBy: new Date(Date.now() + 2_000).toISOString() };
    const first = await webhooks.authorize('card-kb', 'msg-1', body);
    expect(first).toEqual({ kind: 'answer', answer: { decision: 'declined', approvedAmount: 0, remainingBalance: 400_000, reason: 'deadline' } });

    // The spend did commit, and a reversal of exactly it voids it in the same ledger.
    const voided = items.get('transfer#void:spend:card-kb:a-1');
    expect(items.get('transfer#spend:card-kb:a-1')).toMatchObject({ amount: 10_000, debit: 'grant:g-1', credit: 'settlement:card-kb' });
    expect(voided).toMatchObject({ kind: 'reversal', amount: 10_000, debit: 'settlement:card-kb', credit: 'grant:g-1' });
    // The void moves the grant's balance back by what the spend took.
    const voidTransaction = dynamo.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems ?? [];
    expect(voidTransaction.find((item) => item.Update?.Key?.['grantId'] === 'g-1')?.Update?.ExpressionAttributeValues).toMatchObject({ ':g0': 10_000 });
    // Both request records now hold the decline, which is what a retry gets.
    expect(items.get('authorization#card-kb#a-1')).toMatchObject({ answer: { reason: 'deadline' }, approved: 0 });
    expect(await webhooks.authorize('card-kb', 'msg-1', body)).toEqual(first);
    expect(await webhooks.authorize('card-kb', 'msg-2', body)).toEqual(first);
  });
});
