import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocal, type LocalOptions, type LocalRuntime } from '../../infra/local/runtime.ts';
import { registeringIssuer } from './registered-issuer.ts';

/**
 * The whole local system for one test file: its own data directory and table prefix on the shared
 * DynamoDB Local, a free port, no timers (tests run schedules when they mean to). Its issuer registers
 * the officials it signs for in the directory (test/setup/registered-issuer.ts).
 */
export const startTestRuntime = async (options: Partial<LocalOptions> = {}): Promise<LocalRuntime> => {
  const runtime = await startLocal({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'crisis-test-')),
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
    timers: false,
    // A small demo: the seeders run as in `npm start`, the suite stays fast.
    demoStores: 60,
    demoHouseholds: 120,
    onError: process.env.TEST_RUNTIME_ERRORS ? (e: unknown, fn?: string) => console.error(fn, e) : () => undefined,
    ...options,
  });
  return { ...runtime, issuer: registeringIssuer(runtime.issuer) };
};
