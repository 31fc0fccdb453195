import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { householdOf, residentBornIn, type TestHousehold } from '../setup/relief.ts';
import { expectAccessible } from './axe.ts';
import { PHONE, saveScreenshot } from './browser.ts';
import { consoleSession } from './console-session.ts';
import { overflowing } from './overflow.ts';

const eventually = { timeout: 30_000, interval: 200 };

const session = consoleSession();
const { newPage, openAs, tokenOf } = session;

// Households as the registry's CSV lists them, and one row the import must refuse (no such region).
const csvOf = (households: readonly TestHousehold[], bad: { householdId: string; head: string }) =>
  Buffer.from(
    [
      'householdId,headResidentId,memberResidentIds,regionCode',
      ...households.map((h) => `${h.householdId},${h.head},${h.members.join(';')},${h.regionCode}`),
      `${bad.householdId},${bad.head},,99`,
    ].join('\n') + '\n',
  );

const stored = async (householdIds: readonly string[]) => {
  const table = session.runtime.tableNames.get('relief-households') ?? '';
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: session.runtime.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const { Responses } = await dynamo.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: householdIds.map((id) => ({ pk: `household#${id}` })), ConsistentRead: true } } }));
  return new Map((Responses?.[table] ?? []).map((item) => [item.householdId as string, item]));
};

const count = (page: Page, name: string) => page.locator(`[data-import-count="${name}"]`).textContent();

/** Chooses the file and starts the import; resolves once the screen says it is done. */
const importThrough = async (page: Page, file: { name: string; mimeType: string; buffer: Buffer }, button: string, done: string) => {
  await page.getByLabel(/명부 파일|Registry file/).setInputFiles(file);
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => count(page, 'state'), eventually).toBe(done);
};

