import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { DESKTOP, saveScreenshot } from './browser.ts';
import { browserSession } from './browser-session.ts';
import { overflowing } from './overflow.ts';

/** What a reader sees, in both languages; the page must say exactly this. */
const KO = {
  title: '국가 위기 대응 서비스',
  heading: '감염병 위기 대응 서비스 안내',
  statusRegion: '시스템 상태',
  working: '정상: 모든 서비스가 작동하고 있습니다.',
  unavailable: '서비스를 이용할 수 없습니다.',
  services: ['공적 마스크', '자가격리', '긴급재난지원금'],
};
const EN = {
  title: 'National Crisis Response Services',
  heading: 'Services during the epidemic',
  statusRegion: 'System status',
  working: 'Working: all services are operating normally.',
  unavailable: 'The service is unavailable.',
  services: ['Public masks', 'Self-quarantine', 'Emergency relief funds'],
};

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const session = browserSession();
const { newPage } = session;

const statusRegion = (page: Page, name: string) => page.getByRole('region', { name });
/** The live region: what a screen reader announces. */
const announced = (page: Page) => page.getByRole('status');
const eventually = { timeout: 10_000, interval: 100 };

/** Waits until the page has heard from /v1/health, whatever it said. */
const statusSettled = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-health-status]')?.getAttribute('data-state') !== 'checking', undefined, { timeout: 10_000 });

const serviceDown = (detail: string) => (route: Route) =>
  route.fulfill({
    status: 503,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://crisis-response.go.kr/problems/unavailable', title: 'The service is temporarily unavailable', status: 503, detail }),
  });

const DATABASE_DOWN = 'The database does not answer; the service cannot serve requests right now.';

describe('the portal', () => {
  it('opens in Korean and says the system works, with the database latency the health check measured', async () => {
    const page = await newPage();
    const healthAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/health');
    await page.goto('/');
    const health = (await (await healthAnswer).json()) as { database: { latencyMs: number } };

    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.title()).toBe(KO.title);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(KO.heading);
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(KO.services);

    await expect.poll(() => announced(page).textContent(), eventually).toBe(KO.working);
    const latency = new Intl.NumberFormat('ko', { maximumFractionDigits: 2 }).format(health.database.latencyMs);
    const box = await statusRegion(page, KO.statusRegion).innerText();
    expect(box).toContain(`응답 시간 ${latency} ms`);
    expect(box).toContain('이 컴퓨터 (로컬 실행)');
  });

  it('links to the API document, which the gateway serves', async () => {
    const page = await newPage();
    await page.goto('/');
    const href = await page.getByRole('link', { name: /OpenAPI/ }).getAttribute('href');
    expect(href).toBe('/v1/openapi.json');

    const document = await page.request.get(href ?? '');
    expect(document.status()).toBe(200);
    expect(((await document.json()) as { openapi?: string }).openapi).toMatch(/^3\.1\./);
  });

  it('switches to English, keeps English after a reload, and switches back to the same Korean', async () => {
    const page = await newPage();
    await page.goto('/');
    await expect.poll(() => announced(page).textContent(), eventually).toBe(KO.working);
    const contentText = () => page.locator('main h1, main h2, main h3, main p:not([role="status"]), footer p').allInnerTexts();
    const korean = await contentText();

    await page.getByRole('button', { name: 'English' }).click();
    const inEnglish = async () => {
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toBe(EN.title);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(EN.heading);
      expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(EN.services);
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => announced(page).textContent(), eventually).toBe(EN.working);
      expect(await statusRegion(page, EN.statusRegion).innerText()).toMatch(/response time [\d.,]+ ms/);
    };
    await inEnglish();
    expect(await contentText()).not.toEqual(korean);

    await page.reload();
    await inEnglish();

    await page.getByRole('button', { name: '한국어' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await contentText()).toEqual(korean);
    await expect.poll(() => announced(page).textContent(), eventually).toBe(KO.working);
  });

  it('honours ?lang=en, and a later switch to Korean wins over the link on reload', async () => {
    const page = await newPage();
    await page.goto('/?lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(EN.heading);

    await page.getByRole('button', { name: '한국어' }).click();
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(KO.heading);
  });

  it('says the service is unavailable, with the reason the API gave, when /v1/health fails', async () => {
    const page = await newPage();
    await page.route('**/v1/health', serviceDown(DATABASE_DOWN));
    await page.goto('/');

    await expect.poll(() => announced(page).textContent(), eventually).toBe(`${KO.unavailable} 사유: ${DATABASE_DOWN}`);
    // The reason is English on a Korean page; marked so, a screen reader reads it in an English voice.
    expect(await announced(page).locator('[lang="en"]').textContent()).toBe(DATABASE_DOWN);
    const box = await statusRegion(page, KO.statusRegion).innerText();
    expect(box).toMatch(/HTTP 상태 코드\s+503/);
    expect(box).not.toContain('정상');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await announced(page).textContent()).toBe(`${EN.unavailable} Reason: ${DATABASE_DOWN}`);
  });

  it('checks again by itself every 30 seconds: it notices an outage and the recovery', async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto('/');
    await expect.poll(() => announced(page).textContent(), eventually).toBe(KO.working);

    await page.route('**/v1/health', serviceDown(DATABASE_DOWN));
    await page.clock.runFor(29_000);
    expect(await announced(page).textContent()).toBe(KO.working);
    await page.clock.runFor(1_000);
    await expect.poll(() => announced(page).textContent(), eventually).toContain(KO.unavailable);

    await page.unroute('**/v1/health');
    await page.clock.runFor(30_000);
    await expect.poll(() => announced(page).textContent(), eventually).toBe(KO.working);
  });

  it('lets a keyboard user skip straight to the content', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '본문 바로가기' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen').toBe(true);

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('fits a 360 px phone screen without horizontal scrolling, in both languages and when the service is down', async () => {
    const page = await newPage(PHONE);
    for (const lang of ['ko', 'en']) {
      await page.goto(`/?lang=${lang}`);
      await statusSettled(page);
      expect(await overflowing(page), `page in ${lang}`).toEqual({ width: 360, scrollWidth: 360, wider: [] });
    }

    // One unbroken 120-character token: the kind of reason that pushes a narrow page sideways.
    await page.route('**/v1/health', serviceDown(`DynamoDB:${'x'.repeat(120)}`));
    await page.goto('/?lang=ko');
    await expect.poll(() => announced(page).textContent(), eventually).toContain(KO.unavailable);
    expect(await overflowing(page), 'page with a long reason').toEqual({ width: 360, scrollWidth: 360, wider: [] });
  });

  it('meets WCAG 2.1 AA in Korean, in English, and while showing an outage', async () => {
    const page = await newPage();
    const states: [string, () => Promise<void>][] = [
      ['Korean', () => page.goto('/').then(() => undefined)],
      ['English', () => page.goto('/?lang=en').then(() => undefined)],
      [
        'Korean, service down',
        async () => {
          await page.route('**/v1/health', serviceDown(DATABASE_DOWN));
          await page.goto('/?lang=ko');
        },
      ],
    ];
    for (const [name, open] of states) {
      await open();
      await statusSettled(page);
      await expectAccessible(page, name);
    }
  });

  it('leaves phone and desktop pictures of the portal, in Korean and in English, for review', async () => {
    for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      for (const lang of ['ko', 'en']) {
        const page = await newPage(options);
        await page.goto(`/?lang=${lang}`);
        await statusSettled(page);
        await saveScreenshot(page, `portal-${device}-${lang}`);
      }
    }
  });
});
