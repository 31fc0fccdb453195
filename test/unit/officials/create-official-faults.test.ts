import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableEnv, USER_POOL_ENV } from '../../../infra/manifest/environment.ts';
import { manifest } from '../../../infra/manifest/index.ts';

/**
 * The create route as it runs on AWS, with Cognito and DynamoDB mocked: the user pool's refusals and
 * throttling reach the admin as 409 and 503, and the directory entry is taken back out so a retry works.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  Object.assign(process.env, {
    CRISIS_RUNTIME: 'aws',
    [USER_POOL_ENV]: 'ap-northeast-2_Officials',
    ...Object.fromEntries(manifest.tables.map((t) => [tableEnv(t.name), t.name])),
  });
  ({ handler } = await import('../../../functions/officials/create-official.ts'));
});

beforeEach(() => {
  dynamo.reset();
  cognito.reset();
  // The calling admin, as the directory holds them.
  dynamo.on(GetCommand).resolves({ Item: { pk: 'official#admin-0001', officerId: 'admin-0001', role: 'admin', region: '11', enabled: true } });
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(PutCommand).resolves({});
});

const create = (): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/admin/officials',
    rawPath: '/v1/admin/officials',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      requestId: 'r-1',
      http: { method: 'POST', path: '/v1/admin/officials' },
      // What the HTTP API JWT authorizer passes: claims as strings, groups as "[a b]".
      authorizer: { jwt: { claims: { 'cognito:groups': '[admin]', 'custom:region': '11', 'custom:officer_id': 'admin-0001' }, scopes: null } },
    },
    body: JSON.stringify({ officerId: 'officer-seoul-09', name: '홍길동', email: 'gildong@example.org', role: 'officer', region: '11' }),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const context = { functionName: 'create-official', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const error = (name: string) => new CognitoIdentityProviderServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: name });
const problemOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? '{}') as { type: string; status: number };
/** The directory writes: the create's transaction, then (when the account failed) the one that removes it. */
const transactions = () => dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.map((item) => Object.keys(item)[0]));

describe('creating an official on AWS', () => {
  it('answers 201 once Cognito has made the account and put it in the group', async () => {
    const response = await handler(create(), context);
    expect(response.statusCode).toBe(201);
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(1);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(1);
    expect(transactions()).toEqual([['Put', 'Put']]);
  });

  it('answers 409 account-exists when the user pool already has another account with the address, and removes the entry', async () => {
    cognito.on(AdminCreateUserCommand).rejects(error('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'custom:officer_id', Value: 'someone-else' }] });
    const response = await handler(create(), context);
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).type).toMatch(/account-exists$/);
    expect(transactions()).toEqual([['Put', 'Put'], ['Delete', 'Delete']]);
  });

  it('answers 503 with Retry-After when Cognito throttles, and removes the entry so a retry can succeed', async () => {
    cognito.on(AdminCreateUserCommand).rejects(error('TooManyRequestsException'));
    const response = await handler(create(), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('2');
    expect(transactions()).toEqual([['Put', 'Put'], ['Delete', 'Delete']]);
    // Nothing was audited: nothing happened.
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });
});
