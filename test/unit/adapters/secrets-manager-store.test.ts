import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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
