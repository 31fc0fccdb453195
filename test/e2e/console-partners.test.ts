import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { PHONE, saveScreenshot } from './browser.ts';
import { consoleSession } from './console-session.ts';
import { overflowing } from './overflow.ts';

const eventually = { timeout: 10_000, interval: 100 };
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

const session = consoleSession({
  prepare: (context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.runtime.baseUrl }),
});
const { newPage, openAs, tokenOf } = session;

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
    expect(await secret.textContent()).not.toBe(session.runtime.credentials.partners.find((p) => p.id === 'nh')?.secret);
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
    const response = await fetch(`${session.runtime.baseUrl}/v1/admin/partners`, { headers: { authorization: `Bearer ${tokenOf('admin-0001')}` } });
    expect(response.status).toBe(403);
  });
});
