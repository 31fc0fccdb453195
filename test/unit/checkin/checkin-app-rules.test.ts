import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quarantineConfig } from '../../../shared/quarantine/quarantine-config.ts';
import { currentOrNextWindow as serverWindow, windowId } from '../../../shared/quarantine/checkin-window.ts';
import * as server from '../../../shared/quarantine/enrollment-code.ts';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { currentOrNextWindow as phoneWindow } from '../../../web/checkin/checkin-windows.js';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import * as phone from '../../../web/checkin/enrollment-code.js';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { codeFromFragment } from '../../../web/checkin/enrollment-code.js';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { isEnded, POSITIONS_PER_BATCH, retryDelayMs } from '../../../web/checkin/outbox.js';

/** What a person might type: symbols of the code, confusables, separators, lowercase, full-width letters. */
const typed = fc
  .array(fc.constantFrom(...'23456789ABCDEFGHJKMNPQRSTVWXYZabcdxyz01ILOU-  ._Ａｂ#é'.split('')), { maxLength: 14 })
  .map((symbols) => symbols.join(''));

describe('the check-in app reads a code as the server does', () => {
  it('uses the server’s alphabet, confusables and length', () => {
    expect([phone.CODE_ALPHABET, phone.CONFUSABLE_SYMBOLS, phone.CODE_LENGTH]).toEqual([server.CODE_ALPHABET, server.CONFUSABLE_SYMBOLS, server.CODE_LENGTH]);
  });

  it('accepts, refuses and explains every typed code exactly as the server would', () => {
    fc.assert(
      fc.property(typed, (text) => {
        expect(phone.parseEnrollmentCode(text)).toEqual(server.parseEnrollmentCode(text));
      }),
    );
  });

  it('takes the code of an enrolment link from its fragment, in the form the server formats it', () => {
    const code = server.newEnrollmentCode();
    expect(phone.parseEnrollmentCode(codeFromFragment(`#code=${server.formatEnrollmentCode(code)}`))).toEqual({ ok: true, code });
    expect(codeFromFragment('')).toBeUndefined();
    expect(codeFromFragment('#code=')).toBeUndefined();
  });
});

describe('the check-in app reckons the windows as the server does when it is offline', () => {
  it('names the same window, opening and closing at the same moments, at any time', () => {
    const windows = quarantineConfig.checkinWindows;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }), (at) => {
        const expected = serverWindow(windows, at);
        expect(phoneWindow(windows, at)).toEqual({
          window: windowId(expected),
          name: expected.name,
          opensAt: new Date(expected.opensAt).toISOString(),
          closesAt: new Date(expected.closesAt).toISOString(),
        });
      }),
    );
  });
});

describe('the outbox', () => {
  it('waits longer after each failure, never more than five minutes, and never less than half its step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, random) => {
        const delay = retryDelayMs(failures, () => random);
        const step = Math.min(300_000, 2_000 * 2 ** (failures - 1));
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(300_000);
      }),
    );
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
  });

  it('stops for good only when the token has ended, and keeps what it could not send otherwise', () => {
    const problem = (status: number) => ({ kind: 'problem', status, problem: {} });
    expect([401, 410].map((status) => isEnded(problem(status)))).toEqual([true, true]);
    expect([400, 404, 409, 429, 500, 503].map((status) => isEnded(problem(status)))).toEqual([false, false, false, false, false, false]);
    expect(isEnded({ kind: 'unreachable' })).toBe(false);
  });

  it('sends at most the API’s 50 positions a request', () => {
    expect(POSITIONS_PER_BATCH).toBe(50);
  });
});
