import { readFile, stat } from 'node:fs/promises';
import type { SecretStore } from '../ports/secret-store.ts';

/**
 * The local runtime's stand-in for Secrets Manager: one JSON object of name → string, made at first
 * start. Re-read when the file changes, so a rotated partner key works without a restart, as on AWS.
 */
export class FileSecretStore implements SecretStore {
  readonly #path: string;
  #cached: { mtimeMs: number; secrets: Record<string, unknown> } | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async get(name: string): Promise<string> {
    const { mtimeMs } = await stat(this.#path);
    if (this.#cached?.mtimeMs !== mtimeMs) {
      this.#cached = { mtimeMs, secrets: JSON.parse(await readFile(this.#path, 'utf8')) as Record<string, unknown> };
    }
    const value = this.#cached.secrets[name];
    if (typeof value !== 'string' || value === '') throw new Error(`Secret '${name}' is missing from ${this.#path}`);
    return value;
  }
}
