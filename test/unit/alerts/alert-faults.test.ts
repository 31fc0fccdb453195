import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableEnv } from '../../../infra/manifest/environment.ts';
import { manifest } from '../../../infra/manifest/index.ts';
import type { AlertRecord } from '../../../shared/alerts/alert.ts';

/**
 * DynamoDB Local never reports a transaction conflict; the real service does when two officials, or an
 * official and the escalation sweep, write one alert at the same moment.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
type Handler<E, R> = (event: E, context: Context) => Promise<R>;
let act: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
let escalate: Handler<ScheduledEvent, { escalated: number }>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alert-faults-'));
  writeFileSync(join(dir, 'secrets.json'), '{}');
  Object.assign(process.env, {
    CRISIS_RUNTIME: 'local',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    SECRETS_FILE: join(dir, 'secrets.json'),
    ...Object.fromEntries(manifest.tables.map((t) => [tableEnv(t.name), t.name])),
  });
  ({ handler: act } = await import('../../../functions/alerts/act-on-alert.ts'));
  ({ handler: escalate } = await import('../../../functions/alerts/escalate-alerts.ts'));
});

const alert = (overrides: Partial<AlertRecord & { pk: string }> = {}): AlertRecord & { pk: string } => ({
  pk: 'alert#a-1',
  alertId: 'a-1',
  type: 'GEOFENCE_EXIT',
  severity: 'high',
  region: '27',
  officerId: 'officer-daegu-01',
  subject: { kind: 'case', id: 'c-1' },
  message: '자가격리 이탈',
  createdAt: '2020-03-09T00:00:00.000Z',
  state: 'open',
  count: 1,
  lastSeenAt: '2020-03-09T00:00:00.000Z',
  deadlineAt: '2020-03-09T00:15:00.000Z',
  history: [],
  changedAt: '2020-03-09T00:00:00.000Z',
  v: 1,
  ...overrides,
});

const canceled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const acknowledge = (): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/alerts/{alertAction}',
    rawPath: '/v1/alerts/a-1:acknowledge',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { alertAction: 'a-1:acknowledge' },
    requestContext: {
      requestId: 'r-1',
      http: { method: 'POST', path: '/v1/alerts/a-1:acknowledge' },
      authorizer: { jwt: { claims: { 'cognito:groups': '[officer]', 'custom:region': '27', 'custom:officer_id': 'officer-daegu-01' } } },
    },
    body: '{}',
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const context = (name: string) => ({ functionName: name, awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;

beforeEach(() => {
  dynamo.reset();
  // The audit chain's last entry: an empty chain.
  dynamo.on(QueryCommand).resolves({ Items: [] });
  // The officials directory: the acting officer exists and is enabled.
  dynamo
    .on(GetCommand, { TableName: 'officials' })
    .resolves({ Item: { pk: 'official#officer-daegu-01', officerId: 'officer-daegu-01', role: 'officer', region: '27', enabled: true } });
});

describe('acting on an alert when DynamoDB pushes back', () => {
  it('answers 503 with Retry-After when the transaction met a conflict, having changed nothing', async () => {
    dynamo.on(GetCommand, { TableName: 'alerts' }).resolves({ Item: alert() });
    dynamo.on(TransactWriteCommand).rejects(canceled('None', 'TransactionConflict'));
    const result = await act(acknowledge(), context('act-on-alert'));
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
  });

  it('tells the official who lost a race to acknowledge which colleague won', async () => {
    dynamo
      .on(GetCommand, { TableName: 'alerts' })
      .resolvesOnce({ Item: alert() })
      .resolves({ Item: alert({ state: 'acknowledged', v: 2, history: [{ action: 'acknowledge', by: 'officer-daegu-02', at: '2020-03-09T00:01:00.000Z' }] }) });
    dynamo.on(TransactWriteCommand).rejects(canceled('None', 'ConditionalCheckFailed'));
    const result = await act(acknowledge(), context('act-on-alert'));
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body ?? '{}').detail).toContain('officer-daegu-02');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('the escalation sweep when DynamoDB pushes back', () => {
  it('escalates the others and leaves the one that met a conflict due for the next minute', async () => {
    dynamo.on(QueryCommand, { IndexName: 'due', ExpressionAttributeValues: { ':shard': 'due#0' } }).resolves({
      Items: [alert({ alertId: 'a-1', pk: 'alert#a-1' }), alert({ alertId: 'a-2', pk: 'alert#a-2', subject: { kind: 'case', id: 'c-2' } })],
    });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).rejectsOnce(canceled('None', 'TransactionConflict', 'None', 'None')).resolves({});
    const result = await escalate({ time: '2020-03-09T00:20:00Z' } as ScheduledEvent, context('escalate-alerts'));
    expect(result).toEqual({ escalated: 1 });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
