import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { DESKTOP, PHONE, saveScreenshot } from './browser.ts';
import { consoleSession, TOKEN_KEY } from './console-session.ts';
import { overflowing } from './overflow.ts';

const DEVICES = [['phone', PHONE], ['desktop', DESKTOP]] as const;
const eventually = { timeout: 10_000, interval: 100 };

const session = consoleSession();
const { newPage, openAs, tokenOf } = session;

const navigation = (page: Page) => page.getByRole('navigation', { name: /화면 목록|Screens/ }).getByRole('link').allTextContents();

describe('the console’s shell', () => {
  it('shows the sign-in page to a visitor who is not signed in', async () => {
    const page = await newPage();
    await page.goto('/console/#/alerts');
    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('공무원 로그인');
    expect(await page.getByRole('navigation', { name: '화면 목록' }).count()).toBe(0);
  });

  it('shows an officer the screens of their role, and their first screen for a link to an admin’s', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/officials');
    expect(await navigation(page)).toEqual(['알림함', '공적 마스크', '자가격리 대상자', '자가격리 지도', '내 알림 구독']);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('알림함');
    expect(await page.locator('[data-who]').innerText()).toContain('officer-seoul-01 · 담당 공무원 · 서울특별시');

    const admin = await newPage();
    await openAs(admin, 'admin-0001', '#/audit');
    expect(await navigation(admin)).toEqual(['알림함', '공적 마스크', '자가격리 대상자', '자가격리 지도', '긴급재난지원금', '공무원 관리', '내 알림 구독', '감사 기록']);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('감사 기록');
  });

  it('moves between screens by their links and keeps the screen when the language changes', async () => {
    const page = await newPage();
    await openAs(page, 'admin-0001', '#/alerts');
    await page.getByRole('link', { name: '공적 마스크' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), eventually).toBe('공적 마스크');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByRole('link', { name: '공적 마스크' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), eventually).toBe('Public masks');
    expect(await navigation(page)).toEqual(['Alerts', 'Public masks', 'Quarantine cases', 'Quarantine map', 'Relief funds', 'Officials', 'My alert subscriptions', 'Audit log']);
  });

  it('returns to sign-in, saying why, when the API refuses the token, and forgets it', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/masks');
    // A token the issuer never signed: what the API answers 401 to, like an expired or disabled official's.
    const forged = tokenOf('officer-seoul-01').replace(/\.[^.]+$/, '.AAAA');
    await page.evaluate(([key, token]) => sessionStorage.setItem(key as string, token as string), [TOKEN_KEY, forged]);
    await page.reload();
    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
    expect(await page.getByRole('alert').first().textContent()).toBe('로그인이 끝났거나 계정을 쓸 수 없습니다. 다시 로그인하세요.');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
  });

  it('signs out and forgets the token', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/masks');
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('공무원 로그인');
  });
});

describe('the masks screen', () => {
  it('shows a region admin their region’s stores by stock as a chart with the same numbers in a table', async () => {
    const page = await newPage();
    await openAs(page, 'admin-0001', '#/masks');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('공적 마스크');
    const table = page.getByRole('table', { name: '지역별 재고 단계별 판매처 수' });
    await expect.poll(() => table.locator('tbody tr').count(), eventually).toBe(1);
    const summary = (await (await page.request.get('/v1/admin/masks/summary', { headers: { authorization: `Bearer ${tokenOf('admin-0001')}` } })).json()) as { regions: { counts: Record<string, number>; total: number }[] };
    const [seoul] = summary.regions;
    const cells = await table.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(cells).toEqual(['서울특별시', ...['plenty', 'some', 'few', 'empty', 'break'].map((band) => String(seoul?.counts[band])), String(seoul?.total)]);
    expect(await page.getByRole('img', { name: /막대그래프/ }).count()).toBe(1);
  });

  it('maps the region’s empty stores on the drawn ground when tiles fail, with each store in the table', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/masks');
    const map = page.locator('.console-map');
    await expect.poll(() => map.getAttribute('data-tiles'), eventually).toBe('drawn');
    const rows = page.getByRole('table', { name: '재고 없는 판매처 목록' }).locator('tbody tr');
    await expect.poll(() => rows.count(), eventually).toBeGreaterThan(0);
    expect(await map.locator('.empty-store-mark').count()).toBe(await rows.count());
    for (const address of await rows.locator('td:nth-child(2)').allTextContents()) expect(address.startsWith('서울특별시')).toBe(true);
    // An officer neither imports stores nor rotates keys.
    expect(await page.getByRole('heading', { name: '판매처 가져오기' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '판매처 API 키 새로 발급' }).count()).toBe(0);
  });

  it('lets a national admin import a file and follow it to its outcome, with the refused rows', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/masks');
    const csv = ['code,name,addr,type,lat,lng', '39991001,콘솔 예시약국,서울특별시 중구 태평로1가 9,01,37.5663,126.9779', '1234,틀린 코드,서울특별시 중구 1,01,37.5,126.9'].join('\n');
    await page.getByLabel('파일').setInputFiles({ name: 'stores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '가져오기 시작' }).click();
    await expect.poll(() => page.locator('#import-progress-label').textContent(), eventually).toBe('끝남: 1곳 추가, 0곳 변경, 1줄 거부.');
    const refused = page.getByRole('table', { name: '거부된 줄' }).locator('tbody tr');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().locator('th').textContent()).toBe('2');
  });

  it('shows a region admin a store’s new key once, and the old key stops working', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/masks');
    const store = session.runtime.credentials.stores[5];
    if (!store) throw new Error('the demo seeds store keys');
    await page.getByLabel('판매처 코드 (8자리)').fill(store.code);
    await page.getByRole('button', { name: '새 키 발급' }).click();
    const issued = page.locator('output.issued-key');
    await expect.poll(() => issued.textContent(), eventually).toMatch(/^sk_/);
    const report = (key: string) =>
      page.request.put(`/v1/stores/${store.code}/stock`, { headers: { authorization: `Bearer ${key}` }, data: { remaining: 10, asOf: new Date().toISOString() } });
    expect((await report(store.apiKey)).status()).toBe(401);
    expect((await report((await issued.textContent()) ?? '')).status()).toBe(200);
  });

  it('meets WCAG 2.1 AA on phone and desktop in Korean and English, fits a phone, and leaves screenshots', async () => {
    for (const [device, options] of DEVICES) {
      for (const lang of ['ko', 'en']) {
        const page = await newPage(options);
        await openAs(page, 'national-admin-01', '#/masks', lang);
        await expect.poll(() => page.locator('.console-map').getAttribute('data-tiles'), eventually).toBe('drawn');
        await page.locator('.data-table').first().waitFor();
        await expectAccessible(page, `masks, ${device}, ${lang}`);
        if (device === 'phone') expect(await overflowing(page)).toEqual({ width: 360, scrollWidth: 360, wider: [] });
        await saveScreenshot(page, `console-masks-${device}-${lang}`);
      }
    }
  });
});

