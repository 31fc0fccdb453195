import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { FileSecretStore } from '../../shared/adapters/file-secret-store.ts';
import { newSigningKey } from './official-issuer.ts';

/** What Secrets Manager holds on AWS, plus the local issuer's key and the seed of demo secrets. */
export interface LocalSecrets {
  readonly 'id-pepper': string;
  /** JSON text, as the Secrets Manager secret holds it. */
  readonly 'partner-keys': string;
  readonly 'official-signing-key': string;
  /** Demo keys are derived from it, so a restart re-derives the same keys and issues nothing twice. */
  readonly 'demo-seed': string;
  /** The raw AES-256 key that wraps personal data's data keys locally (KMS does it on AWS): base64 of 32 bytes. */
  readonly 'personal-data-key': string;
}

/** Secrets added after a data directory was made: filled in on its next start, the others kept as they are. */
const addedLater = { 'personal-data-key': () => randomBytes(32).toString('base64') } as const;

/** Made once per data directory with fresh random values, readable only by its owner. */
export const ensureLocalSecrets = async (path: string): Promise<LocalSecrets & { signingKey: JWK }> => {
  let found: Partial<LocalSecrets> | undefined;
  try {
    found = JSON.parse(await readFile(path, 'utf8')) as Partial<LocalSecrets>;
  } catch {
    found = undefined;
  }
  let secrets: LocalSecrets;
  if (found) {
    const missing = Object.entries(addedLater).filter(([name]) => !found[name as keyof LocalSecrets]);
    secrets = { ...found, ...Object.fromEntries(missing.map(([name, make]) => [name, make()])) } as LocalSecrets;
    if (missing.length > 0) await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  } else {
    secrets = {
      'id-pepper': randomBytes(32).toString('base64url'),
      'partner-keys': '{}',
      'official-signing-key': JSON.stringify(await newSigningKey()),
      'demo-seed': randomBytes(32).toString('base64url'),
      'personal-data-key': addedLater['personal-data-key'](),
    };
    await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return { ...secrets, signingKey: JSON.parse(secrets['official-signing-key']) as JWK };
};

/** Replaces one secret in the file (a test setting partners' webhook keys, say), atomically as the store does. */
export const updateLocalSecret = async (path: string, name: keyof LocalSecrets, value: string): Promise<void> => {
  await new FileSecretStore(path).put(name, value);
};
