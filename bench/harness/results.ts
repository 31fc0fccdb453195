/**
 * A bench's output: figures printed as an aligned table and written to bench/results/<name>.json as
 * `{ name, machine, figures: [{ name, value, unit, better }] }` (the directory is git-ignored).
 *
 *   await publish('health', [
 *     ...latencyFigures('GET /v1/health, sequential', http.latency),
 *     { name: 'GET /v1/health at 50 connections', value: load.perSecond, unit: 'req/s', better: 'higher' },
 *     ratio('health p50 / direct handler p50', http.latency.p50, direct.latency.p50, 'lower'),
 *   ]);
 *
 * A baseline is measured in the same run and compared through `ratio`, so a ratio never mixes machines.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LatencySummary } from './histogram.ts';
import { describeMachine } from './machine.ts';

export type Better = 'lower' | 'higher';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly better: Better;
}

export type Percentile = 'p50' | 'p90' | 'p99' | 'max' | 'mean';

const RESULTS_DIR = resolve(import.meta.dirname, '../results');

/** `<label> p50`, `<label> p99`, … in ms, lower is better. */
export const latencyFigures = (label: string, latency: LatencySummary, which: readonly Percentile[] = ['p50', 'p90', 'p99', 'max']): Figure[] =>
  which.map((p) => ({ name: `${label} ${p}`, value: latency[p], unit: 'ms', better: 'lower' }));

/** How many times the numerator is the baseline (unit `x`). */
export const ratio = (name: string, numerator: number, baseline: number, better: Better): Figure => ({
  name,
  value: baseline === 0 ? Number.NaN : numerator / baseline,
  unit: 'x',
  better,
});

/** Three significant digits: more would claim a precision that run-to-run noise does not have. */
const rounded = (value: number): number => (Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(3)) : value);

const format = (value: number): string => {
  const r = rounded(value);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(r);
};

const printTable = (name: string, figures: readonly Figure[]): void => {
  const rows = figures.map((f) => [f.name, format(f.value), f.unit, f.better] as const);
  const nameWidth = Math.max('figure'.length, ...rows.map((r) => r[0].length));
  const valueWidth = Math.max('value'.length, ...rows.map((r) => r[1].length));
  const unitWidth = Math.max('unit'.length, ...rows.map((r) => r[2].length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(nameWidth)}  ${b.padStart(valueWidth)}  ${c.padEnd(unitWidth)}  ${d}`;
  console.log(`\n${name}`);
  console.log(line('figure', 'value', 'unit', 'better'));
  console.log(line('-'.repeat(nameWidth), '-'.repeat(valueWidth), '-'.repeat(unitWidth), '-'.repeat(6)));
  for (const row of rows) console.log(line(...row));
};

/** Prints the table and writes the JSON file; returns the file's path. */
export const publish = (name: string, figures: readonly Figure[]): string => {
  const machine = describeMachine();
  printTable(name, figures);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.os}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resolve(RESULTS_DIR, `${name}.json`);
  const json = { name, machine, figures: figures.map((f) => ({ ...f, value: rounded(f.value) })) };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`written: ${file}`);
  return file;
};
