import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableEnv } from '../../../infra/manifest/environment.ts';
import {
  Credentials,
  type CredentialKind,
  type CredentialRecord,
  type CredentialStore,
  type CurrentCredential,
} from '../../../shared/platform/credentials.ts';

/** The table's rules in memory: a swap commits only if the subject is still as the issuer read it. */
class MemoryStore implements CredentialStore {
  readonly items = new Map<string, CredentialRecord>();
  readonly holders = new Map<string, { hash: string; version: number }>();
  lookups = 0;
  swaps = 0;
  /** Runs before each swap commits: a test's way to let another issue win the race. */
  beforeSwap: () => Promise<void> = async () => undefined;
  async find(hash: string) {
    this.lookups++;
    return this.items.get(hash);
  }
  async current(kind: CredentialKind, subject: string): Promise<CurrentCredential | undefined> {
    const holder = this.holders.get(`${kind}#${subject}`);
    return holder ? { hashes: holder.hash ? [holder.hash] : [], version: holder.version } : undefined;
  }
  async retire(record: CredentialRecord, _at: string, seen: CurrentCredential) {
    this.swaps++;
    await this.beforeSwap();
    const key = `${record.kind}#${record.subject}`;
    if ((this.holders.get(key)?.version ?? 0) !== seen.version) return false;
    for (const old of seen.hashes) this.items.delete(old);
    this.holders.set(key, { hash: '', version: seen.version + 1 });
    return true;
  }
  async swap(record: CredentialRecord, hash: string, _at: string, seen: CurrentCredential | undefined) {
    this.swaps++;
    await this.beforeSwap();
    const key = `${record.kind}#${record.subject}`;
    if ((this.holders.get(key)?.version ?? 0) !== (seen?.version ?? 0)) return false;
    for (const old of seen?.hashes ?? []) this.items.delete(old);
    this.items.set(hash, record);
    this.holders.set(key, { hash, version: (seen?.version ?? 0) + 1 });
    return true;
  }
}

const setup = () => {
  const store = new MemoryStore();
  return { store, credentials: new Credentials(store, async () => 'pepper-for-tests-0123456789', async () => undefined) };
};

describe('bearer credentials', () => {
  it('resolve to what they were issued for, and are stored only as hashes', async () => {
    const { store, credentials } = setup();
    const key = await credentials.issue('store', '31000001');
    expect(await credentials.resolve(key)).toEqual({ kind: 'store', subject: '31000001' });
    expect([...store.items.keys()].join()).not.toContain(key.slice(3));
  });

  it('are replaced by a rotation: the old key stops working at once', async () => {
    const { credentials } = setup();
    const old = await credentials.issue('store', '31000001');
    const fresh = await credentials.issue('store', '31000001');
    expect(await credentials.resolve(old)).toBeUndefined();
    expect(await credentials.resolve(fresh)).toEqual({ kind: 'store', subject: '31000001' });
  });

  it('leave exactly one working key, the last committed, after rotations that all race each other', async () => {
    const { store, credentials } = setup();
    let gate: () => void = () => undefined;
    const allRead = new Promise<void>((resolve) => (gate = resolve));
    let waiting = 0;
    // Every rotation reads the subject before any of them commits: the worst interleaving.
    store.beforeSwap = async () => {
      if (++waiting === 10) gate();
      await allRead;
    };
    const keys = await Promise.all(Array.from({ length: 10 }, () => credentials.issue('store', '31000001')));
    const working = (await Promise.all(keys.map((key) => credentials.resolve(key)))).filter(Boolean);
    expect(working).toHaveLength(1);
    expect(store.items.size).toBe(1);
    expect(store.swaps).toBeGreaterThan(10);
  });

  it('are issued at seeding only to a subject that has none, so a rotated key never comes back', async () => {
    const { credentials } = setup();
    const demo = 'sk_demo-key-derived-from-the-seed-0001';
    expect(await credentials.issueIfNone('store', '31000001', demo)).toBe(demo);
    expect(await credentials.issueIfNone('store', '31000001', demo), 'a restart keeps the same demo key').toBe(demo);
    const rotated = await credentials.issue('store', '31000001');
    expect(await credentials.issueIfNone('store', '31000001', demo)).toBeUndefined();
    expect(await credentials.resolve(demo)).toBeUndefined();
    expect(await credentials.resolve(rotated)).toBeDefined();
  });

  it('stop working when revoked, and the subject can be given a new one afterwards', async () => {
    const { credentials } = setup();
    const token = await credentials.issue('device', 'c_case-1');
    expect(await credentials.revoke('device', 'c_case-1')).toBe(true);
    expect(await credentials.resolve(token)).toBeUndefined();
    expect(await credentials.revoke('device', 'c_case-1'), 'nothing left to revoke').toBe(false);
    expect(await credentials.revoke('device', 'c_never-enrolled')).toBe(false);
    const next = await credentials.issue('device', 'c_case-1');
    expect(await credentials.resolve(next)).toEqual({ kind: 'device', subject: 'c_case-1' });
  });

  it('leave no working token when a revocation races enrolments of the same case', async () => {
    const { store, credentials } = setup();
    await credentials.issue('device', 'c_case-1');
    let raced = false;
    // An enrolment commits between the revocation's read and its write: the revocation must read again.
    store.beforeSwap = async () => {
      if (raced) return;
      raced = true;
      store.beforeSwap = async () => undefined;
      await credentials.issue('device', 'c_case-1');
    };
    expect(await credentials.revoke('device', 'c_case-1')).toBe(true);
    expect(store.items.size).toBe(0);
  });

  it('do not touch the table for something that cannot be a key', async () => {
    const { store, credentials } = setup();
    for (const junk of ['', 'Bearer', 'sk_short', 'xx_' + 'a'.repeat(43), 'sk_' + '한'.repeat(30)]) {
      expect(await credentials.resolve(junk)).toBeUndefined();
    }
    expect(store.lookups).toBe(0);
  });
});