/** Signs in the way an official does locally: the page's list of demo officials, one button each. */
const signInThroughList = async (page: Page, officerId: string, lang = 'ko') => {
  await page.goto(`/console/?lang=${lang}#/alerts`);
  await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
  await page.locator(`button[data-officer-id="${officerId}"]`).click();
  await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-in');
  await page.locator('[data-alert-count]').filter({ hasText: /\S/ }).waitFor();
};

const raiseFor = async (region: string, officerId: string, caseId: string, message: string) => {
  const { raiseAlert } = await import('../../shared/alerting.ts');
  const { alert } = await raiseAlert({ type: 'GEOFENCE_EXIT', severity: 'high', region, officerId, subject: { kind: 'case', id: caseId }, message });
  return alert;
};

const alertState = async (alertId: string, officerId: string) => {
  const response = await fetch(`${session.runtime.baseUrl}/v1/alerts?state=acknowledged&limit=100`, { headers: { authorization: `Bearer ${tokenOf(officerId)}` } });
  const { items } = (await response.json()) as { items: { alertId: string; state: string; history: { action: string; by: string; note?: string }[] }[] };
  return items.find((item) => item.alertId === alertId);
};

describe('the alerts inbox', () => {
  it('shows an officer signed in from the list a new alert for them within 2 s without reloading, and lets them acknowledge it with a note', async () => {
    const page = await newPage();
    await signInThroughList(page, 'officer-seoul-01');
    expect(await page.locator('[data-who]').innerText()).toContain('officer-seoul-01');
    // Whatever else happens, the page is never loaded again: a marker on window would be lost.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    // The page has asked the feed at least once, so it holds a cursor older than the alert.
    await page.waitForResponse((response) => response.url().includes('/v1/alerts/changes?after='));

    const message = `자가격리 이탈: 콘솔 시험 ${Date.now()}`;
    const alert = await raiseFor('11', 'officer-seoul-01', `c-e2e-${Date.now()}`, message);
    const raisedAt = Date.now();
    const card = page.locator(`[data-alert-id="${alert.alertId}"]`);
    await card.waitFor({ timeout: 2_000 });
    const shownAfterMs = Date.now() - raisedAt;
    expect(shownAfterMs).toBeLessThan(2_000);
    expect(await card.locator('.alert-message').textContent()).toBe(message);
    expect(await card.innerText()).toContain('내 담당');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toContain(message);

    await card.getByRole('button', { name: `확인: ${message}` }).click();
    const dialog = page.getByRole('dialog', { name: '알림 확인' });
    await dialog.getByLabel('메모 (선택)').fill('전화로 복귀 확인');
    await dialog.getByRole('button', { name: '확인' }).click();
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe('알림을 확인했습니다.');
    expect(await dialog.count()).toBe(0);

    const stored = await alertState(alert.alertId, 'officer-seoul-01');
    expect(stored?.state).toBe('acknowledged');
    expect(stored?.history).toEqual([expect.objectContaining({ action: 'acknowledge', by: 'officer-seoul-01', note: '전화로 복귀 확인' })]);
  });

  it('does not show an officer of another region an alert raised for Seoul', async () => {
    const page = await newPage();
    await signInThroughList(page, 'officer-daegu-01');
    await page.waitForResponse((response) => response.url().includes('/v1/alerts/changes?after='));
    const message = `자가격리 이탈: 대구에 보이면 안 됨 ${Date.now()}`;
    const alert = await raiseFor('11', 'officer-seoul-01', `c-e2e-hidden-${Date.now()}`, message);
    // The Daegu page keeps polling; a Seoul page opened after the raise sees the alert, so it was raised.
    const seoul = await newPage();
    await signInThroughList(seoul, 'officer-seoul-01');
    await seoul.locator(`[data-alert-id="${alert.alertId}"]`).waitFor();
    // Two more rounds of the Daegu page's feed, each after the alert existed.
    for (let round = 0; round < 2; round += 1) await page.waitForResponse((response) => response.url().includes('/v1/alerts/changes?after='));
    expect(await page.locator(`[data-alert-id="${alert.alertId}"]`).count()).toBe(0);
    expect(await page.getByText(message).count()).toBe(0);
    expect(await page.locator('[data-alert-list] [data-alert-id]').count()).toBeGreaterThan(0);
    for (const card of await page.locator('[data-alert-list] .alert-facts').allTextContents()) expect(card).toContain('대구광역시');
  });
});

