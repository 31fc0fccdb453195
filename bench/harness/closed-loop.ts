/**
 * Fixed-concurrency closed loop: `concurrency` lanes each call `call` again as soon as the last call
 * answered, for a number of calls or seconds, after an unrecorded warm-up.
 *
 *   const r = await closedLoop((seq) => repo.get(`k${seq}`), { concurrency: 50, warmup: { seconds: 2 }, measure: { seconds: 10 } });
 *   r.perSecond; r.latency.p99;
 *
 * `seq` is unique across warm-up and measurement, for idempotency keys and the like. A call fails by
 * throwing; any failure fails the run unless `tolerateErrors` is set, because figures measured over
 * failing calls describe the failure path, not the system. Latency is service time under a closed
 * loop (a slow answer delays the next request), not the open-loop latency of independent users.
 * Each call is timed with performance.now(), so calls much under a microsecond need batching inside `call`.
 */
import { LatencyHistogram, type LatencySummary } from './histogram.ts';

export type Span = { readonly calls: number } | { readonly seconds: number };

export interface ClosedLoopOptions {
  /** Calls in flight at once; 1 measures sequential latency. */
  readonly concurrency?: number;
  readonly warmup?: Span;
  readonly measure: Span;
  readonly tolerateErrors?: boolean;
}

export interface LoopResult {
  /** Calls that succeeded in the measured span. */
  readonly calls: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly seconds: number;
  /** Successful calls per second of the measured span. */
  readonly perSecond: number;
  /** Of successful calls only. */
  readonly latency: LatencySummary;
}

export type Call = (seq: number) => Promise<unknown>;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const runSpan = async (call: Call, concurrency: number, span: Span, next: { seq: number }, histogram?: LatencyHistogram) => {
  const limit = 'calls' in span ? span.calls : Number.POSITIVE_INFINITY;
  const started = performance.now();
  const deadline = 'seconds' in span ? started + span.seconds * 1000 : Number.POSITIVE_INFINITY;
  let issued = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    while (issued < limit && performance.now() < deadline) {
      issued += 1;
      const seq = next.seq++;
      const t0 = performance.now();
      try {
        await call(seq);
        histogram?.record(performance.now() - t0);
        ok += 1;
      } catch (error) {
        errors += 1;
        firstError ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ok, errors, firstError, seconds: (performance.now() - started) / 1000 };
};

export const closedLoop = async (call: Call, options: ClosedLoopOptions): Promise<LoopResult> => {
  const concurrency = options.concurrency ?? 1;
  const next = { seq: 0 };
  if (options.warmup) {
    const warm = await runSpan(call, concurrency, options.warmup, next);
    if (warm.errors > 0 && !options.tolerateErrors) {
      throw new Error(`${warm.errors} of ${warm.ok + warm.errors} warm-up calls failed; the first: ${warm.firstError}`);
    }
  }
  const histogram = new LatencyHistogram();
  const run = await runSpan(call, concurrency, options.measure, next, histogram);
  if (run.errors > 0 && !options.tolerateErrors) {
    throw new Error(`${run.errors} of ${run.ok + run.errors} calls failed; the first: ${run.firstError}`);
  }
  return {
    calls: run.ok,
    errors: run.errors,
    ...(run.firstError === undefined ? {} : { firstError: run.firstError }),
    seconds: run.seconds,
    perSecond: run.ok / run.seconds,
    latency: histogram.summary(),
  };
};
