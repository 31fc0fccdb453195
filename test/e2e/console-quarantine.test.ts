import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { DESKTOP, PHONE, saveScreenshot } from './browser.ts';
import { consoleSession } from './console-session.ts';
import { overflowing } from './overflow.ts';

const eventually = { timeout: 10_000, interval: 100 };
/** Ten symbols of the code alphabet (no 0/O, 1/I/L, U), grouped by dashes for reading aloud. */
const CODE = /^(?:[2-9A-HJKMNP-TV-Z]-?){9}[2-9A-HJKMNP-TV-Z]$/;
/** Seoul City Hall: a home in the demo officer's region. */
const HOME = { lat: 37.5663, lng: 126.9779 };

const session = consoleSession();
const { newPage, openAs, tokenOf } = session;
/** A case made through the API for the screens that only look (403, accessibility). */
let shownCase: string;

const koreanMinute = (ms: number) => `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16)}:00+09:00`;

const createThroughApi = async (officerId: string, name: string) => {
  const response = await fetch(`${session.runtime.baseUrl}/v1/quarantine/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(officerId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      person: { name, phone: '010-2222-3333', language: 'ko' },
      home: HOME,
      fence: { type: 'circle', radiusM: 120 },
      startsAt: koreanMinute(Date.now()),
      endsAt: koreanMinute(Date.now() + 14 * 86_400_000),
      region: '11',
      officerId,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { caseId: string; enrollmentCode: string };
};

beforeAll(async () => {
  ({ caseId: shownCase } = await createThroughApi('officer-seoul-01', '이서연'));
});

const caseOf = async (caseId: string) => {
  const response = await fetch(`${session.runtime.baseUrl}/v1/quarantine/cases/${caseId}`, { headers: { authorization: `Bearer ${tokenOf('officer-seoul-01')}` } });
  return (await response.json()) as { state: string; closedReason?: string; outings: { reason: string }[] };
};

describe('the console’s quarantine screens', () => {
  it('lets an officer register a case, hand over its code and QR, and grant an outing and close it from the case page', async () => {
    const page = await newPage();
    await openAs(page, 'officer-seoul-01', '#/cases');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('자가격리 대상자');
    await page.getByLabel('이름').fill('김민수');
    await page.getByLabel('전화번호').fill('010-1234-5678');
    // A home by address only needs a geocoder, which the local runtime has not: the API's 422 names the home.
    await page.getByLabel('주소').fill('서울특별시 중구 세종대로 110');
    await page.getByRole('button', { name: '등록하고 코드 받기' }).click();
    const refusal = page.locator('[data-new-case] .console-problem');
    await expect.poll(() => refusal.getAttribute('data-status'), eventually).toBe('422');
    expect(await page.locator('[data-new-case] [aria-invalid="true"]').evaluateAll((fields) => fields.map((f) => f.id))).toEqual(expect.arrayContaining([expect.stringMatching(/^case-(lat|address)$/)]));
    expect(await page.locator('[data-created] [data-enrollment]').count()).toBe(0);
    await page.getByLabel('주소').fill('');
    await page.getByLabel('위도').fill(String(HOME.lat));
    await page.getByLabel('경도').fill(String(HOME.lng));
    await page.getByRole('button', { name: '등록하고 코드 받기' }).click();

    const enrolment = page.locator('[data-created] [data-enrollment]');
    const code = (await enrolment.locator('[data-enrollment-code]').textContent()) ?? '';
    expect(code).toMatch(CODE);
    const caseId = (await enrolment.getAttribute('data-enrollment')) ?? '';
    expect(caseId).toMatch(/^c_[A-Za-z0-9_-]{22}$/);
    // The link carries the code in its fragment only; the QR is the API's SVG, drawn in the page as a picture.
    const link = (await enrolment.locator('[data-enrollment-url]').getAttribute('href')) ?? '';
    expect(new URL(link).hash).toBe(`#code=${code.replaceAll('-', '')}`);
    expect(new URL(link).search).toBe('');
    const qr = page.getByRole('img', { name: `등록 QR 코드. 코드는 ${code}입니다.` });
    expect(await qr.evaluate((svg) => svg.namespaceURI === 'http://www.w3.org/2000/svg' && svg.querySelectorAll('path, rect').length > 0)).toBe(true);
    expect(await qr.boundingBox()).toMatchObject({ width: expect.any(Number) });
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe(`등록 코드 ${code}가 발급되었습니다.`);
    // The new case is in the list, without a name.
    const row = page.locator('.cases-table tr', { has: page.locator(`[data-case-id="${caseId}"]`) });
    // The list reloads after the create: wait for the new row rather than read the old list.
    await expect.poll(() => row.locator('td').allTextContents(), eventually).toEqual(['격리 중', '아니요', '—', '알 수 없음', '—', '0', '14']);
    expect(await page.locator('[data-case-list]').innerText()).not.toContain('김민수');

    // Print: the page printed is the QR and the code alone.
    await page.evaluate(() => Object.assign(window, { printed: 0, print: () => Object.assign(window, { printed: 1 }) }));
    await page.getByRole('button', { name: 'QR 코드 인쇄' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-created] [data-enrollment-code]').isVisible()).toBe(true);
    expect(await qr.isVisible()).toBe(true);
    for (const hidden of ['h1', '.site-header', '[data-case-list]', '[data-new-case]', '[data-print-qr]', '[data-enrollment-url]']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'console-quarantine-print', { whole: false });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await saveScreenshot(page, 'console-quarantine-created');

    // The case page: the person (an audited read), the map of home and fence, the timeline.
    await page.getByRole('link', { name: '이 대상자 화면 열기' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), eventually).toBe(`대상자 ${caseId}`);
    expect(await page.locator('.case-facts').nth(1).innerText()).toContain('김민수');
    expect(await page.locator('.case-facts').nth(1).innerText()).toContain('010-1234-5678');
    const map = page.locator('[data-map="case-map"]');
    await expect.poll(() => map.getAttribute('data-tiles'), eventually).toBe('drawn');
    expect(await map.locator('.home-mark').count()).toBe(1);
    expect(await map.locator('path.fence-shape').count()).toBe(1);
    expect(await page.getByText('집 둘레: 반경 100 m 원').count()).toBe(1);
    expect(await page.getByRole('heading', { name: '기록' }).count()).toBe(1);

    await page.getByLabel('사유', { exact: true }).fill('선별진료소 검사');
    await page.getByRole('button', { name: '외출 허가', exact: true }).click();
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe('외출을 허가했습니다.');
    expect(await page.getByRole('table', { name: '허가된 외출' }).locator('tbody td').last().textContent()).toBe('선별진료소 검사');

    await page.getByLabel('해제 사유').fill('격리 기간 단축');
    await page.getByRole('button', { name: '격리 해제', exact: true }).click();
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe('격리를 해제했습니다.');
    await expect.poll(() => page.locator('.case-facts').first().innerText(), eventually).toContain('격리 끝남');
    expect(await page.getByRole('button', { name: '격리 해제', exact: true }).count()).toBe(0);
    await saveScreenshot(page, 'console-quarantine-case-closed');
    expect(await caseOf(caseId)).toMatchObject({ state: 'ended', closedReason: '격리 기간 단축', outings: [expect.objectContaining({ reason: '선별진료소 검사' })] });
  });

  it('tells an officer of another region who opens a case’s address that they may not see it, with the API’s reason', async () => {
    const page = await newPage();
    const refused = page.waitForResponse((response) => response.url().endsWith(`/v1/quarantine/cases/${shownCase}`));
    await openAs(page, 'officer-daegu-01', `#/cases/${shownCase}`);
    expect((await refused).status()).toBe(403);
    const problem = page.getByRole('alert');
    await expect.poll(() => problem.textContent(), eventually).toContain('이 대상자를 볼 권한이 없습니다.');
    expect(await problem.locator('span[lang]').textContent()).not.toBe('');
    expect(await page.getByText('이서연').count()).toBe(0);
    await saveScreenshot(page, 'console-quarantine-forbidden', { whole: false });
  });

  it('meets WCAG 2.1 AA on the cases, case and map screens in Korean and English, fits a phone, and leaves screenshots', async () => {
    const screens = [
      ['cases', '#/cases', '.cases-table'],
      ['case', `#/cases/${shownCase}`, '[data-map="case-map"][data-tiles="drawn"]'],
      ['map', '#/quarantine-map', '[data-map="region-map"][data-tiles="drawn"]'],
    ] as const;
    for (const lang of ['ko', 'en']) {
      // One tab per language, moved between the screens by their addresses as a link would.
      const page = await newPage(lang === 'ko' ? PHONE : DESKTOP);
      await openAs(page, 'officer-seoul-01', '#/cases', lang);
      for (const [name, hash, ready] of screens) {
        await page.evaluate((address) => (window.location.hash = address), hash);
        await page.locator(ready).first().waitFor();
        await expectAccessible(page, `${name}, ${lang}`);
        if (lang === 'ko') expect(await overflowing(page), `${name} on a phone`).toEqual({ width: 360, scrollWidth: 360, wider: [] });
        await saveScreenshot(page, `console-quarantine-${name}-${lang === 'ko' ? 'phone-ko' : 'desktop-en'}`);
      }
    }
  });

  it('maps the region’s cases without names, to ≈100 m, with the counts by state in a table', async () => {
    const page = await newPage();
    await openAs(page, 'admin-0001', '#/quarantine-map');
    const counts = page.getByRole('table', { name: '서울특별시 상태별, 집 안/밖별 대상자 수' });
    await counts.waitFor();
    const active = await counts.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(active[0]).toBe('격리 중');
    expect(Number(active[1])).toBeGreaterThanOrEqual(1);
    const places = await page.getByRole('table', { name: '지도의 대상자와 대략의 위치' }).locator('tbody td:last-child').allTextContents();
    expect(places.length).toBeGreaterThanOrEqual(1);
    for (const place of places) expect(place).toMatch(/^\d+\.\d{3}, \d+\.\d{3}$/);
    expect(await page.locator('main').innerText()).not.toContain('이서연');
    expect(await page.locator('[data-map="region-map"] .case-mark, [data-map="region-map"] .case-group-mark').count()).toBeGreaterThanOrEqual(1);
  });
});
