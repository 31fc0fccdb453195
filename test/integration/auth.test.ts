import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateLocalSecret } from '../../infra/local/local-secrets.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';
import { issueCredential } from '../setup/issue-credential.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
const partnerSecret = `whsec_${Buffer.from('card-company-01 webhook secret!!').toString('base64')}`;
const rotatedSecret = `whsec_${Buffer.from('card-company-01 next secret.....').toString('base64')}`;

beforeAll(async () => {
  runtime = await startTestRuntime({ manifest: fixtureManifest });
  await updateLocalSecret(resolve(runtime.dataDir, 'secrets.json'), 'partner-keys', JSON.stringify({ 'card-01': [partnerSecret, rotatedSecret] }));
});
afterAll(() => runtime.stop());

const get = (path: string, bearer?: string) =>
  fetch(runtime.baseUrl + path, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { status: number; type: string; detail: string };
};

describe('store keys', () => {
  it('let a store act for itself only', async () => {
    const key = await issueCredential('store', '10000001');
    expect((await get('/v1/fixtures/stores/10000001', key)).status).toBe(200);
    const other = await get('/v1/fixtures/stores/10000002', key);
    expect(other.status).toBe(403);
    expect((await problemOf(other)).detail).toMatch(/another store/);
  });

  it('answer a missing or unknown key with 401 problem+json', async () => {
    const missing = await get('/v1/fixtures/stores/10000001');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    await problemOf(missing);
    expect((await get('/v1/fixtures/stores/10000001', 'sk_' + 'x'.repeat(43))).status).toBe(401);
    expect((await get('/v1/fixtures/stores/10000001', 'not a key at all')).status).toBe(401);
  });

  it('stop working once rotated', async () => {
    const first = await issueCredential('store', '10000003');
    const second = await issueCredential('store', '10000003');
    expect((await get('/v1/fixtures/stores/10000003', first)).status).toBe(401);
    expect((await get('/v1/fixtures/stores/10000003', second)).status).toBe(200);
  });

  it('are not device tokens', async () => {
    const key = await issueCredential('store', '10000004');
    expect((await get('/v1/fixtures/cases/case-1', key)).status).toBe(403);
  });
});

describe('device tokens', () => {
  it('check in only for their own case', async () => {
    const token = await issueCredential('device', 'case-7');
    expect(await (await get('/v1/fixtures/cases/case-7', token)).json()).toEqual({ caseId: 'case-7' });
    expect((await get('/v1/fixtures/cases/case-8', token)).status).toBe(403);
  });
});

describe('officials', () => {
  it('see their own region; a region admin too; a national admin sees every region', async () => {
    const officer = await runtime.issuer.sign({ role: 'officer', region: '41', officerId: 'o-41' });
    const admin = await runtime.issuer.sign({ role: 'admin', region: '11', officerId: 'a-11' });
    const national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'n-1' });
    expect(await (await get('/v1/fixtures/regions/41', officer)).json()).toEqual({ region: '41', officerId: 'o-41' });
    expect((await get('/v1/fixtures/regions/11', officer)).status).toBe(403);
    expect((await get('/v1/fixtures/regions/11', admin)).status).toBe(200);
    expect((await get('/v1/fixtures/regions/41', admin)).status).toBe(403);
    expect((await get('/v1/fixtures/regions/41', national)).status).toBe(200);
  });

  it('need a valid, unexpired token from the issuer', async () => {
    expect((await get('/v1/fixtures/regions/41')).status).toBe(401);
    const expired = await runtime.issuer.sign({ role: 'officer', region: '41', officerId: 'o-41' }, -60);
    expect((await get('/v1/fixtures/regions/41', expired)).status).toBe(401);
    const valid = await runtime.issuer.sign({ role: 'officer', region: '41', officerId: 'o-41' });
    const [header, payload, signature] = valid.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'custom:region': '11' })).toString('base64url');
    expect((await get('/v1/fixtures/regions/11', `${header}.${forged}.${signature}`)).status).toBe(401);
  });

  it('are told who they are', async () => {
    const official = runtime.credentials.officials.find((o) => o.role === 'officer');
    expect(official).toBeDefined();
    const me = await get('/v1/officials/me', official?.token);
    expect(await me.json()).toEqual({ officerId: official?.officerId, role: 'officer', region: official?.region });
  });
});

describe('partner webhooks', () => {
  const send = (secret: string, body: string, partner = 'card-01', at = new Date(), pathPartner = partner) => {
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const signature = new Webhook(secret).sign(id, at, body);
    return fetch(`${runtime.baseUrl}/v1/fixtures/partners/${pathPartner}/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-partner-id': partner,
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
    });
  };

  it('accept a body signed with either of the partner’s current secrets', async () => {
    expect((await send(partnerSecret, '{"amount":5000}')).status).toBe(202);
    expect((await send(rotatedSecret, '{"amount":7000}')).status).toBe(202);
  });

  it('refuse another partner’s id, a stale timestamp and an unsigned request with 401', async () => {
    expect((await send(partnerSecret, '{"amount":1}', 'card-02')).status).toBe(401);
    expect((await send(partnerSecret, '{"amount":1}', 'card-01', new Date(Date.now() - 10 * 60_000))).status).toBe(401);
    const unsigned = await fetch(`${runtime.baseUrl}/v1/fixtures/partners/card-01/events`, {
      method: 'POST',
      body: '{"amount":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect((await problemOf(unsigned)).status).toBe(401);
  });

  it('refuse with 403 a partner who signs well for a route that names another partner', async () => {
    const answer = await send(partnerSecret, '{"amount":1}', 'card-01', new Date(), 'card-02');
    expect(answer.status).toBe(403);
    expect((await problemOf(answer)).detail).toContain('card-02');
  });
});
