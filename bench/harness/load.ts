/**
 * HTTP load at a fixed number of keep-alive connections, from a worker thread.
 *
 *   const r = await httpLoad({ baseUrl, request: { path: '/v1/health' }, concurrency: 50, warmup: { seconds: 2 }, measure: { seconds: 10 } });
 *   r.perSecond; r.latency.p50;
 *
 * The client runs on its own thread and event loop because the benches start the system under test
 * in their own process: a client on the server's event loop would queue behind the handlers it
 * measures. Options cross to the thread by structured clone, so requests are data, not functions:
 * `{{seq}}` in a path, header value or body is replaced by a number unique within the run, `{{now}}`
 * by the ISO time the request is sent (for `asOf`-style fields that must increase), and a list of
 * requests is sent in turn. Each connection sends one request at a time (no pipelining);
 * an answer outside `okStatus` (default 200–299) counts as a failed call (see closed-loop.ts).
 */
import { Worker } from 'node:worker_threads';
import type { ClosedLoopOptions, LoopResult } from './closed-loop.ts';

export interface RequestTemplate {
  /** Default GET. */
  readonly method?: string;
  /** Path and query, e.g. `/v1/stores/nearby?lat=37.5&lng=127&radius=1000`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface LoadOptions extends ClosedLoopOptions {
  /** `http://host:port`, e.g. the runtime's baseUrl. */
  readonly baseUrl: string;
  /** One request, or several sent in turn (request `seq % length`). */
  readonly request: RequestTemplate | readonly RequestTemplate[];
  /** Connections, each with one request in flight. */
  readonly concurrency?: number;
  readonly okStatus?: readonly number[];
}

export const httpLoad = (options: LoadOptions): Promise<LoopResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: options });
    let settled = false;
    worker.once('message', (result: { ok: true; result: LoopResult } | { ok: false; error: string }) => {
      settled = true;
      if (result.ok) resolve(result.result);
      else reject(new Error(`HTTP load on ${options.baseUrl}: ${result.error}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The load worker exited with code ${code} before it answered`));
    });
  });
