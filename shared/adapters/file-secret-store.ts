import { readFile } from 'node:fs/promises';
import type { SecretStore } from '../ports/secret-store.ts';

/** The local runtime's stand-in for Secrets Manager: one JSON object of name → string, made at first start. */
export class FileSecretStore implements SecretStore {
  readonly #path: string;
  #secrets: Promise<Record<string, unknown>> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async get(name: string): Promise<string> {
    this.#secrets ??= readFile(this.#path, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>);
    const value = (await this.#secrets)[name];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`Secret '${name}' is missing from ${this.#path}`);
    }
    return value;
  }
}
