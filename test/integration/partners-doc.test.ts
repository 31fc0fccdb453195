import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../setup/cli.ts';

const doc = readFileSync(resolve(ROOT, 'docs/partners.md'), 'utf8');
/** The first fenced block of a language under a `###` heading of docs/partners.md. */
const exampleUnder = (heading: string, language: string): string => {
  const section = new RegExp(`^### ${heading}[^\\n]*\\n([\\s\\S]*?)(?=^#{2,3} )`, 'm').exec(doc)?.[1] ?? '';
  const block = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(section)?.[1];
  if (!block) throw new Error(`docs/partners.md has no ${language} example under ### ${heading}`);
  return block;
};

/** Run to its end without blocking this process, which serves the example's requests meanwhile. */
const runToEnd = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
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

describe('docs/partners.md', () => {
  const secret = `whsec_${Buffer.from('the secret an admin handed over!').toString('base64')}`;
  let server: Server;
  let baseUrl: string;
  let received: Received[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"decision":"approved"}');
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  /** What our verifier does with a request: the Standard Webhooks check over its body, or its path and query. */
  const verifies = ({ headers, body, url }: Received) => {
    const required = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
    new Webhook(secret).verify(body === '' ? url : body, required, { jsonParse: false });
    return true;
  };

  it('has a Node example whose webhook and settlement GET both verify with the partner’s secret', async () => {
    received = [];
    const dir = mkdtempSync(join(tmpdir(), 'partners-doc-'));
    // As in a card company's project that ran `npm install standardwebhooks`.
    symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'example.mjs'), exampleUnder('Node', 'js'));
    const run = await runToEnd(process.execPath, [join(dir, 'example.mjs')], { BASE_URL: baseUrl, PARTNER_SECRET: secret });
    expect(run.status, run.stderr).toBe(0);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/relief/webhooks/applications', 'GET /v1/relief/settlements?partner=kb-kookmin&date=2020-05-13']);
    for (const request of received) {
      expect(request.headers['x-partner-id']).toBe('kb-kookmin');
      expect(verifies(request)).toBe(true);
    }
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ applicationId: 'app-0001', applicantResidentId: '8001011234567', cardToken: 'tok_4f2a' });
    expect(run.stdout).toContain("status: 200");
  });

  it('has a curl and openssl example whose signature verifies with the partner’s secret', async () => {
    received = [];
    const run = await runToEnd('bash', ['-c', `set -euo pipefail\n${exampleUnder('curl and openssl', 'sh')}`], { BASE_URL: baseUrl, PARTNER_SECRET: secret });
    expect(run.status, run.stderr).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['x-partner-id']).toBe('kb-kookmin');
    expect(verifies(received[0] as Received)).toBe(true);
  });

  it('names the OpenAPI document where the system serves it', async () => {
    const { manifest } = await import('../../infra/manifest/index.ts');
    const served = manifest.functions.flatMap((fn) => fn.triggers).some((t) => t.kind === 'http' && t.operationId === 'getOpenApi' && t.path === '/v1/openapi.json');
    expect(served).toBe(true);
    expect(doc).toContain('`GET /v1/openapi.json`');
  });
});
