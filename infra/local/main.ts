import { parseArgs } from 'node:util';
import { RELIEF_PROGRAM_NAMES, type ReliefProgramName } from '../../shared/relief/active-program.ts';
import { LocalStartError } from './dynamodb-local.ts';
import { startLocal } from './runtime.ts';
import { forgetRunningSystem, recordRunningSystem } from './running-system.ts';

/**
 * `npm start`: the whole system on this machine. Prints `ready http://127.0.0.1:<port>` once it accepts
 * requests (scripts wait for that line) and writes `<DATA_DIR>/demo-credentials.json`.
 */
const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535, not ${values.port ?? process.env.PORT}`);
  process.exit(1);
}

const wholeNumberFrom = (name: string, max: number): number | undefined => {
  const text = process.env[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    console.error(`${name} must be a whole number from 0 to ${max}, not ${text}`);
    process.exit(1);
  }
  return value;
};
const demoStores = wholeNumberFrom('DEMO_STORES', 1_000_000);
const demoHouseholds = wholeNumberFrom('DEMO_HOUSEHOLDS', 100_000);

/** By today's date the 2020 rules have ended: the demo shows a policy in force now. */
const RATIONING_POLICY = 'demo';

/** The relief demo is open today unless RELIEF_PROGRAM=relief-2020 (replayed with RELIEF_AS_OF). */
const RELIEF_PROGRAM = process.env.RELIEF_PROGRAM ?? 'demo';
if (!(RELIEF_PROGRAM_NAMES as readonly string[]).includes(RELIEF_PROGRAM)) {
  console.error(`RELIEF_PROGRAM must be one of ${RELIEF_PROGRAM_NAMES.join(', ')}, not ${RELIEF_PROGRAM}`);
  process.exit(1);
}

try {
  const runtime = await startLocal({
    port,
    dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? '.data',
    inMemory: values['in-memory'],
    seed: !values['no-seed'],
    demoStores,
    demoHouseholds,
    rationingPolicy: RATIONING_POLICY,
    reliefProgram: RELIEF_PROGRAM as ReliefProgramName,
    log: (line) => console.log(line),
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    forgetRunningSystem(runtime.dataDir);
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  recordRunningSystem(runtime.dataDir, { pid: process.pid, baseUrl: runtime.baseUrl, dynamoEndpoint: runtime.dynamoEndpoint, rationingPolicy: RATIONING_POLICY, reliefProgram: RELIEF_PROGRAM as ReliefProgramName });
  console.log(`demo credentials: ${runtime.dataDir}/demo-credentials.json`);
  console.log(`ready ${runtime.baseUrl}`);
} catch (error) {
  console.error(error instanceof LocalStartError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
