import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateLocalSecret } from '../../infra/local/local-secrets.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

/**
 * The reports over the real local runtime, on items written in the layout infra/manifest/relief.ts
 * documents (the ledger's own writes are tested with the ledger): settlements for a national admin and
 * for the card company itself, the statistics by region, the unclaimed households.
 */
let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let national: string;
let busanAdmin: string;
let officer: string;
let put: (table: string, items: Record<string, unknown>[]) => Promise<void>;

const KB_SECRET = `whsec_${Buffer.from('kb card settlement secret 32b!!!').toString('base64')}`;
const DAY = '2020-05-13';

/** A spend, reversal or late reversal as the ledger writes it: immutable, on the byPartnerDay index. */
const transfer = (id: string, kind: string, amount: number, at: string, partnerId = 'kb') => ({
  pk: `transfer#${id}`,
  sk: 'transfer',
  transferId: id,
  kind,
  amount,
  grantId: `g_${id}`,
  partnerId,
  at,
  day: DAY,
  partnerDay: `${partnerId}#${DAY}`,
});

const signedGet = (path: string, partner = 'kb', secret = KB_SECRET) => {
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const at = new Date();
  return api.get(path, {
    headers: {
      'x-partner-id': partner,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, path),
    },
  });
};

// 7 spends, 2 reversals, 1 late reversal, at times across the Korean day (00:00–23:59 in Seoul).
const TRANSFERS = [
  transfer('a1', 'spend', 30_000, '2020-05-12T15:00:00.000Z'),
  transfer('a2', 'spend', 12_500, '2020-05-12T23:10:00.000Z'),
  transfer('a3', 'spend', 400_000, '2020-05-13T01:00:00.000Z'),
  transfer('r1', 'reversal', 12_500, '2020-05-13T02:00:00.000Z'),
  transfer('a4', 'spend', 8_800, '2020-05-13T03:00:00.000Z'),
  transfer('a5', 'spend', 99_000, '2020-05-13T05:00:00.000Z'),
  transfer('r2', 'reversal', 1_000, '2020-05-13T06:00:00.000Z'),
  transfer('a6', 'spend', 5_000, '2020-05-13T09:00:00.000Z'),
  transfer('l1', 'late-reversal', 700, '2020-05-13T10:00:00.000Z'),
  transfer('a7', 'spend', 1_234, '2020-05-13T14:59:59.999Z'),
];
const APPROVED = 30_000 + 12_500 + 400_000 + 8_800 + 99_000 + 5_000 + 1_234;

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  await updateLocalSecret(resolve(runtime.dataDir, 'secrets.json'), 'partner-keys', JSON.stringify({ kb: [KB_SECRET], nh: [KB_SECRET.replace('kb', 'nh')] }));
  national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-relief' });
  busanAdmin = await runtime.issuer.sign({ role: 'admin', region: '26', officerId: 'admin-busan-relief' });
  officer = await runtime.issuer.sign({ role: 'officer', region: '26', officerId: 'officer-busan-relief' });
  const [{ dynamo }, { config }] = await Promise.all([import('../../shared/data/dynamo-client.ts'), import('../../shared/config.ts')]);
  put = async (table, items) => {
    for (let i = 0; i < items.length; i += 25) {
      await dynamo.send(new BatchWriteCommand({ RequestItems: { [config.tableName(table)]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  };
  // The day's shards as the ledger adds to them: each transfer in one of 16.
  const shards = new Map<number, Record<string, number>>();
  TRANSFERS.forEach((t, i) => {
    const shard = shards.get((i * 7) % 16) ?? { approved: 0, approvedCount: 0, reversed: 0, reversedCount: 0, lateReversed: 0, lateReversedCount: 0 };
    const figure = t.kind === 'spend' ? 'approved' : t.kind === 'reversal' ? 'reversed' : 'lateReversed';
    shard[figure]! += t.amount;
    shard[`${figure}Count`]! += 1;
    shards.set((i * 7) % 16, shard);
  });
  await put('relief-ledger', [
    ...TRANSFERS,
    transfer('other', 'spend', 50_000, '2020-05-13T04:00:00.000Z', 'nh'),
    ...[...shards].map(([n, figures]) => ({ pk: `settlement#kb#${DAY}`, sk: `shard#${n}`, ...figures })),
    { pk: `settlement#nh#${DAY}`, sk: 'shard#3', approved: 50_000, approvedCount: 1 },
  ]);
});
afterAll(() => runtime?.stop());

describe('a card company’s settlement of a Korean day', () => {
  it('shows a national admin approved, reversed, late-reversed and net to the won', async () => {
    const answer = await api.get(`/v1/admin/relief/settlements?partner=kb&date=${DAY}`, { bearer: national });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      partnerId: 'kb',
      date: DAY,
      currency: 'KRW',
      approvedWon: APPROVED,
      approvedCount: 7,
      reversedWon: 13_500,
      reversedCount: 2,
      lateReversedWon: 700,
      lateReversedCount: 1,
      netWon: APPROVED - 13_500 - 700,
    });
  });

  it('downloads the day’s transfers as CSV, page by page through the next link, the rows summing to the settlement', async () => {
    const rows: Record<string, string>[] = [];
    let path: string | undefined = `/v1/admin/relief/settlements?partner=kb&date=${DAY}&format=csv&limit=4`;
    let pages = 0;
    while (path) {
      const page = await api.get(path, { bearer: national });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/csv/);
      rows.push(...(parse(page.text, { columns: true }) as Record<string, string>[]));
      path = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r['transfer_id'])).toEqual(TRANSFERS.map((t) => t.transferId));
    expect(rows.reduce((sum, r) => sum + Number(r['net_won']), 0)).toBe(APPROVED - 13_500 - 700);
    const viaAccept = await api.get(`/v1/admin/relief/settlements?partner=kb&date=${DAY}`, { bearer: national, headers: { accept: 'text/csv' } });
    expect(viaAccept.text.split('\r\n')[0]).toBe('partner_id,date,transfer_id,at,kind,grant_id,amount_won,net_won');
  });

  it('lets the card company read its own day with a signed GET, and refuses it another company’s day', async () => {
    const own = await signedGet(`/v1/relief/settlements?partner=kb&date=${DAY}`);
    expect(own.status).toBe(200);
    expect(own.json.netWon).toBe(APPROVED - 13_500 - 700);
    const csv = await signedGet(`/v1/relief/settlements?partner=kb&date=${DAY}&format=csv`);
    expect(parse(csv.text, { columns: true })).toHaveLength(TRANSFERS.length);
    const other = await signedGet(`/v1/relief/settlements?partner=nh&date=${DAY}`);
    expect(other.status).toBe(403);
    expect(other.json.detail).toContain('nh');
  });

  it('refuses a signature made for another day’s report, and region admins', async () => {
    const id = 'msg_replayed';
    const at = new Date();
    const forMay12 = new Webhook(KB_SECRET).sign(id, at, '/v1/relief/settlements?partner=kb&date=2020-05-12');
    const replayed = await api.get(`/v1/relief/settlements?partner=kb&date=${DAY}`, {
      headers: { 'x-partner-id': 'kb', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': forMay12 },
    });
    expect(replayed.status).toBe(401);
    expect((await api.get(`/v1/admin/relief/settlements?partner=kb&date=${DAY}`, { bearer: busanAdmin })).status).toBe(403);
  });

  it('answers a bad day, partner or cursor with 400 naming the field, never 5xx', async () => {
    const badDay = await api.get('/v1/admin/relief/settlements?partner=kb&date=13-05-2020', { bearer: national });
    expect(badDay.status).toBe(400);
    expect(badDay.json.errors[0].field).toBe('query.date');
    const badCursor = await api.get(`/v1/admin/relief/settlements?partner=kb&date=${DAY}&format=csv&cursor=bm90LWEtY3Vyc29y`, { bearer: national });
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.errors[0].field).toBe('query.cursor');
    expect((await api.get(`/v1/admin/relief/settlements?partner=KB!&date=${DAY}`, { bearer: national })).json.errors[0].field).toBe('query.partner');
  });

  it('answers zero for a day with no settlement yet', async () => {
    const quiet = await api.get('/v1/admin/relief/settlements?partner=kb&date=2020-05-11', { bearer: national });
    expect(quiet.json).toMatchObject({ approvedWon: 0, approvedCount: 0, netWon: 0 });
  });
});

