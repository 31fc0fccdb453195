import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { Credentials } from '../../shared/platform/credentials.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let credentials: Credentials;

beforeAll(async () => {
  runtime = await startTestRuntime({ manifest: fixtureManifest });
  // Imported after the runtime set the environment: the modules read it at import.
  const [{ Credentials }, { CredentialsRepository }, { secrets }] = await Promise.all([
    import('../../shared/platform/credentials.ts'),
    import('../../shared/data/credentials-repository.ts'),
    import('../../shared/secrets.ts'),
  ]);
  credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));
});
afterAll(() => runtime.stop());

const checkIn = (caseId: string, token: string) =>
  fetch(`${runtime.baseUrl}/v1/fixtures/cases/${caseId}`, { headers: { authorization: `Bearer ${token}` } });

describe('a device token', () => {
  it('stops working the moment its case ends, with a 401 that says why and what to do', async () => {
    const token = await credentials.issue('device', 'c_endsToday000000000000');
    expect((await checkIn('c_endsToday000000000000', token)).status).toBe(200);

    expect(await credentials.revoke('device', 'c_endsToday000000000000')).toBe(true);
    const refused = await checkIn('c_endsToday000000000000', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await refused.json()) as { status: number; detail: string };
    expect(problem.status).toBe(401);
    expect(problem.detail).toMatch(/quarantine has ended|another phone/);
    expect(problem.detail).toMatch(/new enrolment code/);
  });

  it('of the old phone stops working when the case enrols a new phone', async () => {
    const oldPhone = await credentials.issue('device', 'c_newPhone0000000000000');
    // Re-issuing the code revokes at once; the new phone's enrolment then issues the case's next token.
    await credentials.revoke('device', 'c_newPhone0000000000000');
    expect((await checkIn('c_newPhone0000000000000', oldPhone)).status).toBe(401);
    const newPhone = await credentials.issue('device', 'c_newPhone0000000000000');
    expect((await checkIn('c_newPhone0000000000000', newPhone)).status).toBe(200);
    expect((await checkIn('c_newPhone0000000000000', oldPhone)).status).toBe(401);
  });

  it('revoked for one case leaves other cases’ tokens and stores’ keys working', async () => {
    const mine = await credentials.issue('device', 'c_mine000000000000000000');
    const other = await credentials.issue('device', 'c_other00000000000000000');
    const storeKey = await credentials.issue('store', 'c_mine000000000000000000');
    await credentials.revoke('device', 'c_mine000000000000000000');
    expect((await checkIn('c_mine000000000000000000', mine)).status).toBe(401);
    expect((await checkIn('c_other00000000000000000', other)).status).toBe(200);
    expect(await credentials.resolve(storeKey)).toEqual({ kind: 'store', subject: 'c_mine000000000000000000' });
  });

  it('never leaves two working tokens when revocations and enrolments of one case race', async () => {
    const subject = 'c_racing00000000000000000';
    await credentials.issue('device', subject);
    const settled = await Promise.all([
      credentials.revoke('device', subject).then(() => undefined),
      ...Array.from({ length: 4 }, () => credentials.issue('device', subject)),
      credentials.revoke('device', subject).then(() => undefined),
    ]);
    const tokens = settled.filter((token): token is string => typeof token === 'string');
    const working = (await Promise.all(tokens.map((token) => credentials.resolve(token)))).filter(Boolean);
    expect(working.length).toBeLessThanOrEqual(1);
    await credentials.revoke('device', subject);
    expect((await Promise.all(tokens.map((token) => credentials.resolve(token)))).filter(Boolean)).toEqual([]);
  });
});
