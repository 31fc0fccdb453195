import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGION_CODES } from '../../shared/geo/regions.ts';
import { expectAccessible } from './axe.ts';
import { DESKTOP, PHONE, saveScreenshot } from './browser.ts';
import { consoleSession, tableRows } from './console-session.ts';
import { overflowing } from './overflow.ts';

/**
 * The console's relief screen: the paid curve and the won by region, each with its table, and the card
 * companies' settlements with their CSV, on figures written in the ledger's documented layout.
 */
const eventually = { timeout: 10_000, interval: 100 };
const DAY_MS = 86_400_000;

const session = consoleSession({ runtime: { demoStores: 0 }, context: { acceptDownloads: true } });
const { newPage, openAs } = session;

const koreanDay = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
const TODAY = koreanDay(Date.now());
const YESTERDAY = koreanDay(Date.now() - DAY_MS);
/** The last five days: Seoul paid 600 of its 1,000 households, Daegu 200 of 400. */
const PAID = [
  { daysAgo: 4, region: '11', households: 250 },
  { daysAgo: 3, region: '11', households: 200 },
  { daysAgo: 3, region: '27', households: 120 },
  { daysAgo: 1, region: '11', households: 150 },
  { daysAgo: 0, region: '27', households: 80 },
];
const SPENDS = Array.from({ length: 30 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, kind: i % 10 === 9 ? 'reversal' : 'spend', amount: 10_000 + i * 100 }));
const NET = SPENDS.reduce((sum, t) => sum + (t.kind === 'spend' ? t.amount : -t.amount), 0);

