import { describe, expect, it } from 'vitest';
import { afterFailure, PER_CLIENT, type AttemptWindow } from '../../../shared/quarantine/attempt-limit.ts';
import { codeHashes, parseEnrollmentCode, type EnrollmentCode } from '../../../shared/quarantine/enrollment-code.ts';
import { issueEnrollmentCode, judgeRedemption, type IssuedCode } from '../../../shared/quarantine/enrollment.ts';

const pepper = 'pepper-for-tests-0123456789';
const issuedAt = new Date('2026-03-01T09:00:00Z');
const hours = (h: number) => new Date(issuedAt.getTime() + h * 3_600_000);
const issued = issueEnrollmentCode('c_case-0000000000000000000', pepper, issuedAt);
const presented = (code: string) => {
  const parsed = parseEnrollmentCode(code);
  if (!parsed.ok) throw new Error(parsed.problem);
  return codeHashes(pepper, parsed.code);
};
/** Same locator, wrong secret part: the guess a targeted attacker makes. */
const wrongSecret = (code: EnrollmentCode) => presented(code.slice(0, 9) + (code.endsWith('Z') ? 'Y' : 'Z'));
const redeem = (record: IssuedCode | undefined, hashes = issued.hashes, now = hours(1), client?: AttemptWindow) =>
  judgeRedemption({ record, presented: hashes, client, now });

describe('redeeming an enrolment code', () => {
  it('enrols the case with the right code within 48 hours', () => {
    expect(redeem(issued.record)).toEqual({ outcome: 'enrol', caseId: 'c_case-0000000000000000000' });
    expect(redeem(issued.record, issued.hashes, hours(47.99))).toMatchObject({ outcome: 'enrol' });
  });

  it('stores neither the code nor anything that gives it back', () => {
    expect(JSON.stringify(issued.record)).not.toContain(issued.code);
    expect(JSON.stringify(issued.record)).not.toContain(issued.code.slice(0, 4));
  });

  it('works once: a second phone with the same code is told it was used', () => {
    expect(redeem({ ...issued.record, usedAt: hours(1).toISOString() }, issued.hashes, hours(2))).toEqual({ outcome: 'used' });
  });

  it('stops working after 48 hours', () => {
    expect(redeem(issued.record, issued.hashes, hours(48))).toEqual({ outcome: 'expired' });
  });

  it('stops working once a newer code was issued for a new phone', () => {
    expect(redeem({ ...issued.record, supersededAt: hours(2).toISOString() }, issued.hashes, hours(3))).toEqual({ outcome: 'superseded' });
  });

  it('tells a guesser only "wrong code", whether the code it hit is live, used or expired', () => {
    for (const record of [issued.record, { ...issued.record, usedAt: hours(1).toISOString() }, { ...issued.record, supersededAt: hours(1).toISOString() }]) {
      expect(redeem(record, wrongSecret(issued.code), hours(49))).toMatchObject({ outcome: 'wrong-code' });
    }
    expect(redeem(undefined, presented('2222-2222-22'))).toMatchObject({ outcome: 'wrong-code' });
  });

  it('counts a wrong guess against the code it located and against the client', () => {
    const verdict = redeem(issued.record, wrongSecret(issued.code));
    expect(verdict).toEqual({
      outcome: 'wrong-code',
      client: { failures: 1, since: hours(1).toISOString() },
      code: { failures: 1, since: hours(1).toISOString() },
    });
    expect(redeem(undefined, presented('2222-2222-22'))).toEqual({ outcome: 'wrong-code', client: { failures: 1, since: hours(1).toISOString() } });
  });

  it('locks a code for 15 minutes after 5 wrong guesses, even for its holder, from any client', () => {
    let record: IssuedCode = issued.record;
    for (let i = 0; i < 5; i++) {
      const verdict = redeem(record, wrongSecret(issued.code), hours(1));
      if (verdict.outcome !== 'wrong-code') throw new Error(verdict.outcome);
      record = { ...record, ...(verdict.code && { failures: verdict.code }) };
    }
    expect(redeem(record, issued.hashes, hours(1))).toEqual({ outcome: 'too-many-attempts', scope: 'code', retryAfterSeconds: 900 });
    expect(redeem(record, issued.hashes, hours(1.25))).toMatchObject({ outcome: 'enrol' });
  });

  it('stops a client after 10 wrong guesses an hour, before looking at any code', () => {
    let client: AttemptWindow | undefined;
    for (let i = 0; i < 10; i++) client = afterFailure(client, PER_CLIENT, hours(1));
    expect(redeem(issued.record, issued.hashes, hours(1.5), client)).toEqual({ outcome: 'too-many-attempts', scope: 'client', retryAfterSeconds: 1800 });
    expect(redeem(issued.record, issued.hashes, hours(2), client)).toMatchObject({ outcome: 'enrol' });
  });
});
