import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { koreanDate } from '../../shared/masks/korean-time.ts';
import { daysBetween } from '../../shared/relief/stats.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { webhook } from '../setup/relief.ts';

// The demo runs on today's clock, as `npm start` does.
delete process.env.RELIEF_AS_OF;

const HOUSEHOLDS = 120;
const same = { dataDir: mkdtempSync(join(tmpdir(), 'crisis-history-')), tablePrefix: `t${randomBytes(4).toString('hex')}-` };
const options = { ...same, reliefProgram: 'demo' as const, demoStores: 0, demoHouseholds: HOUSEHOLDS };
let runtime: LocalRuntime;
let national: string;

const today = koreanDate(new Date());
const dayBefore = (day: string, n: number) => koreanDate(new Date(Date.parse(`${day}T12:00:00+09:00`) - n * 86_400_000));
// The demo program opened 20 days ago; its history fills the days from then to yesterday.
const opened = dayBefore(today, 20);
const yesterday = dayBefore(today, 1);

interface Stats {
  registeredHouseholds: number;
  totals: { households: number; grantedWon: number; spentWon: number; reversedWon: number; donatedWon: number; paidPercent: number };
  days: { date: string; households: number; cumulativeHouseholds: number; spentWon: number }[];
  byRegion: { regionCode: string; households: number }[];
}
const stats = async (from = opened, to = today): Promise<Stats> => {
  const answer = await client(runtime.baseUrl).get(`/v1/admin/relief/stats?from=${from}&to=${to}`, { bearer: national });
  expect(answer.status).toBe(200);
  return answer.json as Stats;
};

beforeAll(async () => {
  runtime = await startTestRuntime(options);
  national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'history-national' });
});
afterAll(() => runtime?.stop());

describe('the demo relief history that npm start seeds', { timeout: 120_000 }, () => {
  it('charts the past 20 days as 2020 ran: about half the registry paid in the first five days, then fewer each day, money spent, nothing today', async () => {
    const s = await stats();
    expect(s.registeredHouseholds).toBe(HOUSEHOLDS);
    const byDay = new Map(s.days.map((d) => [d.date, d]));
    const firstFive = daysBetween(opened, dayBefore(opened, -4)).reduce((sum, day) => sum + (byDay.get(day)?.households ?? 0), 0);
    // 46 % of the registry in 2020's first week; the 40 kept for newcomers are a third of this small registry.
    expect(firstFive / HOUSEHOLDS).toBeGreaterThan(0.25);
    expect(firstFive / HOUSEHOLDS).toBeLessThan(0.6);
    const later = daysBetween(dayBefore(opened, -5), yesterday).reduce((sum, day) => sum + (byDay.get(day)?.households ?? 0), 0);
    expect(later).toBeGreaterThan(0);
    expect(later).toBeLessThan(firstFive);
    // Today is the newcomer's: the history wrote nothing on it.
    expect(byDay.get(today)?.households ?? 0).toBe(0);
    expect(s.totals.households).toBe(firstFive + later);
    expect(s.totals.paidPercent).toBeLessThan(100);
    expect(s.totals.spentWon).toBeGreaterThan(0);
    expect(s.totals.spentWon).toBeLessThan(s.totals.grantedWon);
    expect(s.totals.reversedWon).toBeLessThan(s.totals.spentWon);
    expect(s.byRegion.filter((r) => r.households > 0).length).toBeGreaterThan(5);
  });

  it("reconciles: every card company's settlement of every past day sums to the ledger's transfers", async () => {
    const [{ ReliefReportsRepository }, { reconcileSettlements }] = await Promise.all([
      import('../../shared/data/relief-reports-repository.ts'),
      import('../../shared/relief/settlement-reconciliation.ts'),
    ]);
    const partners = runtime.credentials.partners.map((p) => p.id);
    const reconciled = await reconcileSettlements(new ReliefReportsRepository(), partners, daysBetween(opened, yesterday));
    expect(reconciled.filter((day) => day.differences.length > 0)).toEqual([]);
    expect(reconciled.some((day) => day.transfers.approvedWon > 0)).toBe(true);
  });

  it('leaves the households listed in demo-credentials.json unapplied: a newcomer applies with one and spends at once', async () => {
    const { households, partners } = runtime.credentials;
    expect(households.length).toBeGreaterThan(0);
    const post = webhook(runtime, Object.fromEntries(partners.map((p) => [p.id, p.secret])));
    const partner = partners[0]!.id;
    const first = households[0]!;
    const applied = await post(partner, 'applications', { applicationId: 'history-newcomer', applicantResidentId: first.headResidentId, cardToken: 'tok_newcomer' });
    expect(applied.json).toMatchObject({ decision: 'approved', regionCode: first.regionCode });
    const paid = await post(partner, 'authorizations', {
      authorizationId: 'history-newcomer-1',
      grantId: applied.json['grantId'],
      amount: 9_000,
      merchant: { id: 'm', name: '동네 빵집', mcc: '5462', regionCode: first.regionCode, online: false },
      at: new Date().toISOString(),
    });
    expect(paid.json).toMatchObject({ decision: 'approved', approvedAmount: 9_000 });
  });

  it('is written once: a restart on the same data adds no grant and keeps the figures', async () => {
    const before = await stats(opened, yesterday);
    await runtime.stop();
    runtime = await startTestRuntime(options);
    national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'history-national' });
    expect(await stats(opened, yesterday)).toEqual(before);
  });
});
