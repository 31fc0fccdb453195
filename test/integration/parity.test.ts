import { DescribeTableCommand, DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { manifest } from '../../infra/manifest/index.ts';
import type { HttpTrigger, TableSpec, Trigger } from '../../infra/manifest/types.ts';
import { synthesize, type Synthesized } from '../infra/synth.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

/**
 * Nothing is defined twice: every manifest route, schedule, stream and table is in the synthesized
 * CloudFormation template and is served or run by the local runtime, with the same keys and indexes.
 */
let runtime: LocalRuntime;
let aws: Synthesized;
const described = new Map<string, TableDescription>();

beforeAll(async () => {
  aws = synthesize();
  runtime = await startTestRuntime({ seed: false });
  const client = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  for (const [name, physical] of runtime.tableNames) described.set(name, (await client.send(new DescribeTableCommand({ TableName: physical }))).Table ?? {});
  client.destroy();
}, 120_000);
afterAll(() => runtime?.stop());

const resources = (type: string) => Object.values(aws.template.findResources(type)) as { Properties: Record<string, unknown> }[];
const triggers = <K extends Trigger['kind']>(kind: K) =>
  manifest.functions.flatMap((fn) =>
    fn.triggers.filter((t): t is Extract<Trigger, { kind: K }> => t.kind === kind).map((trigger) => ({ fn, trigger })),
  );
const samplePath = (trigger: HttpTrigger) => trigger.path.replace(/\{[^}]+\}/g, '00000000');

describe('routes', () => {
  it.each(triggers('http').map(({ trigger }) => [`${trigger.method} ${trigger.path}`, trigger] as const))(
    '%s is an API Gateway route and a local route',
    async (routeKey, trigger) => {
      expect(resources('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey)).toContain(routeKey);
      const response = await fetch(runtime.baseUrl + samplePath(trigger), {
        method: trigger.method,
        ...(trigger.method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      expect(response.headers.get('x-route-key')).toBe(routeKey);
    },
  );
});

describe('schedules', () => {
  it.each(triggers('schedule').map(({ fn, trigger }) => [fn.name, trigger] as const))('%s runs on AWS and locally', async (name, trigger) => {
    const { expression } = trigger;
    expect(resources('AWS::Events::Rule').map((r) => r.Properties.ScheduleExpression)).toContain(expression);
    expect(runtime.scheduler.schedules()).toContainEqual({ functionName: name, expression });
    await expect(runtime.scheduler.run(name)).resolves.toBeDefined();
  });
});

describe('streams', () => {
  it.each(triggers('stream').map(({ fn, trigger }) => [fn.name, trigger] as const))('%s reads its table’s stream on AWS and locally', (name, trigger) => {
    const { table } = trigger;
    expect(resources('AWS::Lambda::EventSourceMapping').length).toBeGreaterThanOrEqual(triggers('stream').length);
    const local = runtime.streams.subscriptions.find((s) => s.functionName === name);
    expect(local?.table).toBe(table);
    expect(local?.streamArn).toBe(described.get(table)?.LatestStreamArn);
  });
});

describe('queues', () => {
  it.each((manifest.queues ?? []).map((q) => [q.name, q] as const))('%s has the same visibility timeout, max receives and consumer in both', (name, spec) => {
    const cloud = resources('AWS::SQS::Queue').filter((r) => r.Properties.VisibilityTimeout === spec.visibilityTimeoutSeconds && r.Properties.RedrivePolicy);
    expect(cloud.map((r) => (r.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount)).toContain(spec.maxReceives);
    const consumers = triggers('queue').filter(({ trigger }) => trigger.queue === name);
    const mappings = resources('AWS::Lambda::EventSourceMapping').filter((r) => r.Properties.FunctionResponseTypes && JSON.stringify(r.Properties.FunctionResponseTypes).includes('ReportBatchItemFailures'));
    expect(mappings.map((r) => r.Properties.BatchSize)).toEqual(expect.arrayContaining(consumers.map(({ trigger }) => trigger.batchSize ?? 10)));
    const local = runtime.queues.get(name);
    expect(local.spec).toEqual(spec);
    expect(local.consumerName).toBe(consumers[0]?.fn.name);
  });

  // Locally the gateway announces each upload on the same queue: relief-registry-import.test.ts uploads through it.
  it('the upload bucket announces new objects on the queue the manifest names', () => {
    const uploads = manifest.uploads;
    if (!uploads) return;
    const notifications = resources('Custom::S3BucketNotifications').map((r) => JSON.stringify(r.Properties.NotificationConfiguration));
    expect(notifications.some((n) => n.includes('QueueConfigurations') && n.includes('s3:ObjectCreated:*'))).toBe(true);
    const queueId = Object.entries(aws.template.findResources('AWS::SQS::Queue')).find(
      ([, r]) => (r as { Properties: Record<string, unknown> }).Properties.VisibilityTimeout === manifest.queues?.find((q) => q.name === uploads.notifies)?.visibilityTimeoutSeconds,
    )?.[0];
    expect(notifications.some((n) => n.includes(`"${queueId}"`))).toBe(true);
  });
});

const keySchemaOf = (spec: Pick<TableSpec, 'partitionKey' | 'sortKey'>) => [
  { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
  ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
];

describe('tables', () => {
  it.each(manifest.tables.map((t) => [t.name, t] as const))('%s has the same keys, indexes and stream in both', (name, spec) => {
    const cloud = [...resources('AWS::DynamoDB::Table'), ...resources('AWS::DynamoDB::GlobalTable')].filter(
      (r) => JSON.stringify(r.Properties.KeySchema) === JSON.stringify(keySchemaOf(spec)),
    );
    expect(cloud.length, `no table with ${name}'s key schema in the template`).toBeGreaterThan(0);
    const local = described.get(name);
    expect(local?.KeySchema).toEqual(keySchemaOf(spec));
    expect((local?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema })).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      (spec.indexes ?? []).map((i) => ({ name: i.name, keys: keySchemaOf(i) })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    const cloudIndexes = cloud.flatMap((r) => ((r.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map((i) => i.IndexName));
    for (const index of spec.indexes ?? []) expect(cloudIndexes).toContain(index.name);
    expect(local?.StreamSpecification?.StreamViewType).toBe(spec.stream);
  });
});
