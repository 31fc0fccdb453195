/**
 * The whole local system (DynamoDB Local, gateway, handlers) in the bench's own process, quiet and
 * disposable: a fresh temporary data directory, an in-memory database, a free port, no timers.
 *
 *   const system = await startSystem();
 *   try { … system.baseUrl, system.functions.invoke(…), system.dynamoEndpoint … } finally { await system.stop(); }
 *
 * Options pass through to startLocal (infra/local/runtime.ts). Handler errors are counted in
 * `handlerErrors` instead of printed, so a failing run cannot flood the table with stack traces;
 * the loops report the failing answers themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOptions, LocalRuntime } from '../../infra/local/runtime.ts';

export interface BenchSystem extends LocalRuntime {
  readonly handlerErrors: { count: number; first?: unknown };
}

export const startSystem = async (options: Partial<LocalOptions> = {}): Promise<BenchSystem> => {
  // Before the runtime and handler modules are imported: Powertools reads these once, at import.
  // A log line per request would measure the terminal; EMF metrics would be printed to stdout too.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { startLocal } = await import('../../infra/local/runtime.ts');

  const dataDir = mkdtempSync(join(tmpdir(), 'crisis-bench-'));
  const handlerErrors: { count: number; first?: unknown } = { count: 0 };
  const runtime = await startLocal({
    port: 0,
    inMemory: true,
    dataDir,
    timers: false,
    onError: (error) => {
      handlerErrors.count += 1;
      handlerErrors.first ??= error;
    },
    ...options,
  });
  return {
    ...runtime,
    handlerErrors,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
