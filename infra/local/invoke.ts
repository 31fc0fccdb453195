import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocal } from './runtime.ts';
import { runningSystem } from './running-system.ts';

/**
 * `npm run invoke -- <function> events/<file>.json`: one handler, one sample event, as `sam local invoke`
 * does. It uses the DynamoDB Local of a running `npm start` on the same DATA_DIR, or starts one on that
 * data, so the handler sees the demo data either way.
 */
const [name, eventFile] = process.argv.slice(2);
if (!name || !eventFile) {
  console.error('usage: npm run invoke -- <function> <event.json>   (functions are named in infra/manifest/index.ts)');
  process.exit(2);
}

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
let event: unknown;
try {
  event = JSON.parse(readFileSync(eventFile, 'utf8'));
} catch (error) {
  console.error(`Cannot read ${eventFile}: ${(error as Error).message}`);
  process.exit(2);
}

const running = runningSystem(dataDir);
const runtime = await startLocal({
  port: 0,
  dataDir,
  seed: false,
  timers: false,
  streams: false,
  dynamoEndpoint: running?.dynamoEndpoint,
});
try {
  runtime.functions.spec(name);
  const result = await runtime.functions.invoke(name, event);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await runtime.stop();
}
