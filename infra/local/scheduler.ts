import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { Manifest } from '../manifest/types.ts';
import type { FunctionLoader } from './function-loader.ts';
import { nextRun } from './schedule.ts';

export const scheduledEvent = (functionName: string, at = new Date()): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString(),
  region: 'local',
  resources: [`arn:aws:events:local:000000000000:rule/${functionName}`],
  detail: {},
});

/** EventBridge schedules as timers: each fires at its next time, then re-arms. */
export class Scheduler {
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(
    private readonly manifest: Manifest,
    private readonly functions: FunctionLoader,
    private readonly onError: (error: unknown, functionName: string) => void,
  ) {}

  /** Every scheduled function, by name and expression (the parity test reads this). */
  schedules(): { functionName: string; expression: string }[] {
    return this.manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((t) => (t.kind === 'schedule' ? [{ functionName: fn.name, expression: t.expression }] : [])),
    );
  }

  start(): void {
    for (const { functionName, expression } of this.schedules()) this.#arm(functionName, expression);
  }

  /** Runs one scheduled function now, as its timer would; `at` is the time its event says it fired. */
  run(functionName: string, at = new Date()): Promise<unknown> {
    return this.functions.invoke(functionName, scheduledEvent(functionName, at));
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #arm(functionName: string, expression: string): void {
    if (this.#stopped) return;
    const delay = Math.max(0, nextRun(expression, new Date()).getTime() - Date.now());
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.run(functionName)
        .catch((error: unknown) => this.onError(error, functionName))
        .finally(() => this.#arm(functionName, expression));
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }
}
