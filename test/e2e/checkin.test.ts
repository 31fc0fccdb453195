import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { describeViolations, findAccessibilityViolations } from './axe.ts';
import { launchBrowser, launchProfileBrowser, saveScreenshot } from './browser.ts';

/** Seoul City Hall; the case's fence is the default 100 m circle around it. */
const HOME = { latitude: 37.5665, longitude: 126.978, accuracy: 15 };
/** 0.0036° of latitude ≈ 400 m north: well outside the fence, with a fix as good as the home's. */
const AWAY = { latitude: 37.5701, longitude: 126.978, accuracy: 15 };
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
const KO = {
  home: '나의 자가격리',
  enrol: '자가격리 앱 등록',
  temperature: '체온 (°C)',
  cough: '기침',
  send: '건강 상태 보내기',
  pingNow: '지금 위치 보내기',
  sent: /건강 상태를 보냈습니다/,
  queued: /이 휴대전화에 저장했습니다/,
  ended: /격리가 끝났거나 다른 휴대전화가 등록되었습니다/,
};
const eventually = { timeout: 10_000, interval: 200 };

let runtime: LocalRuntime;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The phone's browser profile: on disk, as an installed app needs (an incognito one is never installable). */
const profile = mkdtempSync(join(tmpdir(), 'checkin-profile-'));
let officer: string;
let caseId: string;
let enrollmentCode: string;
const pageProblems: string[] = [];
const api = () => client(runtime.baseUrl);

