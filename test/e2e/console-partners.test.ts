import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { describeViolations, findAccessibilityViolations } from './axe.ts';
import { launchBrowser, saveScreenshot } from './browser.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const eventually = { timeout: 10_000, interval: 100 };
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

let runtime: LocalRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageProblems: string[] = [];

const tokenOf = (officerId: string): string => {
  const token = runtime.credentials.officials.find((o) => o.officerId === officerId)?.token;
  if (!token) throw new Error(`no demo official ${officerId}`);
  return token;
};

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  expect(pageProblems.splice(0), 'the page had script errors, CSP refusals or missing files').toEqual([]);
});

const newPage = async (options: BrowserContextOptions = DESKTOP): Promise<Page> => {
  const context = await browser.newContext({ baseURL: runtime.baseUrl, ...options });
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: runtime.baseUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageProblems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) pageProblems.push(`CSP: ${message.text()}`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && !pathname.startsWith('/v1/') && !pathname.startsWith('/local/')) pageProblems.push(`${response.status()} for ${pathname}`);
  });
  return page;
};

const openAs = async (page: Page, officerId: string, hash: string, lang = 'ko') => {
  await page.goto(`/console/?lang=${lang}`);
  await page.evaluate((token) => sessionStorage.setItem('crisis-response.console.idToken', token), tokenOf(officerId));
  await page.goto(`/console/?lang=${lang}${hash}`);
  await page.reload();
  await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-in');
};

const expectAccessible = async (page: Page, what: string) => {
  const violations = await findAccessibilityViolations(page);
  expect(violations.length, `${what}:\n${describeViolations(violations)}`).toBe(0);
};

const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wider = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('.table-scroll'))
      .map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className)}` : ''}`);
    return { width, scrollWidth: document.documentElement.scrollWidth, wider };
  });

const rowOf = (page: Page, partnerId: string) => page.locator('.partners-table tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${partnerId}$`) }) });

describe('the console’s card companies screen', () => {
  it('lets a national admin add a card company and shows its secret once, with a copy button, until it is handed over', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/partners');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('카드사 (제휴사)');
    await expect.poll(() => page.locator('.partners-table tbody tr').count(), eventually).toBeGreaterThanOrEqual(9);
    expect(await rowOf(page, 'kb-kookmin').locator('td').first().textContent()).toBe('KB Kookmin Card');
    // The list says how many secrets are valid, never what they are.
    expect(await page.locator('[data-partners]').innerText()).not.toContain('whsec_');

    await page.getByLabel('제휴사 ID').fill('Kakao Card');
    await page.getByLabel('이름', { exact: true }).fill('카카오카드');
    await page.getByRole('button', { name: '추가하고 비밀키 받기' }).click();
    expect(await page.locator('#partner-form-error').textContent()).toContain('영문 소문자');
    expect(await page.getByLabel('제휴사 ID').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('제휴사 ID').fill('kakao-card');
    await page.getByRole('button', { name: '추가하고 비밀키 받기' }).click();
    const secret = page.locator('[data-partner-secret="kakao-card"]');
    await expect.poll(() => secret.textContent(), eventually).toMatch(SECRET);
    expect(await page.locator('[data-issued]').innerText()).toContain('다시는 볼 수 없습니다');
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe('kakao-card를 추가했습니다. 새 비밀키가 한 번 표시됩니다.');
    await page.getByRole('button', { name: '비밀키 복사' }).click();
    await expect.poll(() => page.locator('[data-copy-status]').textContent(), eventually).toBe('비밀키를 복사했습니다.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secret.textContent());
    await expect.poll(() => rowOf(page, 'kakao-card').locator('td').allTextContents(), eventually).toEqual(['카카오카드', expect.stringMatching(/^추가 .+교체 —$/), '1개', '비밀키 교체']);
    await expectAccessible(page, 'a new secret shown once, Korean');
    await saveScreenshot(page, 'console-partners-added');

    await page.getByRole('button', { name: '전달했습니다. 비밀키 숨기기' }).click();
    expect(await page.locator('[data-partner-secret]').count()).toBe(0);
    expect(await page.content()).not.toContain('whsec_');

    // Adding it again is refused by the API, and shows no secret.
    await page.getByLabel('제휴사 ID').fill('kakao-card');
    await page.getByLabel('이름', { exact: true }).fill('다른 이름');
    await page.getByRole('button', { name: '추가하고 비밀키 받기' }).click();
    await expect.poll(() => page.locator('.console-form .console-problem').count(), eventually).toBe(1);
    expect(await page.locator('[data-partner-secret]').count()).toBe(0);
  });

  it('rotates a secret after asking, and shows the new one once with how long the previous one stays valid', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/partners');
    await expect.poll(() => rowOf(page, 'nh').count(), eventually).toBe(1);
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'nh의 비밀키 교체' }).click();
    const secret = page.locator('[data-partner-secret="nh"]');
    await expect.poll(() => secret.textContent(), eventually).toMatch(SECRET);
    expect(asked).toContain('24시간');
    expect(await secret.textContent()).not.toBe(runtime.credentials.partners.find((p) => p.id === 'nh')?.secret);
    expect(await page.locator('[data-issued]').innerText()).toContain('이전 비밀키는');
    await expect.poll(() => rowOf(page, 'nh').locator('td').nth(2).textContent(), eventually).toMatch(/^2개 \(이전 키는 .+까지\)$/);

    // Declining the question changes nothing.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'bc의 비밀키 교체' }).click();
    expect(await page.locator('[data-partner-secret="bc"]').count()).toBe(0);
    expect(await rowOf(page, 'bc').locator('td').nth(2).textContent()).toBe('1개');
    await saveScreenshot(page, 'console-partners-rotated');
  });

  it('fits a phone, in English, and passes WCAG 2.1 AA with a secret shown', async () => {
    const page = await newPage(PHONE);
    await openAs(page, 'national-admin-01', '#/partners', 'en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Card companies (partners)');
    await expect.poll(() => page.locator('.partners-table tbody tr').count(), eventually).toBeGreaterThanOrEqual(9);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Rotate secret of hana' }).click();
    await expect.poll(() => page.locator('[data-partner-secret="hana"]').textContent(), eventually).toMatch(SECRET);
    expect(await page.locator('[data-issued]').innerText()).toContain('You will not see it again');
    await expectAccessible(page, 'partners on a phone, English');
    expect(await overflowing(page), 'partners on a phone').toEqual({ width: 360, scrollWidth: 360, wider: [] });
    await saveScreenshot(page, 'console-partners-phone-en');
  });

  it('is not offered to a region admin, and the API refuses them anyway', async () => {
    const page = await newPage();
    await openAs(page, 'admin-0001', '#/partners');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('카드사 (제휴사)');
    expect(await page.locator('a[href="#/partners"]').count()).toBe(0);
    const response = await fetch(`${runtime.baseUrl}/v1/admin/partners`, { headers: { authorization: `Bearer ${tokenOf('admin-0001')}` } });
    expect(response.status).toBe(403);
  });
});
