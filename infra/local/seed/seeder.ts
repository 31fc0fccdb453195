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
  /** Until the local queues have handled what was sent to them (an import through the upload path). */
  readonly queuesDrained?: () => Promise<void>;
}

/**
 * One feature's demo data. It must be idempotent: a restart on the same data loses nothing and
 * duplicates nothing. It records what a person needs to try it in `context.credentials`.
 */
export interface Seeder {
  readonly name: string;
  /**
   * Tables this seeder fills on a first start while doing their stream functions' work itself (the
   * stores seeder writes the nearby read model). A new one is created without its stream, which is
   * turned on once every seeder has run: DynamoDB Local writes each item faster without a stream
   * record, and the stream poller has none of the seed's records to replay or skip.
   */
  readonly fills?: readonly string[];
  seed(context: SeedContext): Promise<void>;
}
