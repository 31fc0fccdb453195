import { keyedHash, newBearerSecret } from '../auth/keyed-hash.ts';

/** What a bearer credential stands for: a store (store key) or a quarantine case (device token). */
export type CredentialKind = 'store' | 'device';

export interface CredentialRecord {
  readonly kind: CredentialKind;
  readonly subject: string;
}

/**
 * The subject's credential as last read: its hash(es) and the version a swap must still find. Version 0
 * means the subject has no record of its own yet, only keys issued before there was one (or none at all).
 */
export interface CurrentCredential {
  readonly hashes: readonly string[];
  readonly version: number;
}

/** Only hashes cross this line: the plaintext is returned once, to the caller that issued it. */
export interface CredentialStore {
  find(hash: string): Promise<CredentialRecord | undefined>;
  /** Undefined when the subject has never had a credential. */
  current(kind: CredentialKind, subject: string): Promise<CurrentCredential | undefined>;
  /**
   * At once: the new hash becomes the subject's only credential and the ones in `seen` stop working.
   * False, with nothing written, when `seen` is no longer current (another issue won): read and try again.
   */
  swap(record: CredentialRecord, hash: string, issuedAt: string, seen: CurrentCredential | undefined): Promise<boolean>;
  /**
   * At once: the hashes in `seen` stop working and the subject keeps no credential (a later issue may
   * give it one). False, with nothing written, when `seen` is no longer current.
   */
  retire(record: CredentialRecord, revokedAt: string, seen: CurrentCredential): Promise<boolean>;
}

const PREFIX: Record<CredentialKind, 'sk' | 'dt'> = { store: 'sk', device: 'dt' };
/** Each lost race means another issue committed, so 20 parallel rotations need at most 20 rounds. */
const MAX_ATTEMPTS = 50;

export class Credentials {
  constructor(
    private readonly store: CredentialStore,
    private readonly pepper: () => Promise<string>,
    private readonly pause: (attempt: number) => Promise<void> = jitter,
  ) {}

  /**
   * The subject's one credential from now on: any earlier one stops working at once. However many run
   * together, exactly one key works afterwards, the one whose swap committed last.
   */
  async issue(kind: CredentialKind, subject: string, options: { secret?: string } = {}): Promise<string> {
    return (await this.#issue(kind, subject, options.secret, false)) as string;
  }

  /**
   * Issues `secret` only if the subject has no credential at all (seeding), so a restart never brings
   * back a rotated key. The secret when it is the subject's credential now; undefined when another is.
   */
  async issueIfNone(kind: CredentialKind, subject: string, secret: string): Promise<string | undefined> {
    return this.#issue(kind, subject, secret, true);
  }

  /**
   * Ends the subject's credential: a case that ended, or a phone replaced by re-issuing its enrolment
   * code. When this returns, no credential of the subject works, however many issues raced it; true if
   * one did before.
   */
  async revoke(kind: CredentialKind, subject: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.pause(attempt);
      const seen = await this.store.current(kind, subject);
      if (!seen || seen.hashes.length === 0) return false;
      if (await this.store.retire({ kind, subject }, new Date().toISOString(), seen)) return true;
    }
    throw new Error(`Could not revoke the credential of ${kind} ${subject}: ${MAX_ATTEMPTS} concurrent issues won first.`);
  }

  async resolve(secret: string): Promise<CredentialRecord | undefined> {
    if (!/^(sk|dt)_[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
    return this.store.find(keyedHash(await this.pepper(), secret));
  }

  async #issue(kind: CredentialKind, subject: string, given: string | undefined, onlyIfNone: boolean): Promise<string | undefined> {
    const secret = given ?? newBearerSecret(PREFIX[kind]);
    const hash = keyedHash(await this.pepper(), secret);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.pause(attempt);
      const seen = await this.store.current(kind, subject);
      if (onlyIfNone && seen) return seen.hashes.includes(hash) ? secret : undefined;
      if (await this.store.swap({ kind, subject }, hash, new Date().toISOString(), seen)) return secret;
    }
    throw new Error(`Could not issue a credential for ${kind} ${subject}: ${MAX_ATTEMPTS} concurrent issues won first.`);
  }
}

const jitter = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));