describe('the credentials table adapter', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  let repository: CredentialStore;
  const cancelled = (code: string) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: code }] });

  beforeAll(async () => {
    Object.assign(process.env, { CRISIS_RUNTIME: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', SECRETS_FILE: join(mkdtempSync(join(tmpdir(), 'cred-')), 's.json'), [tableEnv('credentials')]: 'credentials' });
    const { CredentialsRepository } = await import('../../../shared/data/credentials-repository.ts');
    repository = new CredentialsRepository();
  });
  beforeEach(() => dynamo.reset());

  it('rotates in one transaction: new key in, subject moved on only from the version it read, old key out', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await repository.swap({ kind: 'store', subject: '31000001' }, 'new', '2026-01-01T00:00:00Z', { hashes: ['old'], version: 3 })).toBe(true);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put', 'Delete']);
    expect(items[1]?.Put).toMatchObject({ Item: { hash: 'new', version: 4 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 3 } });
    expect(items[2]?.Delete?.Key).toEqual({ pk: 'cred#old' });
  });

  it.each(['ConditionalCheckFailed', 'TransactionConflict'])('report a lost race (%s) so the issuer reads again and retries', async (code) => {
    dynamo.on(TransactWriteCommand).rejects(cancelled(code));
    expect(await repository.swap({ kind: 'store', subject: '31000001' }, 'new', '2026-01-01T00:00:00Z', { hashes: ['old'], version: 3 })).toBe(false);
  });

  it('retry a rotation that lost to a concurrent one until it commits', async () => {
    dynamo.on(GetCommand).resolves({ Item: { hash: 'h', version: 1 } });
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).rejectsOnce(cancelled('ConditionalCheckFailed')).resolves({});
    const credentials = new Credentials(repository, async () => 'pepper', async () => undefined);
    expect(await credentials.issue('store', '31000001')).toMatch(/^sk_/);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(3);
  });

  it('revoke keys issued before subjects had their own record', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [{ pk: 'cred#legacy-1' }, { pk: 'cred#legacy-2' }] });
    const seen = await repository.current('store', '31000001');
    expect(seen).toEqual({ hashes: ['legacy-1', 'legacy-2'], version: 0 });
    dynamo.on(TransactWriteCommand).resolves({});
    await repository.swap({ kind: 'store', subject: '31000001' }, 'new', '2026-01-01T00:00:00Z', seen);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[1]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items.slice(2).map((item) => item.Delete?.Key)).toEqual([{ pk: 'cred#legacy-1' }, { pk: 'cred#legacy-2' }]);
  });

  it('revoke in one transaction: the subject moves on from the version it read, with no hash, and its key goes', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await repository.retire({ kind: 'device', subject: 'c_case-1' }, '2026-01-01T00:00:00Z', { hashes: ['old'], version: 2 })).toBe(true);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put).toMatchObject({ Item: { pk: 'holder#device#c_case-1', version: 3, revokedAt: '2026-01-01T00:00:00Z' }, ConditionExpression: 'version = :v' });
    expect(items[0]?.Put?.Item).not.toHaveProperty('hash');
    expect(items[1]?.Delete?.Key).toEqual({ pk: 'cred#old' });
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    expect(await repository.retire({ kind: 'device', subject: 'c_case-1' }, '2026-01-01T00:00:00Z', { hashes: ['old'], version: 2 })).toBe(false);
  });

  it('pass on other failures: a throttled rotation is not silently retried forever', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ThrottlingError'));
    await expect(repository.swap({ kind: 'store', subject: '31000001' }, 'new', '2026-01-01T00:00:00Z', undefined)).rejects.toThrow();
  });
});