beforeAll(async () => {
  const [{ dynamo }, { config }] = await Promise.all([import('../../shared/data/dynamo-client.ts'), import('../../shared/config.ts')]);
  const put = async (table: string, items: Record<string, unknown>[]) => {
    for (let i = 0; i < items.length; i += 25) {
      await dynamo.send(new BatchWriteCommand({ RequestItems: { [config.tableName(table)]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  };
  // This test's registry is Seoul's 1,000 and Daegu's 400 households: the demo's counts elsewhere are set aside.
  await put('relief-households', [
    ...REGION_CODES.map((code) => ({ pk: `region#${code}`, households: 0 })).filter((item) => item.pk !== 'region#11' && item.pk !== 'region#27'),
    { pk: 'region#11', households: 1_000 },
    { pk: 'region#27', households: 400 },
  ]);
  const dayStart = Date.parse(`${YESTERDAY}T00:00:00+09:00`);
  await put('relief-ledger', [
    ...PAID.map((p, i) => ({
      pk: `stats#${koreanDay(Date.now() - p.daysAgo * DAY_MS)}`,
      sk: `${p.region}#shard#${i}`,
      households: p.households,
      granted: p.households * 800_000,
      donated: p.households * 10_000,
      spent: p.households * 300_000,
      reversed: p.households * 1_000,
      expired: 0,
    })),
    ...SPENDS.map((t, i) => ({ pk: `transfer#${t.id}`, sk: 'transfer', transferId: t.id, kind: t.kind, amount: t.amount, grantId: `g_${i}`, partnerId: 'kb', at: new Date(dayStart + i * 60_000).toISOString(), partnerDay: `kb#${YESTERDAY}` })),
    {
      pk: `settlement#kb#${YESTERDAY}`,
      sk: 'shard#0',
      approved: SPENDS.filter((t) => t.kind === 'spend').reduce((s, t) => s + t.amount, 0),
      approvedCount: 27,
      reversed: SPENDS.filter((t) => t.kind === 'reversal').reduce((s, t) => s + t.amount, 0),
      reversedCount: 3,
      lateReversed: 0,
      lateReversedCount: 0,
    },
  ]);
});

describe('the relief screen', () => {
  it('shows a national admin the paid curve day by day and the won by region, in tables behind the charts', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/relief', 'en');
    await expect.poll(() => page.locator('[data-relief-summary]').textContent(), eventually).toBe('All regions: 800 of 1,400 registered households paid (57.14 %).');
    const days = await tableRows(page, 'Households paid and won by day');
    expect(days).toHaveLength(30);
    const today = days.at(-1)!;
    expect(today.slice(0, 4)).toEqual([TODAY, '80', '800', '57.14']);
    expect(days.find((row) => row[0] === koreanDay(Date.now() - 3 * DAY_MS))?.slice(1, 4)).toEqual(['320', '570', '40.71']);
    const regions = await tableRows(page, 'Households paid and won by region');
    expect(regions).toHaveLength(17);
    expect(regions.find((row) => row[0] === 'Seoul')?.slice(1, 6)).toEqual(['1,000', '600', '60.00', '480,000,000', '180,000,000']);
    expect(await page.locator('canvas[role="img"]').count()).toBe(2);
  });

  it('shows a region’s admin their region only, and no settlements', async () => {
    const page = await newPage();
    await openAs(page, 'admin-daegu-01', '#/relief');
    await expect.poll(() => page.locator('[data-relief-summary]').textContent(), eventually).toBe('대구광역시: 등록 가구 400곳 중 200곳 지급(50.00%).');
    expect(await tableRows(page, '지역별 지급 가구와 금액(원)')).toEqual([['대구광역시', '400', '200', '50.00', '160,000,000', '60,000,000', '200,000', '2,000,000', '0']]);
    expect(await page.getByRole('heading', { name: '카드사 정산' }).count()).toBe(0);
    expect(await page.locator('#relief-region').count()).toBe(0);
  });

  it('lets a national admin read a card company’s day and download its transfers as one CSV that sums to the net', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/relief', 'en');
    await page.getByRole('textbox', { name: 'Card company', exact: true }).fill('kb');
    await page.locator('#settlement-date').fill(YESTERDAY);
    await page.getByRole('region', { name: 'Card company settlements' }).getByRole('button', { name: 'Show' }).click();
    const rows = await (async () => {
      await page.locator('caption', { hasText: `Settlement of kb on ${YESTERDAY}` }).waitFor();
      return tableRows(page, `Settlement of kb on ${YESTERDAY}`);
    })();
    expect(rows.find((row) => row[0] === 'Net')?.[1]).toBe(NET.toLocaleString('en-US'));
    expect(rows.find((row) => row[0] === 'Reversed')?.[2]).toBe('3');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV (transfers)' }).click()]);
    const csv = parse(readFileSync((await download.path()) ?? ''), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(SPENDS.length);
    expect(csv.reduce((sum, row) => sum + Number(row['net_won']), 0)).toBe(NET);
    await expect.poll(() => page.getByRole('region', { name: 'Card company settlements' }).getByRole('status').textContent(), eventually).toBe('Downloaded the CSV of 30 rows.');
  });

  it('is not among an officer’s screens', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/relief');
    expect(await page.getByRole('navigation', { name: '화면 목록' }).getByRole('link', { name: '긴급재난지원금' }).count()).toBe(0);
  });

  it('meets WCAG 2.1 AA on phone and desktop in Korean and English, fits a phone, and leaves screenshots', async () => {
    for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      for (const lang of ['ko', 'en']) {
        const page = await newPage(options);
        await openAs(page, 'national-admin-01', '#/relief', lang);
        await page.locator('.data-table').nth(1).waitFor();
        await page.locator('#settlement-partner').fill('kb');
        await page.locator('#settlement-date').fill(YESTERDAY);
        await page.locator('#settlement-partner').press('Enter');
        await page.locator('[data-settlement] table').waitFor();
        await expectAccessible(page, `relief, ${device}, ${lang}`);
        if (device === 'phone') expect(await overflowing(page)).toEqual({ width: 360, scrollWidth: 360, wider: [] });
        await saveScreenshot(page, `console-relief-${device}-${lang}`);
      }
    }
  });
});
