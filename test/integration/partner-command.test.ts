import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { partnerCallsManifest } from '../fixtures/partner-calls-manifest.ts';
import { ROOT } from '../setup/cli.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

/** `npm run partner -- …` as a person types it: its own process, to its end. */
const partnerCommand = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['infra/local/partner.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => done({ status, stdout, stderr }));
  });

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('npm run partner, as a card company’s server seen from outside', { timeout: 60_000 }, () => {
  const secret = `whsec_${Buffer.from('a card company secret of 32 bytes').toString('base64')}`;
  let server: Server;
  let baseUrl: string;
  let received: Received[] = [];
  let answerStatus = 200;
  let dataDir: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(answerStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ decision: 'approved' }));
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // What npm start leaves in a data directory: the command's defaults come from it.
    dataDir = mkdtempSync(join(tmpdir(), 'crisis-partner-'));
    writeFileSync(
      join(dataDir, 'demo-credentials.json'),
      JSON.stringify({ baseUrl, officials: [], stores: [], enrollments: [], partners: [{ id: 'kb-kookmin', secret }], households: [{ householdId: 'h-1', headResidentId: '8001011234567', size: 3, regionCode: '27' }] }),
    );
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const run = async (args: string[]) => {
    received = [];
    const result = await partnerCommand(args, { DATA_DIR: dataDir });
    expect(received, result.stderr).toHaveLength(1);
    return { ...result, request: received[0] as Received };
  };
  const verifies = ({ headers }: Received, payload: string) =>
    new Webhook(secret).verify(payload, { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) });

  it('applies as the first demo partner for the first demo household, signed over the body it sends', async () => {
    const { status, stdout, request } = await run(['apply', '--donate', '100000']);
    expect(status).toBe(0);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/relief/webhooks/applications');
    expect(request.headers['x-partner-id']).toBe('kb-kookmin');
    expect(request.headers['content-type']).toBe('application/json');
    expect(verifies(request, request.body)).toMatchObject({ applicantResidentId: '8001011234567', donate: 100000, applicationId: expect.stringMatching(/^app-/), cardToken: expect.any(String) });
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(stdout).toMatch(/→ 200\n/);
    expect(stdout).toContain('"decision": "approved"');
  });

  it('sends each webhook’s body as the issue names its fields, and reuses a webhook-id with --id for a retry', async () => {
    const authorize = await run(['authorize', '--grant-id', 'g-1', '--amount', '12000', '--mcc', '5812', '--id', 'msg_retry-1', '--respond-by', '2026-12-02T10:00:02Z']);
    expect(authorize.request.url).toBe('/v1/relief/webhooks/authorizations');
    expect(authorize.request.headers['webhook-id']).toBe('msg_retry-1');
    expect(verifies(authorize.request, authorize.request.body)).toMatchObject({
      grantId: 'g-1',
      amount: 12000,
      authorizationId: expect.any(String),
      merchant: { id: expect.any(String), name: expect.any(String), mcc: '5812', regionCode: '27', online: false },
      at: expect.any(String),
      respondBy: '2026-12-02T10:00:02Z',
    });
    const reverse = await run(['reverse', '--authorization-id', 'a-1', '--amount', '5000', '--partner', 'nh', '--secret', secret]);
    expect(reverse.request.headers['x-partner-id']).toBe('nh');
    expect(verifies(reverse.request, reverse.request.body)).toEqual({ reversalId: expect.any(String), authorizationId: 'a-1', amount: 5000 });
    const move = await run(['region-change', '--grant-id', 'g-1', '--region', '11']);
    expect(verifies(move.request, move.request.body)).toEqual({ grantId: 'g-1', newRegionCode: '11' });
  });

  it('asks for a settlement with a GET that signs its path and query', async () => {
    const { request } = await run(['settlement', '--date', '2020-05-13']);
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/v1/relief/settlements?partner=kb-kookmin&date=2020-05-13');
    expect(request.body).toBe('');
    expect(request.headers['content-type']).toBeUndefined();
    expect(() => new Webhook(secret).verify(request.url, { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) }, { jsonParse: false })).not.toThrow();
  });

  it('exits non-zero on a 4xx and prints the status and the problem', async () => {
    answerStatus = 409;
    const { status, stdout } = await run(['reverse', '--authorization-id', 'a-1', '--amount', '1']);
    answerStatus = 200;
    expect(status).toBe(1);
    expect(stdout).toMatch(/→ 409\n/);
  });

  it('refuses a command without what it needs before sending anything', async () => {
    received = [];
    const missing = await partnerCommand(['authorize', '--amount', '100'], { DATA_DIR: dataDir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--grant-id is required');
    expect(received).toEqual([]);
  });
});

describe('npm run partner against the local runtime', { timeout: 60_000 }, () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime({ manifest: partnerCallsManifest });
  });
  afterAll(() => runtime.stop());

  it('passes the gateway’s signature check with a demo partner’s secret, for a webhook and for a settlement GET', async () => {
    const apply = await partnerCommand(['apply', '--partner', 'hana', '--resident-id', '8001011234567'], { DATA_DIR: runtime.dataDir });
    expect(apply.status, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stdout).toContain('"partnerId": "hana"');
    const settlement = await partnerCommand(['settlement', '--partner', 'shinhan'], { DATA_DIR: runtime.dataDir });
    expect(settlement.status, settlement.stderr + settlement.stdout).toBe(0);
    expect(settlement.stdout).toContain('"partner": "shinhan"');
  });

  it('prints the 401 a wrong secret gets, and exits 1', async () => {
    const wrong = `whsec_${Buffer.from('not the secret the system holds!').toString('base64')}`;
    const { status, stdout } = await partnerCommand(['region-change', '--partner', 'nh', '--secret', wrong, '--grant-id', 'g-1', '--region', '11'], { DATA_DIR: runtime.dataDir });
    expect(status).toBe(1);
    expect(stdout).toMatch(/→ 401\n/);
    expect(stdout).toContain('"status": 401');
  });
});
