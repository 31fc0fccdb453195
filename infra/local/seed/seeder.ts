import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DemoCredentials } from '../demo-credentials.ts';
import type { OfficialIssuer } from '../official-issuer.ts';

export interface SeedContext {
  /** Derives a stable secret from the data directory's demo seed: the same on every restart. */
  readonly derive: (purpose: string) => string;
  readonly issuer: OfficialIssuer;
  readonly secretsFile: string;
  readonly credentials: DemoCredentials;
  /** A progress line for the person waiting at the terminal. */
  readonly progress: (line: string) => void;
  /**
   * Says that the seeder already did what a stream function would do with some records (it wrote
   * the read model itself), so the stream poller starts after them instead of replaying them.
   */
  readonly alreadyHandled: (functionName: string, handled: (record: StreamRecord) => boolean) => void;
}

/**
 * One feature's demo data. It must be idempotent: a restart on the same data loses nothing and
 * duplicates nothing. It records what a person needs to try it in `context.credentials`.
 */
export interface Seeder {
  readonly name: string;
  seed(context: SeedContext): Promise<void>;
}
