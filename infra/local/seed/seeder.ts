import type { DemoCredentials } from '../demo-credentials.ts';
import type { OfficialIssuer } from '../official-issuer.ts';

export interface SeedContext {
  /** Derives a stable secret from the data directory's demo seed: the same on every restart. */
  readonly derive: (purpose: string) => string;
  readonly issuer: OfficialIssuer;
  readonly secretsFile: string;
  readonly credentials: DemoCredentials;
}

/**
 * One feature's demo data. It must be idempotent: a restart on the same data loses nothing and
 * duplicates nothing. It records what a person needs to try it in `context.credentials`.
 */
export interface Seeder {
  readonly name: string;
  seed(context: SeedContext): Promise<void>;
}
