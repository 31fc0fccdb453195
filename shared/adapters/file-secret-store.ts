import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { SecretStore } from '../ports/secret-store.ts';

/**
 * The local runtime's stand-in for Secrets Manager: one JSON object of name → string, made at first
 * start. Re-read when the file changes, so a rotated partner key works without a restart, as on AWS.
 */
export class FileSecretStore implements SecretStore {
  readonly #path: string;
  #cached: { version: string; secrets: Record<string, unknown> } | undefined;
  /** Every read compares the file's mtime, so a write is seen by the next request. */
  readonly staleSeconds = 0;

  constructor(path: string) {
    this.#path = path;
  }

  async get(name: string, options: { readonly fresh?: boolean } = {}): Promise<string> {
    // Not the mtime alone: two writes within the file system's clock tick share one. A write by rename
    // is a new inode; one in place, mostly a new size.
    const { mtimeMs, ino, size } = await stat(this.#path);
    const version = `${ino}:${mtimeMs}:${size}`;
    if (options.fresh || this.#cached?.version !== version) {
      this.#cached = { version, secrets: JSON.parse(await readFile(this.#path, 'utf8')) as Record<string, unknown> };
    }
    const value = this.#cached.secrets[name];
    if (typeof value !== 'string' || value === '') throw new Error(`Secret '${name}' is missing from ${this.#path}`);
    return value;
  }

  /**
   * Written to a temporary file and renamed over the old one: a reader in another process sees the
   * whole old file or the whole new one, never half of it, and a crash mid-write loses nothing.
   */
  async put(name: string, value: string): Promise<void> {
    if (value === '') throw new Error(`Refusing to store an empty secret '${name}'`);
    const secrets = JSON.parse(await readFile(this.#path, 'utf8')) as Record<string, unknown>;
    secrets[name] = value;
    const temporary = `${this.#path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    await rename(temporary, this.#path);
    this.#cached = undefined;
  }
}