/** The check-ins the server holds for the case, as its officer reads them. */
const serverCheckins = async (): Promise<{ checkinId: string; temperatureC: number; symptoms: Record<string, boolean> }[]> => {
  const answer = await api().get(`/v1/quarantine/cases/${caseId}`, { bearer: officer });
  expect(answer.status).toBe(200);
  return (answer.json.timeline as { kind: string }[]).filter((entry) => entry.kind === 'checkin') as never;
};
const inboxTypes = async (): Promise<string[]> => {
  const answer = await api().get('/v1/alerts?limit=100', { bearer: officer });
  expect(answer.status).toBe(200);
  return (answer.json.items as { type: string; subject: { id: string } }[]).filter((a) => a.subject.id === caseId).map((a) => a.type);
};
/** What the local SNS published (`<DATA_DIR>/notifications.jsonl`), as test/integration/never-lost.test.ts reads it. */
const published = (): Record<string, unknown>[] => {
  const file = resolve(runtime.dataDir, 'notifications.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : [];
};

const checkIn = async (temperature: string, symptoms: string[] = []) => {
  await page.getByLabel(KO.temperature).fill(temperature);
  for (const symptom of symptoms) await page.getByRole('button', { name: symptom }).click();
  await page.getByRole('button', { name: KO.send }).click();
};
const result = () => page.locator('[data-checkin-result]');

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime({ seed: false }), launchBrowser()]);
  officer = await runtime.issuer.sign({ role: 'officer', region: '11', officerId: 'officer-11-checkin' });
  const now = Date.now();
  const created = await api().post('/v1/quarantine/cases', {
    bearer: officer,
    body: {
      person: { name: '김격리', phone: '010-5555-0101', language: 'ko' },
      home: { lat: HOME.latitude, lng: HOME.longitude, address: '서울특별시 중구 세종대로 110' },
      fence: { type: 'circle', radiusM: 100 },
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 13 * 86_400_000).toISOString(),
      officerId: 'officer-11-checkin',
      region: '11',
    },
  });
  expect(created.status, created.text).toBe(201);
  caseId = created.json.caseId;
  // The link's code: only in the fragment, which the page reads and then removes.
  enrollmentCode = new URL(created.json.enrollmentUrl).hash;
  context = await launchProfileBrowser(profile, { baseURL: runtime.baseUrl, geolocation: HOME, locale: 'ko-KR', ...PHONE });
  await context.grantPermissions(['geolocation']);
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageProblems.push(`script error: ${error.message}`));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await runtime?.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('the check-in app', () => {
  it('enrols from the link, forgets the code from the address bar, and shows the person their quarantine', async () => {
    await page.goto(`/checkin/${enrollmentCode}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: KO.home }).isVisible(), eventually).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => page.locator('[data-facts]').innerText(), eventually).toMatch(/남은 기간\s*1[34]일/);
    await expect.poll(() => page.locator('[data-location-state]').innerText(), eventually).toMatch(/위치를 확인했습니다/);
    await saveScreenshot(page, 'checkin-home-ko');

    // The SMS link tapped again: its code is used now, and the enrolment stays as it is.
    await page.goto(`/checkin/${enrollmentCode}`);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: KO.home }).isVisible(), eventually).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('sends a check-in, keeps two made offline, and sends exactly those two when back online', async () => {
    await checkIn('36.5');
    await expect.poll(() => result().innerText(), eventually).toMatch(KO.sent);
    await expect.poll(async () => (await serverCheckins()).length, eventually).toBe(1);

    await context.setOffline(true);
    await checkIn('36.8', [KO.cough]);
    await expect.poll(() => result().innerText(), eventually).toMatch(KO.queued);
    await checkIn('37.9');
    await expect.poll(() => page.locator('[data-sync]').innerText(), eventually).toMatch(/2건을 저장해 두었고/);
    await saveScreenshot(page, 'checkin-offline-ko', { whole: false });
    expect(await serverCheckins()).toHaveLength(1);

    await context.setOffline(false);
    await expect.poll(async () => (await serverCheckins()).length, eventually).toBe(3);
    await expect.poll(() => page.locator('[data-sync]').innerText(), eventually).toBe('보낼 것을 모두 보냈습니다.');
    const records = await serverCheckins();
    expect(records.map((r) => r.temperatureC).sort()).toEqual([36.5, 36.8, 37.9]);
    expect(records.find((r) => r.temperatureC === 36.8)?.symptoms).toEqual({ fever: false, cough: true, soreThroat: false, shortnessOfBreath: false });
    expect(new Set(records.map((r) => r.checkinId)).size).toBe(3);
  });

  it('alarms the officer when the phone is 400 m from home', async () => {
    // The engine wants its samples to span at least 30 s (and a jump faster than walking one more sample): the
    // phone's clock says a ping every 40 s instead of waiting for it, staying within the server's 5 minutes ahead.
    // A little ahead of now, so no ping the app sent on its own timer is newer than these (a fix older than the
    // case's last one is stale and judged not at all).
    const start = Date.now() + 10_000;
    const lastSeen = async () => (await api().get(`/v1/quarantine/cases/${caseId}`, { bearer: officer })).json.lastSeenAt as string | undefined;
    // One ping at the phone's (fixed) time, waited for until the server has judged it: the next position
    // change must not reach a ping still being taken.
    const pingAt = async (seconds: number) => {
      const at = new Date(start + seconds * 1000);
      await page.clock.setFixedTime(at);
      await page.getByRole('button', { name: KO.pingNow }).click();
      await expect.poll(lastSeen, eventually).toBe(at.toISOString());
    };
    // First seen at home, so that leaving is an exit, not "not at home when the quarantine started".
    await pingAt(0);
    await pingAt(40);
    await context.setGeolocation(AWAY);
    for (let sample = 1; sample <= 5 && !(await inboxTypes()).includes('GEOFENCE_EXIT'); sample++) await pingAt(40 + sample * 40);
    await expect.poll(inboxTypes, eventually).toContain('GEOFENCE_EXIT');
    await expect
      .poll(() => published().some((line) => line.type === 'publish' && JSON.stringify(line).includes('GEOFENCE_EXIT') && JSON.stringify(line).includes(caseId)), eventually)
      .toBe(true);
    await expect.poll(() => page.locator('[data-facts]').innerText(), eventually).toMatch(/격리 장소 밖에 있습니다/);
    await context.setGeolocation(HOME);
  });

  it('is installable and opens offline after the first visit', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = await api().get('/checkin/manifest.webmanifest');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect((await api().get('/checkin/sw.js')).headers.get('cache-control')).toBe('no-cache');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: KO.home }).isVisible(), eventually).toBe(true);
    await expect.poll(() => page.locator('[data-sync]').innerText(), eventually).toMatch(/인터넷에 연결되어 있지 않습니다/);
    await saveScreenshot(page, 'checkin-reopened-offline-ko', { whole: false });
    await context.setOffline(false);
  });

  it('meets WCAG 2.1 AA in Korean, English and Chinese', async () => {
    for (const [language, label, heading] of [
      ['ko', '한국어', KO.home],
      ['en', 'English', 'My self-quarantine'],
      ['zh', '中文', '我的居家隔离'],
    ] as const) {
      await page.getByRole('button', { name: label }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(heading);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      const violations = await findAccessibilityViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await saveScreenshot(page, `checkin-home-${language}`);
    }
    await page.getByRole('button', { name: '한국어' }).click();
    // Large touch targets: every control of the app at least 44 px high.
    const small = await page.locator('main button, main input').evaluateAll((nodes) =>
      nodes.filter((n) => (n as HTMLElement).offsetParent !== null && n.getBoundingClientRect().height < 44).map((n) => n.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
  });

  it('tells a typed code that cannot be right before sending it, and meets WCAG on the enrol screen', async () => {
    const fresh = await browser.newContext({ baseURL: runtime.baseUrl, ...PHONE });
    try {
      const other = await fresh.newPage();
      await other.goto('/checkin/');
      await other.getByLabel('등록 코드').fill('abcd-efgh-j0');
      await other.getByRole('button', { name: '등록하기' }).click();
      await expect.poll(() => other.locator('[data-code-error]').innerText(), eventually).toMatch(/0 글자가 없습니다/);
      const violations = await findAccessibilityViolations(other);
      expect(violations, describeViolations(violations)).toEqual([]);
      await saveScreenshot(other, 'checkin-enrol-ko', { whole: false });
    } finally {
      await fresh.close();
    }
  });

  it('stops and says so when the case is closed', async () => {
    const closed = await api().post(`/v1/quarantine/cases/${caseId}:close`, { bearer: officer, body: { reason: 'completed' } });
    expect(closed.status, closed.text).toBe(200);
    await page.getByRole('button', { name: KO.pingNow }).click();
    await expect.poll(() => page.getByText(KO.ended).isVisible(), eventually).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(KO.enrol);
    expect(pageProblems).toEqual([]);
  });
});
