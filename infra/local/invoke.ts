import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifest } from '../manifest/index.ts';
import { requireRunningSystem } from './running-system.ts';
import { attachFunctions } from './runtime.ts';

/**
 * `npm run invoke -- <function> events/<file>.json`: one handler, one sample event, as `sam local invoke`
 * does, against the `npm start` running on the same DATA_DIR (its DynamoDB Local and demo data). It never
 * starts a system nor writes the running one's files; with none running it says how to start one.
 */
const [name, eventFile] = process.argv.slice(2);
if (!name || !eventFile) {
  console.error('usage: npm run invoke -- <function> <event.json>   (functions are named in infra/manifest/index.ts)');
  process.exit(2);
}

if (!manifest.functions.some((fn) => fn.name === name)) {
  console.error(`No function '${name}' in the manifest; there are: ${manifest.functions.map((fn) => fn.name).join(', ')}`);
  process.exit(1);
}

const given = process.env.DATA_DIR ?? '.data';
const dataDir = resolve(given);
let event: unknown;
try {
  event = JSON.parse(readFileSync(eventFile, 'utf8'));
} catch (error) {
  console.error(`Cannot read ${eventFile}: ${(error as Error).message}`);
  process.exit(2);
}

let running;
try {
  running = await requireRunningSystem(dataDir, given);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const { functions, stop } = attachFunctions({ dataDir, dynamoEndpoint: running.dynamoEndpoint, rationingPolicy: running.rationingPolicy, reliefProgram: running.reliefProgram });
try {
  const result = await functions.invoke(name, event);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await stop();
}
