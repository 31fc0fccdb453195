/**
 * Latency histogram: record durations in milliseconds, read percentiles back in milliseconds.
 *
 *   const h = new LatencyHistogram();
 *   h.record(performance.now() - started);
 *   h.summary(); // { count, mean, p50, p90, p99, max } in ms
 *
 * Values are kept in whole microseconds by HdrHistogram with 3 significant digits, so a p99 is
 * read from the recorded distribution (to within 0.1 %) and is never derived from an average.
 */
import { build, type Histogram } from 'hdr-histogram-js';

export interface LatencySummary {
  readonly count: number;
  /** Milliseconds, like every other field but `count`. */
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

const MICROS_PER_MS = 1000;

export class LatencyHistogram {
  // autoResize: a stalled call (a GC pause, a cold JIT) must be counted, not rejected as out of range.
  readonly #histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, autoResize: true });

  record(ms: number): void {
    // Below one microsecond is clock noise here; 0 would be lost under lowestDiscernibleValue anyway.
    this.#histogram.recordValue(Math.max(1, Math.round(ms * MICROS_PER_MS)));
  }

  get count(): number {
    return this.#histogram.totalCount;
  }

  summary(): LatencySummary {
    const h = this.#histogram;
    const ms = (micros: number) => micros / MICROS_PER_MS;
    return {
      count: h.totalCount,
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p99: ms(h.getValueAtPercentile(99)),
      max: ms(h.maxValue),
    };
  }
}
