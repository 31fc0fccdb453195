import { keyedHash, newBearerSecret } from '../auth/keyed-hash.ts';

/** What a bearer credential stands for: a store (store key) or a quarantine case (device token). */
export type CredentialKind = 'store' | 'device';

export interface CredentialRecord {
  readonly kind: CredentialKind;
  readonly subject: string;
}

/** Only hashes cross this line: the plaintext is returned once, to the caller that issued it. */
export interface CredentialStore {
  find(hash: string): Promise<CredentialRecord | undefined>;
  put(hash: string, record: CredentialRecord, issuedAt: string): Promise<void>;
  /** Removes every credential of a subject, so a rotation leaves exactly one valid key. */
  revokeAll(kind: CredentialKind, subject: string): Promise<number>;
}

const PREFIX: Record<CredentialKind, 'sk' | 'dt'> = { store: 'sk', device: 'dt' };

export class Credentials {
  constructor(
    private readonly store: CredentialStore,
    private readonly pepper: () => Promise<string>,
  ) {}

  /** Issues a new credential; with `replace`, the subject's older ones stop working at once. */
  async issue(kind: CredentialKind, subject: string, options: { replace?: boolean; secret?: string } = {}): Promise<string> {
    if (options.replace) await this.store.revokeAll(kind, subject);
    const secret = options.secret ?? newBearerSecret(PREFIX[kind]);
    await this.store.put(keyedHash(await this.pepper(), secret), { kind, subject }, new Date().toISOString());
    return secret;
  }

  async resolve(secret: string): Promise<CredentialRecord | undefined> {
    if (!/^(sk|dt)_[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
    return this.store.find(keyedHash(await this.pepper(), secret));
  }
}
