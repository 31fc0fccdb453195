import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DemoCredentials } from '../../infra/local/demo-credentials.ts';
import { manifest } from '../../infra/manifest/index.ts';
import { ROOT, runLocalCommand, runLocalTool, startLocalCommand, type StartedSystem } from '../setup/cli.ts';

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

// Each test starts the system as a process (Java and tsx included): give a loaded machine time to do it.
describe('npm start', { timeout: 60_000 }, () => {
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
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'runtime.lock'))).toBe(false);
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
    const admin = seeded.officials.find((o) => o.role === 'national-admin')?.token;
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

  it('refuses a second start on a data directory in use, and the first one keeps working', async () => {
    const dataDir = tempDir();
    const first = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    onTestFinished(async () => void (await first.stop()));
    const runtimeBefore = readFileSync(join(dataDir, 'runtime.json'), 'utf8');
    const credentialsBefore = readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8');

    const second = runLocalCommand(['--port', '0', '--data-dir', dataDir]);
    const outcome = await Promise.race([second.exited, new Promise((done) => setTimeout(() => done('still running after 30 s'), 30_000))]);
    second.child.kill('SIGTERM');
    expect(outcome, second.output()).toBe(1);
    const { pid } = JSON.parse(runtimeBefore) as { pid: number };
    expect(second.output()).toContain(`Cannot start: ${dataDir} is in use by another npm start (pid ${pid}, ${first.baseUrl})`);
    expect(spawnSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`]).stdout.toString().trim().split('\n')).toHaveLength(1);

    expect(readFileSync(join(dataDir, 'runtime.json'), 'utf8')).toBe(runtimeBefore);
    expect(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')).toBe(credentialsBefore);
    expect((await fetch(`${first.baseUrl}/v1/health`)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
  }, 90_000);

  it('starts after an npm start on the same data was killed with kill -9, with its data and one DynamoDB Local', async () => {
    const dataDir = tempDir();
    const killed = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    onTestFinished(async () => void (await killed.stop()));
    const { pid } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number };
    const storesBefore = (JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials).stores;
    process.kill(pid, 'SIGKILL');
    await new Promise((done) => killed.child.once('exit', done));
    // What it leaves: its lock, its runtime.json, and its DynamoDB Local still running on the files.
    expect(existsSync(join(dataDir, 'runtime.lock'))).toBe(true);

    const next = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
    onTestFinished(async () => void (await next.stop()));
    const running = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number; baseUrl: string };
    expect(running.baseUrl).toBe(next.baseUrl);
    expect(running.pid).not.toBe(pid);
    expect(spawnSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`]).stdout.toString().trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials).stores).toEqual(storesBefore);
    expect(await next.stop()).toBe(0);
    expect(spawnSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`]).stdout.toString()).toBe('');
  }, 120_000);

  it('says how to install Java when it is missing', async () => {
    const run = runLocalCommand(['--port', '0', '--in-memory', '--data-dir', tempDir()], {
      PATH: resolve(ROOT, 'node_modules/.bin'),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Java was not found.*apt-get install -y openjdk-17-jre-headless/s);
  });
});

describe('npm run token and npm run invoke, next to a running npm start', () => {
  let dataDir: string;
  let system: StartedSystem;
  const systemFiles = ['demo-credentials.json', 'runtime.json', 'runtime.lock', 'secrets.json'];
  const snapshot = () => ({
    entries: readdirSync(dataDir).sort(),
    files: Object.fromEntries(systemFiles.filter((name) => existsSync(join(dataDir, name))).map((name) => [name, readFileSync(join(dataDir, name), 'utf8')])),
  });

  beforeAll(async () => {
    dataDir = tempDir();
    system = await startLocalCommand(['--port', '0', '--data-dir', dataDir]);
  }, 60_000);
  afterAll(async () => {
    await system.stop();
  });

  it('prints an official token that the running system accepts, and changes none of its files', async () => {
    const before = snapshot();
    const token = runLocalTool('infra/local/token.ts', ['--role', 'officer', '--region', '26', '--officer', 'busan-7'], { DATA_DIR: dataDir });
    expect(token.status, token.stderr).toBe(0);
    const me = await fetch(`${system.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(await me.json()).toEqual({ officerId: 'busan-7', role: 'officer', region: '26' });
    expect(snapshot()).toEqual(before);
  });

  it('runs one handler with a sample event on the running system, and the demo credentials still work', async () => {
    const before = snapshot();
    const result = runLocalTool('infra/local/invoke.ts', ['health', 'events/health-check.json'], { DATA_DIR: dataDir });
    expect(result.status, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok', database: { status: 'ok' } });

    expect(snapshot()).toEqual(before);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    expect(credentials.baseUrl).toBe(system.baseUrl);
    const store = credentials.stores[0];
    const stock = await fetch(`${system.baseUrl}/v1/stores/${store?.code}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store?.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ remaining: 40, asOf: new Date().toISOString() }),
    });
    expect(stock.status).toBe(200);
  });
});

describe('npm run token and npm run invoke, with no npm start running', () => {
  it('token says that none runs and how to start one, and creates nothing', () => {
    const dataDir = join(tempDir(), 'not-yet');
    const result = runLocalTool('infra/local/token.ts', ['--role', 'officer', '--region', '26', '--officer', 'busan-7'], { DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`No npm start is running on ${dataDir}. Start one in another terminal with \`DATA_DIR=${dataDir} npm start\``);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('invoke says that none runs and how to start one, and creates nothing', () => {
    const dataDir = join(tempDir(), 'not-yet');
    const result = runLocalTool('infra/local/invoke.ts', ['health', 'events/health-check.json'], { DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`No npm start is running on ${dataDir}.`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('invoke says that none runs when runtime.json, left by a killed start, names a pid now used by another process', async () => {
    const dataDir = tempDir();
    const closed = createServer();
    const port = await new Promise<number>((ok) => closed.listen(0, '127.0.0.1', () => ok((closed.address() as { port: number }).port)));
    await new Promise((done) => closed.close(done));
    // This test's own pid stands for the process that got the killed start's pid.
    writeFileSync(join(dataDir, 'runtime.json'), JSON.stringify({ pid: process.pid, baseUrl: `http://127.0.0.1:${port}`, dynamoEndpoint: `http://127.0.0.1:${port}` }));
    const result = runLocalTool('infra/local/invoke.ts', ['health', 'events/health-check.json'], { DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`No npm start is running on ${dataDir}.`);
  });

  it('refuses a malformed region with a usage line', () => {
    const result = runLocalTool('infra/local/token.ts', ['--role', 'officer', '--region', 'Seoul', '--officer', 'x'], { DATA_DIR: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/2-digit region code[\s\S]*usage: npm run token/);
  });

  it('names the functions when asked for one that does not exist', () => {
    const result = runLocalTool('infra/local/invoke.ts', ['no-such-fn', 'events/health-check.json'], { DATA_DIR: tempDir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No function 'no-such-fn' in the manifest; there are: .*health/);
  });
});
