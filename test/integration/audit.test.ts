import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { AuditEvent } from '../../shared/audit/audit-trail.ts';
import type { AuditRepository } from '../../shared/data/audit-repository.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let audit: AuditRepository;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
  audit = new AuditRepository();
});
afterAll(() => runtime.stop());

const read = (i: number): AuditEvent => ({
  actor: { kind: 'official', officerId: 'officer-seoul-01', role: 'officer', region: '11' },
  action: 'case.read',
  subject: { kind: 'case', id: `case-${i}` },
  region: '11',
  at: new Date(Date.UTC(2020, 2, 9, 1, 0, i)).toISOString(),
  requestId: `req-${i}`,
});

describe('the audit trail on DynamoDB Local', () => {
  it('keeps every one of 40 entries appended at once, in chains that verify', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit.append(read(i))));
    const day = await audit.day('11', '2020-03-09');
    expect(day.map((entry) => entry.subject.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `case-${i}`).sort());
    const checks = await audit.verifyDay('11', '2020-03-09');
    expect(checks.every(({ check }) => check.intact)).toBe(true);
    expect(checks.reduce((sum, { check }) => sum + check.entries, 0)).toBe(40);
  });

  it('reports the first broken link once an entry is changed in the table', async () => {
    const { dynamo } = await import('../../shared/data/dynamo-client.ts');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const entry = await audit.append({ ...read(100), at: '2020-03-10T01:00:00.000Z' });
    await audit.append({ ...read(101), at: '2020-03-10T01:00:01.000Z' });
    await dynamo.send(
      new UpdateCommand({
        TableName: runtime.tableNames.get('audit'),
        Key: { log: entry.log, seq: entry.seq },
        UpdateExpression: 'SET subject.id = :other',
        ExpressionAttributeValues: { ':other': 'case-someone-else' },
      }),
    );
    const broken = (await audit.verifyDay('11', '2020-03-10')).find(({ log }) => log === entry.log);
    expect(broken?.check).toMatchObject({ intact: false, brokenAt: entry.seq, reason: 'its content no longer matches its hash' });
  });
});
