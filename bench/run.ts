/**
 * `npm run bench [-- <filter>…]`: runs bench/*.bench.ts whose file name contains any filter (all
 * without one), in name order, one child process each and one after another, so one bench's
 * DynamoDB Local, JIT-warm code and CPU load do not flatter or burden the next.
 *
 * Benches print figures; they never pass or fail on time. The exit code is non-zero only when a
 * bench crashed (or no bench matched the filters, which is a typo rather than a result).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const BENCH_DIR = import.meta.dirname;
const ROOT = resolve(BENCH_DIR, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const filters = process.argv.slice(2).filter((arg) => arg !== '--');
const all = readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
const selected = filters.length === 0 ? all : all.filter((file) => filters.some((filter) => file.includes(filter)));

if (selected.length === 0) {
  console.error(`No bench matches ${filters.join(', ')}. Benches: ${all.map((f) => basename(f, '.bench.ts')).join(', ') || 'none'}.`);
  process.exit(2);
}

// Ctrl-C reaches the running bench too (same process group); wait for it to stop its DynamoDB
// Local instead of leaving a Java process behind, and start no further bench.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});

const runOne = (file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((done, fail) => {
    const child = spawn(TSX, [join(BENCH_DIR, file)], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', (code, signal) => done({ code, signal }));
  });

const outcomes: { name: string; seconds: number; crashed: string | undefined }[] = [];
for (const file of selected) {
  if (interrupted) break;
  const name = basename(file, '.bench.ts');
  console.log(`\n== ${name} (${file})`);
  const started = performance.now();
  const { code, signal } = await runOne(file);
  const crashed = signal ? `killed by ${signal}` : code !== 0 ? `exited with ${code}` : undefined;
  outcomes.push({ name, seconds: (performance.now() - started) / 1000, crashed });
}

console.log('\nbenches:');
for (const o of outcomes) console.log(`  ${o.name.padEnd(24)} ${o.seconds.toFixed(1).padStart(7)} s  ${o.crashed ? `CRASHED (${o.crashed})` : 'ok'}`);
if (interrupted) console.log('  (interrupted)');
process.exitCode = interrupted ? 130 : outcomes.some((o) => o.crashed) ? 1 : 0;
