/** Secrets by their manifest name (`id-pepper`, `partner-keys`): Secrets Manager on AWS, a file locally. */
export interface SecretStore {
  get(name: string): Promise<string>;
}