describe('the relief statistics', () => {
  beforeAll(async () => {
    const stat = (day: string, region: string, shard: number, households: number) => ({
      pk: `stats#${day}`,
      sk: `${region}#shard#${shard}`,
      households,
      granted: households * 600_000,
      donated: households * 10_000,
      spent: households * 100_000,
      reversed: 1_000,
      expired: 0,
    });
    await put('relief-households', [
      { pk: 'region#26', households: 1_000 },
      { pk: 'region#11', households: 4_000 },
    ]);
    await put('relief-ledger', [stat('2020-05-11', '26', 0, 300), stat('2020-05-11', '26', 9, 160), stat('2020-05-12', '26', 4, 400), stat('2020-05-12', '11', 1, 2_000), stat('2020-05-13', '11', 15, 1_900)]);
  });

  it('draws a region admin’s paid curve of their region only', async () => {
    const answer = await api.get('/v1/admin/relief/stats?from=2020-05-11&to=2020-05-14', { bearer: busanAdmin });
    expect(answer.status).toBe(200);
    expect(answer.json.regions).toEqual(['26']);
    expect(answer.json.registeredHouseholds).toBe(1_000);
    expect(answer.json.days.map((d: { cumulativeHouseholds: number }) => d.cumulativeHouseholds)).toEqual([460, 860, 860, 860]);
    expect(answer.json.days.map((d: { paidPercent: number }) => d.paidPercent)).toEqual([46, 86, 86, 86]);
    expect(answer.json.totals).toMatchObject({ households: 860, grantedWon: 860 * 600_000, reversedWon: 3_000 });
    expect((await api.get('/v1/admin/relief/stats?region=11', { bearer: busanAdmin })).status).toBe(403);
  });

  it('shows a national admin every region, and by region and day', async () => {
    const answer = await api.get('/v1/admin/relief/stats?from=2020-05-11&to=2020-05-13', { bearer: national });
    expect(answer.json.totals.households).toBe(860 + 3_900);
    const seoul = answer.json.byRegion.find((r: { regionCode: string }) => r.regionCode === '11');
    expect(seoul).toMatchObject({ registeredHouseholds: 4_000, households: 3_900, paidPercent: 97.5 });
    expect(answer.json.byRegionDay).toContainEqual(expect.objectContaining({ date: '2020-05-13', regionCode: '11', households: 1_900 }));
  });

  it('refuses a range upside down or longer than 200 days with 400', async () => {
    expect((await api.get('/v1/admin/relief/stats?from=2020-05-14&to=2020-05-11', { bearer: national })).status).toBe(400);
    const long = await api.get('/v1/admin/relief/stats?from=2020-01-01&to=2020-12-31', { bearer: national });
    expect(long.status).toBe(400);
    expect(long.json.errors[0].field).toBe('query.to');
  });
});

