/**
 * GET /v1/health (the gateway, the handler stack and one consistent GetItem) against two baselines
 * measured in the same run: the same handler invoked in-process with an API Gateway v2 event (no
 * HTTP), and a bare GetItem with the AWS SDK. The differences are what the gateway and the handler
 * stack cost over the database itself.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { closedLoop, type ClosedLoopOptions, type LoopResult } from './harness/closed-loop.ts';
import { httpLoad } from './harness/load.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const SEQUENTIAL: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 300 }, measure: { calls: 2000 } };
const CONCURRENT: ClosedLoopOptions = { concurrency: 50, warmup: { seconds: 2 }, measure: { seconds: 10 } };

const progress = (text: string) => process.stderr.write(`  ${text}\n`);

const started = performance.now();
const system = await startSystem();
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${system.baseUrl}`);

try {
  const table = system.tableNames.get('credentials');
  if (!table) throw new Error('The manifest has no credentials table');

  // The project's own sample event, with a fresh request id per call as the gateway gives one.
  const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, '../events/health-check.json'), 'utf8')) as APIGatewayProxyEventV2;
  const invokeHandler = async () => {
    const event: APIGatewayProxyEventV2 = { ...sample, requestContext: { ...sample.requestContext, requestId: randomUUID() } };
    const result = (await system.functions.invoke('health', event)) as APIGatewayProxyStructuredResultV2;
    if (result.statusCode !== 200) throw new Error(`health answered ${result.statusCode}: ${result.body}`);
  };

  const client = new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const getItem = () => client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'health' } }, ConsistentRead: true }));

  const http = (options: ClosedLoopOptions) => httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/health' }, ...options });

  // Everything (handler import, JIT, DynamoDB Local's JVM) warm before the first figure, so the
  // order of the measurements below does not favour the later ones.
  progress('warming up (5 s)');
  await http({ concurrency: 50, measure: { seconds: 5 } });

  const measured = new Map<string, LoopResult>();
  const measure = async (label: string, run: () => Promise<LoopResult>) => {
    progress(`measuring ${label}`);
    const result = await run();
    measured.set(label, result);
    return result;
  };

  const httpSeq = await measure('health (HTTP), sequential', () => http(SEQUENTIAL));
  const handlerSeq = await measure('direct handler, sequential', () => closedLoop(invokeHandler, SEQUENTIAL));
  const dbSeq = await measure('raw GetItem, sequential', () => closedLoop(getItem, SEQUENTIAL));
  const httpLoaded = await measure('health (HTTP), 50 connections', () => http(CONCURRENT));
  const handlerLoaded = await measure('direct handler, 50 concurrent', () => closedLoop(invokeHandler, CONCURRENT));
  const dbLoaded = await measure('raw GetItem, 50 concurrent', () => closedLoop(getItem, CONCURRENT));
  client.destroy();

  if (system.handlerErrors.count > 0) {
    throw new Error(`${system.handlerErrors.count} handler errors during the run; the first: ${String(system.handlerErrors.first)}`);
  }

  const rate = (label: string, result: LoopResult, unit: string): Figure => ({ name: label, value: result.perSecond, unit, better: 'higher' });
  const figures: Figure[] = [
    ...latencyFigures('health (HTTP), sequential', httpSeq.latency),
    ...latencyFigures('direct handler, sequential', handlerSeq.latency),
    ...latencyFigures('raw GetItem, sequential', dbSeq.latency),
    rate('health (HTTP), 50 connections', httpLoaded, 'req/s'),
    ...latencyFigures('health (HTTP), 50 connections', httpLoaded.latency, ['p50', 'p99']),
    rate('direct handler, 50 concurrent', handlerLoaded, 'calls/s'),
    ...latencyFigures('direct handler, 50 concurrent', handlerLoaded.latency, ['p50', 'p99']),
    rate('raw GetItem, 50 concurrent', dbLoaded, 'calls/s'),
    ...latencyFigures('raw GetItem, 50 concurrent', dbLoaded.latency, ['p50', 'p99']),
    ratio('health p50 / direct handler p50', httpSeq.latency.p50, handlerSeq.latency.p50, 'lower'),
    ratio('health p99 / direct handler p99', httpSeq.latency.p99, handlerSeq.latency.p99, 'lower'),
    ratio('direct handler p50 / raw GetItem p50', handlerSeq.latency.p50, dbSeq.latency.p50, 'lower'),
    ratio('health p50 / raw GetItem p50', httpSeq.latency.p50, dbSeq.latency.p50, 'lower'),
    ratio('health req/s / direct handler calls/s', httpLoaded.perSecond, handlerLoaded.perSecond, 'higher'),
    ratio('direct handler calls/s / raw GetItem calls/s', handlerLoaded.perSecond, dbLoaded.perSecond, 'higher'),
  ];
  publish('health', figures);
  progress(`calls measured: ${[...measured].map(([label, r]) => `${label} ${r.calls}`).join('; ')}`);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