describe('the console’s household registry import screen', () => {
  it('lets a national admin upload a CSV, follows it to the end, and names the refused row and field', async () => {
    const households = [householdOf(3, '11'), householdOf(1, '26'), householdOf(4, '41')];
    const bad = { householdId: 'h-bad-region', head: residentBornIn(1980) };
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/relief');
    await page.locator('a[href="#/imports"]').click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('가구 명부 가져오기');

    const started = page.waitForRequest((request) => request.method() === 'PUT' && new URL(request.url()).pathname.startsWith('/local/uploads/'));
    await importThrough(page, { name: 'registry.csv', mimeType: 'text/csv', buffer: csvOf(households, bad) }, '가져오기 시작', '완료');
    // The file went straight to the upload URL with the headers the API named.
    const put = await started;
    expect(put.headers()).toMatchObject({ 'content-type': 'text/csv', 'if-none-match': '*' });

    expect(await count(page, 'rows-read')).toBe('4');
    expect(await count(page, 'upserted')).toBe('3');
    expect(await count(page, 'rejected')).toBe('1');
    expect(await count(page, 'chunks')).toBe('1 / 1');
    expect(await page.locator('[data-import-status]').textContent()).toBe('가져오기 완료: 3가구 추가·갱신, 1행 거부.');
    await expect.poll(() => page.locator('[data-announcer]').textContent(), eventually).toBe('가져오기 완료: 3가구 추가·갱신, 1행 거부.');
    const errors = page.locator('.import-errors tbody tr');
    expect(await errors.count()).toBe(1);
    expect(await errors.locator('th').textContent()).toBe('4');
    expect(await errors.locator('td').first().textContent()).toBe('regionCode');
    // Nothing on the screen is a resident number, not even the refused row's.
    const shown = await page.locator('main').innerText();
    for (const number of [bad.head, ...households.flatMap((h) => [h.head, ...h.members])]) expect(shown).not.toContain(number);

    // The households are in the registry, as the file said.
    const registry = await stored([...households.map((h) => h.householdId), bad.householdId]);
    for (const h of households) expect(registry.get(h.householdId), h.householdId).toMatchObject({ regionCode: h.regionCode, size: h.members.length + 1 });
    expect(registry.has(bad.householdId)).toBe(false);

    await expectAccessible(page, 'an import done with a refused row, Korean, desktop');
    await saveScreenshot(page, 'console-imports-done-ko');

    // The address names the import: a reload follows the same one.
    const importId = /^#\/imports\/([0-9a-f-]{36})$/.exec(new URL(page.url()).hash)?.[1];
    expect(importId).toBeDefined();
    await page.reload();
    await expect.poll(() => count(page, 'state'), eventually).toBe('완료');
    expect(await page.locator('[data-import-progress]').innerText()).toContain(`가져오기 ID: ${importId}`);
    expect(await page.locator('.import-errors tbody tr').count()).toBe(1);
  });

  it('refuses an empty file and a file of another format in the official’s words, before asking the API', async () => {
    const page = await newPage();
    await openAs(page, 'national-admin-01', '#/imports', 'en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Household registry import');
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') asked.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });

    await page.getByRole('button', { name: 'Start the import' }).click();
    expect(await page.locator('#import-form-error').textContent()).toBe('Choose a file to upload.');

    await page.getByLabel('Registry file (CSV or JSON lines)').setInputFiles({ name: 'registry.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') });
    await page.getByRole('button', { name: 'Start the import' }).click();
    expect(await page.locator('#import-form-error').textContent()).toBe('registry.xlsx is not a CSV (.csv) or JSON lines (.json, .jsonl, .ndjson) file.');
    expect(await page.getByLabel('Registry file (CSV or JSON lines)').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Registry file (CSV or JSON lines)').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByRole('button', { name: 'Start the import' }).click();
    expect(await page.locator('#import-form-error').textContent()).toBe('The file empty.csv is empty. Choose a file that lists households.');
    expect(asked).toEqual([]);
    await expectAccessible(page, 'a refused file, English, desktop');
    await saveScreenshot(page, 'console-imports-refused-en');
  });

  it('shows the API’s reason when it refuses an import', async () => {
    const page = await newPage();
    let asked = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/admin/households/imports/not-an-import-0000') asked++;
    });
    await openAs(page, 'national-admin-01', '#/imports/not-an-import-0000', 'en');
    // An import the API does not know: its 404 is said, and the screen stops asking.
    await expect.poll(() => page.locator('[data-import-progress] .console-problem').textContent(), eventually).toBe(
      'Could not get the information. Reason: There is no import not-an-import-0000.',
    );
    const before = asked;
    await page.waitForTimeout(2_000);
    expect(asked).toBe(before);
  });

  it('fits a phone, in English and in Korean, and passes WCAG 2.1 AA with the row errors shown', async () => {
    const households = [householdOf(2, '47')];
    const page = await newPage(PHONE);
    await openAs(page, 'national-admin-01', '#/imports', 'en');
    await importThrough(page, { name: 'households.csv', mimeType: 'text/csv', buffer: csvOf(households, { householdId: 'h-bad-phone', head: residentBornIn(1960) }) }, 'Start the import', 'Done');
    expect(await count(page, 'upserted')).toBe('1');
    expect(await page.locator('[data-import-status]').textContent()).toBe('Import done. Households added or updated: 1; rows rejected: 1.');
    expect(await page.locator('.import-errors tbody tr td').first().textContent()).toBe('regionCode');
    await expectAccessible(page, 'an import done on a phone, English');
    expect(await overflowing(page), 'imports on a phone, English').toEqual({ width: 360, scrollWidth: 360, wider: [] });
    await saveScreenshot(page, 'console-imports-phone-en');

    await openAs(page, 'national-admin-01', new URL(page.url()).hash, 'ko');
    await expect.poll(() => count(page, 'state'), eventually).toBe('완료');
    await expectAccessible(page, 'an import done on a phone, Korean');
    expect(await overflowing(page), 'imports on a phone, Korean').toEqual({ width: 360, scrollWidth: 360, wider: [] });
    await saveScreenshot(page, 'console-imports-phone-ko');
  });

  it('is not offered to a region admin or an officer, and the API refuses them anyway', async () => {
    for (const officerId of ['admin-0001', 'officer-seoul-01']) {
      const page = await newPage();
      await openAs(page, officerId, '#/imports');
      expect(await page.locator('a[href="#/imports"]').count(), officerId).toBe(0);
      expect(await page.getByRole('heading', { level: 1 }).textContent(), officerId).not.toBe('가구 명부 가져오기');
      expect(await page.locator('#import-file').count(), officerId).toBe(0);
      const headers = { authorization: `Bearer ${tokenOf(officerId)}`, 'content-type': 'application/json' };
      const start = await fetch(`${session.runtime.baseUrl}/v1/admin/households:import`, { method: 'POST', headers, body: JSON.stringify({ format: 'csv' }) });
      expect(start.status, officerId).toBe(403);
      const progress = await fetch(`${session.runtime.baseUrl}/v1/admin/households/imports/not-an-import-0000`, { headers });
      expect(progress.status, officerId).toBe(403);
    }
  });
});
