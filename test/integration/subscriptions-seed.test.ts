import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
let runtime: LocalRuntime | undefined;
afterAll(() => runtime?.stop());

const listed = async (system: LocalRuntime, officerId: string) => {
  const token = system.credentials.officials.find((o) => o.officerId === officerId)?.token;
  return (await client(system.baseUrl).get('/v1/officials/me/subscriptions', { bearer: token })).json.items as { subscriptionId: string; protocol: string; endpoint: string; status: string; filter: object }[];
};
const snsCount = (system: LocalRuntime) => JSON.parse(readFileSync(resolve(system.dataDir, 'sns-subscriptions.json'), 'utf8')).subscriptions.length as number;

describe('the demo subscriptions', () => {
  it('give each demo official a confirmed e-mail, and officers high and critical alerts by SMS', async () => {
    runtime = await startTestRuntime({ tablePrefix, demoStores: 20 });
    expect(await listed(runtime, 'officer-seoul-01')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subscriptionId: 'demo-officer-seoul-01-email', protocol: 'email', endpoint: 'officer-seoul-01@example.org', status: 'confirmed' }),
        expect.objectContaining({ subscriptionId: 'demo-officer-seoul-01-sms', protocol: 'sms', status: 'confirmed', filter: { severity: ['high', 'critical'] } }),
      ]),
    );
    expect(await listed(runtime, 'admin-0001')).toEqual([expect.objectContaining({ protocol: 'email', status: 'confirmed' })]);
  }, 120_000);

  it('are the same after a restart on the same data: nothing subscribed twice', async () => {
    if (!runtime) throw new Error('the first start runs first');
    const before = { count: snsCount(runtime), seoul: await listed(runtime, 'officer-seoul-01') };
    const { dataDir } = runtime;
    await runtime.stop();
    runtime = await startTestRuntime({ tablePrefix, demoStores: 20, dataDir });
    expect(snsCount(runtime)).toBe(before.count);
    expect(await listed(runtime, 'officer-seoul-01')).toEqual(before.seoul);
  }, 120_000);
});
