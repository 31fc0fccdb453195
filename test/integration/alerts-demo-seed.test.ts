import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

// One set of tables for the file, so the second start finds what the first seeded.
const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
let runtime: LocalRuntime | undefined;
afterAll(() => runtime?.stop());

type View = { alertId: string; region: string; state: string; officerId?: string; type: string; count: number; history: unknown[] };

const everything = async (system: LocalRuntime): Promise<View[]> => {
  const token = await system.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-admin-01' });
  return (await client(system.baseUrl).get('/v1/alerts?limit=100', { bearer: token })).json.items;
};

describe('the demo alerts', () => {
  it('put alerts in each state in Seoul and Daegu, some for officer-seoul-01 and first in their inbox, and a restart duplicates nothing', async () => {
    runtime = await startTestRuntime({ demoStores: 20, tablePrefix });
    const first = await everything(runtime);
    for (const region of ['11', '27']) {
      expect(new Set(first.filter((a) => a.region === region).map((a) => a.state))).toEqual(new Set(['open', 'acknowledged', 'resolved']));
      expect(first.some((a) => a.region === region && a.type === 'ESCALATED')).toBe(true);
    }
    const officer = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: 'officer-seoul-01' });
    const inbox = (await client(runtime.baseUrl).get('/v1/alerts', { bearer: officer })).json.items as View[];
    const own = inbox.filter((a) => a.officerId === 'officer-seoul-01');
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(inbox.slice(0, own.length)).toEqual(own);
    await runtime.stop();

    runtime = await startTestRuntime({ demoStores: 20, tablePrefix });
    expect(await everything(runtime)).toEqual(first);
  }, 120_000);
});
