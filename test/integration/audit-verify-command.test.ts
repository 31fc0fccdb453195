import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCredentials } from '../../infra/local/demo-credentials.ts';
import { koreanDayOf } from '../../shared/audit/audit-trail.ts';
import { runLocalTool, startLocalCommand, type StartedSystem } from '../setup/cli.ts';

/** `npm run audit:verify` and `npm run token` next to a running `npm start`, as an operator would run them. */
let dataDir: string;
let system: StartedSystem;
let admin: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crisis-audit-'));
  system = await startLocalCommand(['--port', '0', '--in-memory', '--data-dir', dataDir]);
  const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  admin = credentials.officials.find((o) => o.officerId === 'admin-0001')?.token ?? '';
}, 90_000);
afterAll(() => system?.stop());

const verify = (args: string[]) => runLocalTool('infra/local/audit-verify.ts', args, { DATA_DIR: dataDir });

describe('npm run audit:verify', () => {
  it('prints each chain of the day intact, then the first broken link once an entry is edited, and exits 1', async () => {
    const day = koreanDayOf(new Date().toISOString());
    // The demo's own alert actions of today are in the trail already.
    const entriesBefore = Number(/(\d+) entries/.exec(verify(['--region', '11', '--day', day]).stdout)?.[1] ?? 0);
    for (let i = 0; i < 6; i++) {
      const created = await fetch(`${system.baseUrl}/v1/admin/officials`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ officerId: `verify-officer-${i}`, name: `검증${i}`, email: `verify${i}@example.org`, role: 'officer', region: '11' }),
      });
      expect(created.status).toBe(201);
    }
    const intact = verify(['--region', '11', '--day', day]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`audit trail of region 11 on ${day}: 4 chains, ${entriesBefore + 6} entries`);
    expect(intact.stdout.match(/ intact /g)).toHaveLength(4);

    const { dynamoEndpoint } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { dynamoEndpoint: string };
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    let edited: { log: string; seq: number } | undefined;
    for (let shard = 0; shard < 4 && !edited; shard++) {
      const { Items = [] } = await dynamo.send(
        new QueryCommand({ TableName: 'audit', KeyConditionExpression: '#log = :log', ExpressionAttributeNames: { '#log': 'log' }, ExpressionAttributeValues: { ':log': `11#${day}#${shard}` } }),
      );
      edited = Items[0] as { log: string; seq: number } | undefined;
    }
    expect(edited).toBeDefined();
    await dynamo.send(
      new UpdateCommand({
        TableName: 'audit',
        Key: { log: edited?.log, seq: edited?.seq },
        UpdateExpression: 'SET #action = :action',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: { ':action': 'official.enable' },
      }),
    );
    dynamo.destroy();

    const broken = verify(['--region', '11', '--day', day]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`${edited?.log}  BROKEN at seq ${edited?.seq} of`);
    expect(broken.stdout).toContain('its content no longer matches its hash');
    expect(broken.stdout).toContain('1 of 4 chains broken');
  });

  it('refuses a region that is not one of the 17 with a usage line', () => {
    const result = verify(['--region', '99']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--region takes one of[\s\S]*usage: npm run audit:verify/);
  });
});

describe('npm run token, with the officials directory', () => {
  const token = (officerId: string, role = 'officer', region = '26') =>
    runLocalTool('infra/local/token.ts', ['--role', role, '--region', region, '--officer', officerId], { DATA_DIR: dataDir });
  const me = (bearer: string) => fetch(`${system.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${bearer}` } });

  it('puts an officer id no admin created in the directory, and refuses one an admin disabled', async () => {
    const first = token('busan-token-1');
    expect(first.status, first.stderr).toBe(0);
    expect((await me(first.stdout.trim())).status).toBe(200);
    const national = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    const nationalToken = national.officials.find((o) => o.role === 'national-admin')?.token ?? '';
    const disabled = await fetch(`${system.baseUrl}/v1/admin/officials/busan-token-1:disable`, { method: 'POST', headers: { authorization: `Bearer ${nationalToken}` } });
    expect(disabled.status).toBe(200);
    expect((await me(first.stdout.trim())).status).toBe(401);
    const refused = token('busan-token-1');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('busan-token-1 is disabled in the officials directory');
  });

  it('refuses a token for another role than the directory holds', () => {
    const refused = token('admin-0001', 'national-admin', '11');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('holds admin-0001 as admin of region 11');
  });
});