describe('the unclaimed households', () => {
  beforeAll(async () => {
    // 23 households without a grant over the 16 shards, and a granted one that is off the index.
    await put('relief-households', [
      ...Array.from({ length: 23 }, (_, i) => ({ pk: `household#h-${String(i).padStart(3, '0')}`, householdId: `h-${String(i).padStart(3, '0')}`, regionCode: '26', unclaimedShard: `U#${i % 16}` })),
      { pk: 'household#h-granted', householdId: 'h-granted', regionCode: '26', grantId: 'g_x' },
    ]);
  });

  it('counts them and pages through every id exactly once, for national admins only', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let count: number | null = null;
    do {
      const page = await api.get(`/v1/admin/relief/unclaimed?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { bearer: national });
      expect(page.status).toBe(200);
      count ??= page.json.count;
      seen.push(...page.json.householdIds);
      cursor = page.json.cursor;
    } while (cursor);
    expect(count).toBe(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen).not.toContain('h-granted');
    expect((await api.get('/v1/admin/relief/unclaimed', { bearer: busanAdmin })).status).toBe(403);
    expect((await api.get('/v1/admin/relief/unclaimed', { bearer: officer })).status).toBe(403);
    expect((await api.get('/v1/admin/relief/unclaimed?cursor=eyJzaGFyZCI6OTl9', { bearer: national })).json.errors[0].field).toBe('query.cursor');
  });

  it('writes each read to the audit trail', async () => {
    const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
    const { koreanDate } = await import('../../shared/masks/korean-time.ts');
    await api.get('/v1/admin/relief/unclaimed?count=false', { bearer: national });
    const entries = await new AuditRepository().day('11', koreanDate(new Date()));
    expect(entries.some((e) => e.action === 'relief.unclaimed.read' && e.actor.kind === 'official' && e.actor.officerId === 'national-relief')).toBe(true);
  });
});
