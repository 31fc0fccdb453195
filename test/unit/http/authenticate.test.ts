import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableEnv } from '../../../infra/manifest/environment.ts';
import { authenticate } from '../../../shared/http/authenticate.ts';
import { HttpProblem } from '../../../shared/http/problem.ts';
import type { DirectoryOfficial } from '../../../shared/officials/official.ts';

process.env[tableEnv('officials')] = 'officials';
const dynamo = mockClient(DynamoDBDocumentClient);
/** What the officials directory holds, by officer id; the mock answers the authenticator's GetItem from it. */
let directory: Record<string, Partial<DirectoryOfficial>> = {};
beforeEach(() => {
  dynamo.reset();
  directory = { 'o-1': { officerId: 'o-1', role: 'admin', region: '41', enabled: true } };
  dynamo.on(GetCommand).callsFake((input: { Key: { pk: string } }) => {
    const officerId = input.Key.pk.replace(/^official#/, '');
    return { Item: directory[officerId] && { pk: input.Key.pk, ...directory[officerId] } };
  });
});

const event = (authorizer: unknown): APIGatewayProxyEventV2 =>
  ({ headers: {}, requestContext: { authorizer }, rawPath: '/x' }) as unknown as APIGatewayProxyEventV2;

const statusOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return error instanceof HttpProblem ? error.problem.status : 500;
  }
};

describe('principals from official claims', () => {
  const claims = { 'custom:region': '41', 'custom:officer_id': 'o-1' };

  it('read groups as API Gateway flattens them ("[a b]") and as arrays', async () => {
    expect(await authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': '[officer admin]' } } }), '')).toEqual({
      kind: 'official',
      role: 'admin',
      region: '41',
      officerId: 'o-1',
    });
    directory['o-1'] = { ...directory['o-1'], role: 'officer' };
    expect(await authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': ['officer'] } } }), '')).toMatchObject({ role: 'officer' });
    directory['o-1'] = { ...directory['o-1'], role: 'national-admin' };
    expect(await authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': '[admin national-admin]' } } }), '')).toMatchObject({ role: 'national-admin' });
  });

  const problemOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof HttpProblem) return error.problem;
    }
    return undefined;
  };
  const asAdmin = () => authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': '[admin]' } } }), '');

  it('refuse, with 401 and a reason, a still-valid token of an official the directory holds disabled', async () => {
    directory['o-1'] = { ...directory['o-1'], enabled: false };
    expect(await problemOf(asAdmin())).toMatchObject({ status: 401, type: expect.stringMatching(/official-disabled$/) });
  });

  it('refuse a token for an officer id the directory does not hold', async () => {
    directory = {};
    expect(await problemOf(asAdmin())).toMatchObject({ status: 401, type: expect.stringMatching(/unknown-official$/) });
  });

  it('refuse a token whose role or region the directory no longer holds', async () => {
    directory['o-1'] = { ...directory['o-1'], role: 'officer' };
    expect(await problemOf(asAdmin())).toMatchObject({ status: 401, type: expect.stringMatching(/official-changed$/) });
    directory['o-1'] = { ...directory['o-1'], role: 'admin', region: '11' };
    expect(await problemOf(asAdmin())).toMatchObject({ status: 401, type: expect.stringMatching(/official-changed$/) });
  });

  it('read the directory strongly consistently, once per request', async () => {
    await asAdmin();
    expect(dynamo.commandCalls(GetCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: 'officials', Key: { pk: 'official#o-1' }, ConsistentRead: true },
    ]);
  });

  it('refuse a token with no region (401) and an account in no group (403)', async () => {
    expect(await statusOf(authenticate('official', event({ jwt: { claims: { 'custom:officer_id': 'o' } } }), ''))).toBe(401);
    expect(await statusOf(authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': '[citizen]' } } }), ''))).toBe(403);
    expect(await statusOf(authenticate('official', event(undefined), ''))).toBe(401);
  });
});

describe('principals from the bearer authorizer', () => {
  it('turn a refusal into 401 and the wrong kind of credential into 403', async () => {
    expect(await statusOf(authenticate('store-key', event({ lambda: { outcome: 'refused', reason: 'no' } }), ''))).toBe(401);
    expect(await statusOf(authenticate('store-key', event({ lambda: { outcome: 'ok', kind: 'device', subject: 'c' } }), ''))).toBe(403);
    expect(await statusOf(authenticate('device-token', event(undefined), ''))).toBe(401);
    expect(await authenticate('store-key', event({ lambda: { outcome: 'ok', kind: 'store', subject: '12345678' } }), '')).toEqual({
      kind: 'store',
      storeCode: '12345678',
    });
  });
});
