import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SecretsManagerStore } from '../../../shared/adapters/secrets-manager-store.ts';

describe('the Secrets Manager store', () => {
  it('reads a secret by its manifest name once, then serves it from the cache', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand, { SecretId: 'arn:secret:id-pepper' }).resolves({ SecretString: 'pepper' });
    const store = new SecretsManagerStore((name) => `arn:secret:${name}`, new SecretsManagerClient({}));
    expect(await store.get('id-pepper')).toBe('pepper');
    expect(await store.get('id-pepper')).toBe('pepper');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('refuses an empty secret rather than hashing with an empty pepper', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolves({ SecretString: '' });
    const store = new SecretsManagerStore((name) => name, new SecretsManagerClient({}));
    await expect(store.get('id-pepper')).rejects.toThrow(/empty/);
  });

  it('surfaces throttling so the request fails as busy, not as a wrong key', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const store = new SecretsManagerStore((name) => name, new SecretsManagerClient({ maxAttempts: 1 }));
    await expect(store.get('partner-keys')).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});

describe('writing a secret to Secrets Manager', () => {
  it('puts the new value as the secret’s new version, and this container reads it at once', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: '{"nh":["whsec_old"]}' }).resolves({ SecretString: '{"nh":["whsec_new"]}' });
    sm.on(PutSecretValueCommand).resolves({});
    const store = new SecretsManagerStore((name) => `arn:secret:${name}`, new SecretsManagerClient({}));
    expect(await store.get('partner-keys')).toBe('{"nh":["whsec_old"]}');
    await store.put('partner-keys', '{"nh":["whsec_new"]}');
    expect(sm.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: 'arn:secret:partner-keys', SecretString: '{"nh":["whsec_new"]}' }]);
    expect(await store.get('partner-keys')).toBe('{"nh":["whsec_new"]}');
  });

  it('reads past the cache when asked for a fresh value, as a read-modify-write must', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'first' }).resolves({ SecretString: 'changed elsewhere' });
    const store = new SecretsManagerStore((name) => name, new SecretsManagerClient({}));
    expect(await store.get('partner-keys')).toBe('first');
    expect(await store.get('partner-keys')).toBe('first');
    expect(await store.get('partner-keys', { fresh: true })).toBe('changed elsewhere');
    expect(store.staleSeconds).toBe(300);
  });

  it('surfaces a throttled write, so the admin is told to retry and nothing is half done', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(PutSecretValueCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const store = new SecretsManagerStore((name) => name, new SecretsManagerClient({ maxAttempts: 1 }));
    await expect(store.put('partner-keys', '{}')).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('refuses to store an empty value', async () => {
    mockClient(SecretsManagerClient);
    const store = new SecretsManagerStore((name) => name, new SecretsManagerClient({}));
    await expect(store.put('partner-keys', '')).rejects.toThrow(/empty/);
  });
});