describe('the administration screens', () => {
  it('lets a region admin disable an official, whose next request with a still-valid token is refused', async () => {
    const before = await fetch(`${session.runtime.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${tokenOf('officer-seoul-02')}` } });
    expect(before.status).toBe(200);
    const page = await newPage();
    await openAs(page, 'admin-0001', '#/officials');
    const row = page.locator('tr', { has: page.locator('[data-toggle="officer-seoul-02"]') });
    expect(await row.innerText()).toContain('사용 중');
    // A region admin is offered no button for themselves or for a national admin, which the API would refuse.
    expect(await page.locator('[data-toggle="admin-0001"], [data-toggle="national-admin-01"]').count()).toBe(0);
    await page.getByRole('button', { name: 'officer-seoul-02 사용 중지' }).click();
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toContain('officer-seoul-02');
    await expect.poll(() => row.locator('td').nth(2).textContent(), eventually).toBe('사용 중지');
    try {
      const after = await fetch(`${session.runtime.baseUrl}/v1/officials/me`, { headers: { authorization: `Bearer ${tokenOf('officer-seoul-02')}` } });
      expect(after.status).toBe(401);
      expect(((await after.json()) as { type: string }).type).toMatch(/official-disabled$/);
    } finally {
      // The demo official is needed by the other tests of this runtime: enabled again, through the page.
      await page.getByRole('button', { name: 'officer-seoul-02 다시 사용' }).click();
      await expect.poll(() => row.locator('td').nth(2).textContent(), eventually).not.toBe('사용 중지');
    }
  });

  it('pages a busy day of the audit log: the first 100 entries, then the rest under them with “더 보기”', async () => {
    // 101 listings of Daegu's officials: 101 entries of today's Daegu trail, more than a page.
    const headers = { authorization: `Bearer ${tokenOf('admin-daegu-01')}` };
    for (let i = 0; i < 101; i++) expect((await fetch(`${session.runtime.baseUrl}/v1/admin/officials`, { headers })).status).toBe(200);
    const page = await newPage();
    await openAs(page, 'admin-daegu-01', '#/audit');
    const rows = page.locator('[data-audit-entries] tbody tr');
    await expect.poll(() => rows.count(), eventually).toBe(100);
    const more = page.locator('[data-audit-more]');
    expect(await more.isVisible()).toBe(true);
    await more.click();
    await expect.poll(() => rows.count(), eventually).toBeGreaterThan(101);
    // Every entry of the day is now on screen once, and there is nothing more to ask for.
    expect(await more.isVisible()).toBe(false);
  });

  it('meets WCAG 2.1 AA on the alerts, officials, subscriptions and audit screens, phone and desktop, Korean and English, and leaves screenshots', async () => {
    const screens = [
      ['alerts', '[data-alert-list] [data-alert-id]'],
      ['officials', '[data-officials] table'],
      ['subscriptions', '[data-subscriptions] > *'],
      ['audit', '[data-audit] > *'],
    ] as const;
    for (const [device, options] of DEVICES) {
      for (const lang of ['ko', 'en']) {
        for (const [screen, ready] of screens) {
          const page = await newPage(options);
          await openAs(page, 'admin-0001', `#/${screen}`, lang);
          await page.locator(ready).first().waitFor();
          await expectAccessible(page, `${screen}, ${device}, ${lang}`);
          if (device === 'phone') expect(await overflowing(page), `${screen} on a phone`).toEqual({ width: 360, scrollWidth: 360, wider: [] });
          await saveScreenshot(page, lang === 'ko' ? `console-${screen}-${device}` : `console-${screen}-${device}-en`);
        }
      }
    }
  });
});
