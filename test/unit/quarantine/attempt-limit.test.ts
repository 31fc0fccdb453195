import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, mayAttempt, PER_CODE, type AttemptLimit, type AttemptWindow } from '../../../shared/quarantine/attempt-limit.ts';

const start = Date.parse('2026-03-01T00:00:00Z');
const limits = fc.record({ max: fc.integer({ min: 1, max: 20 }), windowSeconds: fc.integer({ min: 1, max: 7200 }) });
/** Seconds between a client's attempts. */
const gaps = fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 80 });

/** A client that guesses wrong whenever it is allowed to. */
const guessAlways = (limit: AttemptLimit, spacing: readonly number[]) => {
  let window: AttemptWindow | undefined;
  let t = start;
  const failedAt: number[] = [];
  for (const gap of spacing) {
    t += gap * 1000;
    const verdict = mayAttempt(window, limit, new Date(t));
    if (verdict.allowed) {
      window = afterFailure(window, limit, new Date(t));
      failedAt.push(t);
    } else {
      expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(limit.windowSeconds);
      // Coming back when told to is always allowed.
      expect(mayAttempt(window, limit, new Date(t + verdict.retryAfterSeconds * 1000)).allowed).toBe(true);
    }
  }
  return failedAt;
};

describe('attempt limits', () => {
  it('never let more than max wrong guesses through within one window, whatever their spacing', () => {
    fc.assert(
      fc.property(limits, gaps, (limit, spacing) => {
        const failedAt = guessAlways(limit, spacing);
        for (const t of failedAt) {
          // Fixed windows: any span of one window length holds at most two windows' worth.
          const inSpan = failedAt.filter((u) => u >= t && u < t + limit.windowSeconds * 1000).length;
          expect(inSpan).toBeLessThanOrEqual(2 * limit.max);
        }
      }),
    );
  });

  it('let a person who mistypes a few times go on at once', () => {
    let window: AttemptWindow | undefined;
    const now = new Date(start);
    for (let i = 0; i < PER_CODE.max - 1; i++) window = afterFailure(window, PER_CODE, now);
    expect(mayAttempt(window, PER_CODE, now)).toEqual({ allowed: true });
  });

  it('say when to come back once the limit is reached, and forget the failures after the window', () => {
    let window: AttemptWindow | undefined;
    for (let i = 0; i < PER_CODE.max; i++) window = afterFailure(window, PER_CODE, new Date(start + i * 1000));
    expect(mayAttempt(window, PER_CODE, new Date(start + 60_000))).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 - 60 });
    const later = new Date(start + 15 * 60_000);
    expect(mayAttempt(window, PER_CODE, later)).toEqual({ allowed: true });
    expect(afterFailure(window, PER_CODE, later)).toEqual({ failures: 1, since: later.toISOString() });
  });

  it('bound a code’s 48 hours to 960 wrong guesses against its 29.4-bit secret part', () => {
    const spacing = Array.from({ length: 48 * 60 * 6 }, () => 10);
    expect(guessAlways(PER_CODE, spacing)).toHaveLength((48 * 60 / 15) * PER_CODE.max);
  });
});
