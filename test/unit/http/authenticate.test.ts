import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../shared/http/authenticate.ts';
import { HttpProblem } from '../../../shared/http/problem.ts';

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
    expect(await authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': ['officer'] } } }), '')).toMatchObject({ role: 'officer' });
    expect(await authenticate('official', event({ jwt: { claims: { ...claims, 'cognito:groups': '[admin national-admin]' } } }), '')).toMatchObject({ role: 'national-admin' });
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
