/** Secrets by their manifest name (`id-pepper`, `partner-keys`): Secrets Manager on AWS, a file locally. */
export interface SecretStore {
  /** `fresh` skips the read cache: a read-modify-write must start from what is stored now. */
  get(name: string, options?: { readonly fresh?: boolean }): Promise<string>;
  /** Replaces the secret's value (a new version on AWS). Only for the secrets a function declares it writes. */
  put(name: string, value: string): Promise<void>;
  /**
   * How long another reader may still serve the value from before a `put`: the read cache's lifetime
   * (300 s on AWS, 0 locally). A new partner secret is accepted everywhere once this has passed.
   */
  readonly staleSeconds: number;
}
