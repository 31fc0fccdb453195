import { describe, expect, it } from 'vitest';
import { Credentials, type CredentialKind, type CredentialRecord, type CredentialStore } from '../../../shared/platform/credentials.ts';

class MemoryStore implements CredentialStore {
  readonly items = new Map<string, CredentialRecord>();
  lookups = 0;
  async find(hash: string) {
    this.lookups++;
    return this.items.get(hash);
  }
  async put(hash: string, record: CredentialRecord) {
    this.items.set(hash, record);
  }
  async revokeAll(kind: CredentialKind, subject: string) {
    let removed = 0;
    for (const [hash, record] of this.items) {
      if (record.kind === kind && record.subject === subject) removed += Number(this.items.delete(hash));
    }
    return removed;
  }
}

const setup = () => {
  const store = new MemoryStore();
  return { store, credentials: new Credentials(store, async () => 'pepper-for-tests-0123456789') };
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
    const fresh = await credentials.issue('store', '31000001', { replace: true });
    expect(await credentials.resolve(old)).toBeUndefined();
    expect(await credentials.resolve(fresh)).toEqual({ kind: 'store', subject: '31000001' });
  });

  it('do not touch the table for something that cannot be a key', async () => {
    const { store, credentials } = setup();
    for (const junk of ['', 'Bearer', 'sk_short', 'xx_' + 'a'.repeat(43), 'sk_' + '한'.repeat(30)]) {
      expect(await credentials.resolve(junk)).toBeUndefined();
    }
    expect(store.lookups).toBe(0);
  });
});
