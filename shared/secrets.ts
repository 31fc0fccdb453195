import { FileSecretStore } from './adapters/file-secret-store.ts';
import { SecretsManagerStore } from './adapters/secrets-manager-store.ts';
import { config } from './config.ts';
import type { SecretStore } from './ports/secret-store.ts';

const localStore = (): SecretStore => {
  if (!config.secretsFile) throw new Error('Missing configuration SECRETS_FILE (local secrets file)');
  return new FileSecretStore(config.secretsFile);
};

export const secrets: SecretStore = config.runtime === 'aws' ? new SecretsManagerStore(config.secretId) : localStore();
