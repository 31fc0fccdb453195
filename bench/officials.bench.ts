/**
 * What the officials directory check costs an official request. Every official route reads the caller's
 * directory entry (one strongly consistent GetItem) before its handler runs. Measured in the same run:
 * `GET /v1/officials/me` (the gateway's JWT check, the directory read, a handler that reads nothing else),
 * `GET /v1/health` (the gateway and one consistent GetItem, no token), and the directory's GetItem alone
 * with the AWS SDK. The check's share of an official request is the GetItem's share of `/me`.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { ClosedLoopOptions, LoopResult } from './harness/closed-loop.ts';
import { closedLoop } from './harness/closed-loop.ts';
import { httpLoad } from './harness/load.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const SEQUENTIAL: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 300 }, measure: { calls: 2000 } };
const CONCURRENT: ClosedLoopOptions = { concurrency: 50, warmup: { seconds: 2 }, measure: { seconds: 8 } };

const progress = (text: string) => process.stderr.write(`  ${text}\n`);

const started = performance.now();
// The officials seeder only: no stores are needed to measure an official request.
const system = await startSystem({ demoStores: 0 });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${system.baseUrl}`);

try {
  const official = system.credentials.officials.find((o) => o.role === 'officer');
  const table = system.tableNames.get('officials');
  if (!official || !table) throw new Error('No seeded officer or officials table');

  const me = (options: ClosedLoopOptions) =>
    httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/officials/me', headers: { authorization: `Bearer ${official.token}` } }, ...options });
  const health = (options: ClosedLoopOptions) => httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/health' }, ...options });
  const client = new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const directoryRead = () =>
    client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `official#${official.officerId}` } }, ConsistentRead: true }));

  progress('warming up (5 s)');
  await me({ concurrency: 50, measure: { seconds: 3 } });
  await health({ concurrency: 50, measure: { seconds: 2 } });

  const measure = async (label: string, run: () => Promise<LoopResult>) => {
    progress(`measuring ${label}`);
    return run();
  };
  const meSeq = await measure('officials/me (HTTP), sequential', () => me(SEQUENTIAL));
  const healthSeq = await measure('health (HTTP), sequential', () => health(SEQUENTIAL));
  const readSeq = await measure('directory GetItem, sequential', () => closedLoop(directoryRead, SEQUENTIAL));
  const meLoaded = await measure('officials/me (HTTP), 50 connections', () => me(CONCURRENT));
  const healthLoaded = await measure('health (HTTP), 50 connections', () => health(CONCURRENT));
  const readLoaded = await measure('directory GetItem, 50 concurrent', () => closedLoop(directoryRead, CONCURRENT));
  client.destroy();

  if (system.handlerErrors.count > 0) throw new Error(`${system.handlerErrors.count} handler errors; the first: ${String(system.handlerErrors.first)}`);

  const rate = (label: string, result: LoopResult, unit: string): Figure => ({ name: label, value: result.perSecond, unit, better: 'higher' });
  publish('officials', [
    ...latencyFigures('officials/me (HTTP), sequential', meSeq.latency),
    ...latencyFigures('health (HTTP), sequential', healthSeq.latency),
    ...latencyFigures('directory GetItem, sequential', readSeq.latency),
    rate('officials/me (HTTP), 50 connections', meLoaded, 'req/s'),
    ...latencyFigures('officials/me (HTTP), 50 connections', meLoaded.latency, ['p50', 'p99']),
    rate('health (HTTP), 50 connections', healthLoaded, 'req/s'),
    rate('directory GetItem, 50 concurrent', readLoaded, 'calls/s'),
    ratio('directory GetItem p50 / officials/me p50', readSeq.latency.p50, meSeq.latency.p50, 'lower'),
    ratio('officials/me p50 / health p50', meSeq.latency.p50, healthSeq.latency.p50, 'lower'),
    ratio('officials/me req/s / health req/s', meLoaded.perSecond, healthLoaded.perSecond, 'higher'),
  ]);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
