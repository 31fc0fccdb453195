import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// One set of tables for the file: handlers and repositories learn their table names once per process.
const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
const dataDir = mkdtempSync(join(tmpdir(), 'crisis-quarantine-demo-'));
let runtime: LocalRuntime | undefined;
afterAll(() => runtime?.stop());

const tokenOf = (system: LocalRuntime, officerId: string) => system.credentials.officials.find((o) => o.officerId === officerId)?.token ?? '';

describe('the demo self-quarantine cases', () => {
  it('are seeded for the demo officers, with codes for the phones still to enrol, and a restart seeds nothing twice', async () => {
    runtime = await startTestRuntime({ demoStores: 0, tablePrefix, dataDir });
    const api = client(runtime.baseUrl);
    const codes = runtime.credentials.enrollments;
    expect(codes).toHaveLength(4);
    for (const { code } of codes) expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);

    const seoul = await api.get('/v1/quarantine/cases?limit=100', { bearer: tokenOf(runtime, 'officer-seoul-01') });
    expect(seoul.status).toBe(200);
    expect(seoul.json.items).toHaveLength(3);
    expect(seoul.json.items.map((c: { fence: string }) => c.fence).sort()).toEqual(['INSIDE', 'OUTSIDE', 'UNKNOWN']);
    expect(seoul.json.items.find((c: { fence: string }) => c.fence === 'OUTSIDE')).toMatchObject({ enrolled: true, openAlerts: 1 });

    const [first, ...rest] = codes;
    const enrolled = await api.post('/v1/quarantine/enroll', { body: { enrollmentCode: first?.code } });
    expect(enrolled.status, enrolled.text).toBe(201);
    expect(enrolled.json.caseId).toBe(first?.caseId);
    await runtime.stop();

    runtime = await startTestRuntime({ demoStores: 0, tablePrefix, dataDir });
    // The used code is gone from the list; the others are the same codes for the same cases.
    expect(runtime.credentials.enrollments).toEqual(rest);
    const again = await client(runtime.baseUrl).get('/v1/quarantine/cases?limit=100', { bearer: tokenOf(runtime, 'officer-seoul-01') });
    expect(again.json.items).toHaveLength(3);
  });
});
