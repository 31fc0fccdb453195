import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoCredentials } from '../../infra/local/demo-credentials.ts';
import { manifest } from '../../infra/manifest/index.ts';
import { ROOT, runLocalCommand, startLocalCommand } from '../setup/cli.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'crisis-cli-'));

const itemCounts = async (endpoint: string) => {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const counts: Record<string, number> = {};
  for (const table of manifest.tables) {
    counts[table.name] = (await client.send(new ScanCommand({ TableName: table.name, Select: 'COUNT' }))).Count ?? 0;
  }
  client.destroy();
  return counts;
};

describe('npm start', () => {
  it('prints the ready line, writes the demo credentials, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const system = await startLocalCommand(['--port', '0', '--in-memory', '--data-dir', dataDir]);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    expect(credentials.baseUrl).toBe(system.baseUrl);
    expect(Object.keys(credentials).sort()).toEqual(['baseUrl', 'enrollments', 'households', 'officials', 'partners', 'stores']);
    expect(credentials.officials.map((o) => o.role)).toEqual(expect.arrayContaining(['admin', 'officer']));

    const me = await fetch(`${system.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${credentials.officials[0]?.token}` } });
    expect(me.status).toBe(200);
    expect((await fetch(`${system.baseUrl}/v1/health`)).status).toBe(200);

    expect(await system.stop('SIGTERM')).toBe(0);
    const java = spawnSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`]);
    expect(java.stdout.toString()).toBe('');
  });

  it('keeps its data across a restart and seeds nothing twice', async () => {
    const dataDir = tempDir();
    const first = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    const { dynamoEndpoint } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { dynamoEndpoint: string };
    const before = await itemCounts(dynamoEndpoint);
    const credentialsBefore = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    expect(await first.stop()).toBe(0);

    const second = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    const restarted = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { dynamoEndpoint: string };
    expect(await itemCounts(restarted.dynamoEndpoint)).toEqual(before);
    const credentialsAfter = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    // Keys shown once are derived again, not issued anew: a script's saved key still works.
    expect(credentialsAfter.stores).toEqual(credentialsBefore.stores);
    expect(credentialsAfter.partners).toEqual(credentialsBefore.partners);
    expect(credentialsAfter.officials.map((o) => o.officerId)).toEqual(credentialsBefore.officials.map((o) => o.officerId));
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it('does not bring back a rotated demo store key when restarted on the same data', async () => {
    const dataDir = tempDir();
    const first = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    const seeded = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    const [demo, untouched] = seeded.stores;
    const admin = seeded.officials.find((o) => o.role === 'admin')?.token;
    if (!demo || !untouched) throw new Error('the demo seeds store keys');
    const rotated = await fetch(`${first.baseUrl}/v1/admin/stores/${demo.code}/keys:rotate`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(rotated.status).toBe(201);
    const { apiKey } = (await rotated.json()) as { apiKey: string };
    expect(await first.stop()).toBe(0);

    const second = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    const report = (code: string, key: string) =>
      fetch(`${second.baseUrl}/v1/stores/${code}/stock`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ remaining: 10, asOf: new Date().toISOString() }),
      }).then((r) => r.status);
    expect(await report(demo.code, demo.apiKey)).toBe(401);
    expect(await report(demo.code, apiKey)).toBe(200);
    expect(await report(untouched.code, untouched.apiKey)).toBe(200);
    const listed = (JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials).stores;
    expect(listed.map((s) => s.code), 'a dead key is not advertised').not.toContain(demo.code);
    expect(listed).toContainEqual(untouched);
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it('refuses a port in use with a clear message and a non-zero exit', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((ok) => blocker.listen(0, '127.0.0.1', () => ok((blocker.address() as { port: number }).port)));
    const run = runLocalCommand(['--port', String(port), '--in-memory', '--data-dir', tempDir()]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} is in use`);
    blocker.close();
  });

  it('says how to install Java when it is missing', async () => {
    const run = runLocalCommand(['--port', '0', '--in-memory', '--data-dir', tempDir()], {
      PATH: resolve(ROOT, 'node_modules/.bin'),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Java was not found.*apt-get install -y openjdk-17-jre-headless/s);
  });
});

describe('npm run token', () => {
  it('prints an official token that the system started on the same data accepts', async () => {
    const dataDir = tempDir();
    const token = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['infra/local/token.ts', '--role', 'officer', '--region', '26', '--officer', 'busan-7'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(token.status).toBe(0);
    const system = await startLocalCommand(['--port', '0', '--in-memory', '--data-dir', dataDir]);
    const me = await fetch(`${system.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(await me.json()).toEqual({ officerId: 'busan-7', role: 'officer', region: '26' });
    await system.stop();
  });

  it('refuses a malformed region with a usage line', () => {
    const result = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['infra/local/token.ts', '--role', 'officer', '--region', 'Seoul', '--officer', 'x'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDir() },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/2-digit region code[\s\S]*usage: npm run token/);
  });
});

describe('npm run invoke', () => {
  it('runs one handler with a sample event and prints its answer', () => {
    const result = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['infra/local/invoke.ts', 'health', 'events/health-check.json'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });

  it('names the functions when asked for one that does not exist', () => {
    const result = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['infra/local/invoke.ts', 'no-such-fn', 'events/health-check.json'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No function 'no-such-fn'");
  });
});
