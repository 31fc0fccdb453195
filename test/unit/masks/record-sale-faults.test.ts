import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manifest } from '../../../infra/manifest/index.ts';
import { tableEnv } from '../../../infra/manifest/environment.ts';
import { residentNumberFor } from '../../../shared/people/resident-number.ts';

/**
 * DynamoDB Local never reports a transaction conflict or throttling; these are the paths where the real
 * service does. A sale that lost a race must answer 503 with Retry-After and leave nothing half-done.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sale-faults-'));
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ 'id-pepper': 'pepper-for-fault-tests' }));
  Object.assign(process.env, {
    CRISIS_RUNTIME: 'local',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    SECRETS_FILE: join(dir, 'secrets.json'),
    ...Object.fromEntries(manifest.tables.map((t) => [tableEnv(t.name), t.name])),
  });
  ({ handler } = await import('../../../functions/masks/record-sale.ts'));
});

beforeEach(() => {
  dynamo.reset();
  dynamo.on(BatchGetCommand).resolves({ Responses: { 'mask-sales': [] } });
  dynamo.on(GetCommand).resolves({ Item: { code: '31000001', remaining: 50 } });
});

const sale = (): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/stores/{code}/sales',
    rawPath: '/v1/stores/31000001/sales',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { code: '31000001' },
    requestContext: {
      requestId: 'r-1',
      http: { method: 'POST', path: '/v1/stores/31000001/sales' },
      authorizer: { lambda: { outcome: 'ok', kind: 'store', subject: '31000001' } },
    },
    body: JSON.stringify({ saleId: 's-1', buyerId: residentNumberFor({ year: 1982, month: 1, day: 1 }, 7), quantity: 1 }),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const context = { functionName: 'record-sale', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

describe('a sale when DynamoDB pushes back', () => {
  it('answers 503 with Retry-After when the transaction lost a race', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );
    const response = await handler(sale(), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ type: 'https://crisis-response.go.kr/problems/busy' });
    // Nothing recorded a refusal: the retry with the same saleId gets a real answer.
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 503 when the table is throttled, not 500', async () => {
    dynamo.on(BatchGetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const response = await handler(sale(), context);
    expect(response.statusCode).toBe(503);
  });

  it('reads again and answers the exact stock left when another sale changed it between its read and its write', async () => {
    dynamo.on(GetCommand).resolvesOnce({ Item: { code: '31000001', remaining: 50 } }).resolves({ Item: { code: '31000001', remaining: 47 } });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
        }),
      )
      .resolves({});
    const response = await handler(sale(), context);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ remaining: 46 });
    const writes = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.[1]?.Update?.ExpressionAttributeValues?.[':seen']);
    expect(writes).toEqual([50, 47]);
  });

  it('sells when the transaction goes through', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const response = await handler(sale(), context);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ saleId: 's-1', quantity: 1, remaining: 49 });
  });
});
