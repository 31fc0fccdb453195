import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretStore } from '../ports/secret-store.ts';

/**
 * Cached for five minutes per container: a rotated partner key is honoured within that time, and a
 * busy function does not call Secrets Manager on every request.
 */
const MAX_AGE_SECONDS = 300;

export class SecretsManagerStore implements SecretStore {
  readonly #provider: SecretsProvider;
  readonly #client: SecretsManagerClient;
  readonly #secretId: (name: string) => string;
  readonly staleSeconds = MAX_AGE_SECONDS;

  constructor(secretId: (name: string) => string, client: SecretsManagerClient = new SecretsManagerClient({})) {
    this.#provider = new SecretsProvider({ awsSdkV3Client: client });
    this.#client = client;
    this.#secretId = secretId;
  }

  async get(name: string, options: { readonly fresh?: boolean } = {}): Promise<string> {
    const value = await this.#provider.get(this.#secretId(name), { maxAge: MAX_AGE_SECONDS, forceFetch: options.fresh ?? false }).catch((error: unknown) => {
      // Powertools wraps the SDK's error; the original says whether it was throttling (retry) or a fault.
      throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
    });
    if (typeof value !== 'string' || value === '') throw new Error(`Secret '${name}' is empty or binary`);
    return value;
  }

  /** A new AWSCURRENT version; other containers see it when their cached copy ages out. */
  async put(name: string, value: string): Promise<void> {
    if (value === '') throw new Error(`Refusing to store an empty secret '${name}'`);
    await this.#client.send(new PutSecretValueCommand({ SecretId: this.#secretId(name), SecretString: value }));
    // This container's next read is the new value, not the cached old one.
    await this.#provider.get(this.#secretId(name), { maxAge: MAX_AGE_SECONDS, forceFetch: true });
  }
}
