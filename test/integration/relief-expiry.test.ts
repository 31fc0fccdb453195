import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import type { ReliefLedgerRepository } from '../../shared/data/relief-ledger-repository.ts';
import type { GrantRecord } from '../../shared/relief/webhook-store.ts';
import { client } from '../setup/http.ts';
import { householdOf, installPartners, webhook, writeRegistry, type TestHousehold } from '../setup/relief.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

/**
 * The end of spending over the real local runtime: grants made and spent through the card companies'
 * webhooks (the ledger's own code), then the `expire-relief-grants` schedule run as the scheduler runs
 * it, with the program's clock moved past 31 August 2020; and the reports read what the ledger wrote.
 */
const AS_OF = '2020-05-18T01:00:00Z';
process.env.RELIEF_AS_OF = AS_OF;
const started = Date.now();
/** The schedule's time that the handler reads as this program instant (it adds RELIEF_AS_OF's offset). */
const eventTimeFor = (programInstant: string) => new Date(Date.now() + Date.parse(programInstant) - (Date.parse(AS_OF) + (Date.now() - started)));

let runtime: LocalRuntime;
let post: ReturnType<typeof webhook>;
let ledger: ReliefLedgerRepository;
let api: ReturnType<typeof client>;
let national: string;

const seoul = [householdOf(4, '11'), householdOf(1, '11'), householdOf(2, '11'), householdOf(3, '11')];
const busan = householdOf(2, '26');
const grants = new Map<TestHousehold, string>();

const merchant = (regionCode: string) => ({ id: 'm-1', name: '동네 정육점', mcc: '5411', regionCode, online: false });
const spend = async (h: TestHousehold, amount: number, regionCode = '11') => {
  const authorizationId = `auth-${randomUUID()}`;
  const answer = await post('card-kb', 'authorizations', { authorizationId, grantId: grants.get(h), amount, merchant: merchant(regionCode), at: AS_OF });
  expect(answer.json, JSON.stringify(answer.json)).toMatchObject({ decision: 'approved' });
  return { ...answer, authorizationId };
};
const expireAt = (programInstant: string) => runtime.functions.invoke('expire-relief-grants', scheduledEvent('expire-relief-grants', eventTimeFor(programInstant))) as Promise<{ expired: number; expiredWon: number; emptied: number; left: number }>;
const grantOf = async (h: TestHousehold) => (await ledger.getGrant(grants.get(h)!)) as GrantRecord;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false, reliefProgram: 'relief-2020' });
  api = client(runtime.baseUrl);
  national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-expiry' });
  post = webhook(runtime, await installPartners(runtime, ['card-kb']));
  await writeRegistry(runtime, [...seoul, busan]);
  ({ ledger } = { ledger: new (await import('../../shared/data/relief-ledger-repository.ts')).ReliefLedgerRepository() });
  for (const h of [...seoul, busan]) {
    const applied = await post('card-kb', 'applications', { applicationId: `app-${randomUUID()}`, applicantResidentId: h.head, cardToken: `tok_${randomUUID()}`, ...(h === seoul[3] ? { donate: 200_000 } : {}) });
    expect(applied.json, JSON.stringify(applied.json)).toMatchObject({ decision: 'approved' });
    grants.set(h, String(applied.json.grantId));
  }
  await spend(seoul[0]!, 150_000); // 1,000,000 − 150,000 left
  await spend(seoul[1]!, 400_000); // nothing left
  await spend(seoul[3]!, 50_000); // 800,000 − 200,000 donated − 50,000 left
  const paid = await spend(busan, 10_000, '26');
  expect(paid.json.remainingBalance).toBe(590_000);
  const reversed = await post('card-kb', 'reversals', { reversalId: `rev-${randomUUID()}`, authorizationId: paid.authorizationId, amount: 4_000 });
  expect(reversed.status, JSON.stringify(reversed.json)).toBe(200);
});
afterAll(() => runtime?.stop());

const LEFT = { seoul0: 850_000, seoul2: 600_000, seoul3: 550_000, busan: 594_000 };
const EXPIRED_WON = Object.values(LEFT).reduce((s, n) => s + n, 0);

describe('the expiry at the end of spending', () => {
  it('moves nothing before 31 August ends in Korea', async () => {
    const before = await expireAt('2020-08-31T14:59:00Z');
    expect(before).toMatchObject({ expired: 0, emptied: 0 });
    expect((await grantOf(seoul[0]!)).balance).toBe(LEFT.seoul0);
    expect((await grantOf(seoul[0]!)).expiryShard).toMatch(/^E#\d+$/);
  });

  it('moves each grant’s remainder to expired once after the end, and running again changes nothing', async () => {
    const run = await expireAt('2020-08-31T15:05:00Z');
    expect(run).toMatchObject({ expired: 4, expiredWon: EXPIRED_WON, emptied: 1, left: 0 });
    for (const h of [...seoul, busan]) {
      const grant = await grantOf(h);
      expect(grant.balance).toBe(0);
      expect(grant.expiryShard).toBeUndefined();
      expect(grant.granted).toBe(grant.balance + grant.spent - grant.reversed + grant.donated + grant.expired);
    }
    expect((await grantOf(seoul[0]!)).expired).toBe(LEFT.seoul0);
    expect((await grantOf(seoul[1]!)).expired).toBe(0);
    expect(await ledger.getTransfer(`expiry-${grants.get(busan)}`)).toMatchObject({ kind: 'expiry', debit: `grant:${grants.get(busan)}`, credit: 'expired', amount: LEFT.busan });
    expect(await ledger.balanceOf('expired')).toBe(EXPIRED_WON);

    const again = await expireAt('2020-08-31T15:10:00Z');
    expect(again).toMatchObject({ expired: 0, expiredWon: 0, emptied: 0 });
    expect(await ledger.balanceOf('expired')).toBe(EXPIRED_WON);
  });

  it('shows the expired won in the statistics of 1 September, by region, and the spends in the day’s settlement', async () => {
    const stats = await api.get('/v1/admin/relief/stats?from=2020-09-01&to=2020-09-01', { bearer: national });
    expect(stats.json.totals.expiredWon).toBe(EXPIRED_WON);
    expect(stats.json.byRegion.find((r: { regionCode: string }) => r.regionCode === '26').expiredWon).toBe(LEFT.busan);
    const may = await api.get('/v1/admin/relief/stats?from=2020-05-18&to=2020-05-18&region=11', { bearer: national });
    expect(may.json.totals).toMatchObject({ households: 4, spentWon: 600_000, donatedWon: 200_000, grantedWon: 2_800_000 });
    const settlement = await api.get('/v1/admin/relief/settlements?partner=card-kb&date=2020-05-18', { bearer: national });
    expect(settlement.json).toMatchObject({ approvedWon: 610_000, approvedCount: 4, reversedWon: 4_000, reversedCount: 1, netWon: 606_000 });
    expect(await ledger.settlementOf('card-kb', '2020-05-18')).toMatchObject({ approved: 610_000, approvedCount: 4, reversed: 4_000 });
  });

  it('reconciles the day the webhooks made: shards and transfers agree to the won', async () => {
    const [{ ReliefReportsRepository }, { reconcileSettlements }] = await Promise.all([import('../../shared/data/relief-reports-repository.ts'), import('../../shared/relief/settlement-reconciliation.ts')]);
    const [day] = await reconcileSettlements(new ReliefReportsRepository(), ['card-kb'], ['2020-05-18']);
    expect(day?.differences).toEqual([]);
    expect(day?.transfers).toMatchObject({ approvedCount: 4, reversedCount: 1, netWon: 606_000 });
  });
});
