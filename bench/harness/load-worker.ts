/**
 * The client side of load.ts, run in a worker thread: an undici pool with one connection per lane,
 * driven by the same closed loop as the in-process baselines so HTTP and direct figures compare.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool, type Dispatcher } from 'undici';
import { closedLoop } from './closed-loop.ts';
import type { LoadOptions, RequestTemplate } from './load.ts';

const SEQ = '{{seq}}';
const NOW = '{{now}}';

const options = workerData as LoadOptions;
const templates: readonly RequestTemplate[] = Array.isArray(options.request) ? options.request : [options.request as RequestTemplate];
if (templates.length === 0) throw new Error('httpLoad needs at least one request');
const okStatus = options.okStatus ? new Set(options.okStatus) : undefined;
const isOk = (status: number) => (okStatus ? okStatus.has(status) : status >= 200 && status < 300);

// Substitution only where a template asks for it, so plain GETs pay nothing for it.
const fill = (text: string, seq: number, now: () => string): string =>
  text.includes('{{') ? text.replaceAll(SEQ, String(seq)).replaceAll(NOW, now) : text;
const requestFor = (template: RequestTemplate, seq: number): Dispatcher.RequestOptions => {
  // One timestamp per request, taken only when a template asks for it.
  let stamp: string | undefined;
  const now = () => (stamp ??= new Date().toISOString());
  return {
    method: (template.method ?? 'GET') as Dispatcher.HttpMethod,
    path: fill(template.path, seq, now),
    headers: template.headers ? Object.fromEntries(Object.entries(template.headers).map(([k, v]) => [k, fill(v, seq, now)])) : undefined,
    body: template.body === undefined ? undefined : fill(template.body, seq, now),
  };
};

const concurrency = options.concurrency ?? 1;
const pool = new Pool(options.baseUrl, { connections: concurrency, pipelining: 1 });

try {
  const result = await closedLoop(
    async (seq) => {
      const template = templates[seq % templates.length] as RequestTemplate;
      const { statusCode, body } = await pool.request(requestFor(template, seq));
      // The whole body is read: a response is only served once its last byte has arrived.
      const text = await body.text();
      if (!isOk(statusCode)) throw new Error(`${template.method ?? 'GET'} ${template.path} answered ${statusCode}: ${text.slice(0, 200)}`);
    },
    { ...options, concurrency },
  );
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
} finally {
  await pool.close();
}
