import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import program2020 from '../../../config/relief-2020.json' with { type: 'json' };
import { judgeApplication, type RegistryMatch } from '../../../shared/relief/application.ts';
import { grantAmountFor, reliefProgramSchema } from '../../../shared/relief/relief-program.ts';

const program = reliefProgramSchema.parse(program2020);
const head: RegistryMatch = { householdId: 'h-1', members: 3, regionCode: '11', isHead: true };
/** 10:00 in Korea on a day of May 2020. */
const may = (day: number) => new Date(`2020-05-${String(day).padStart(2, '0')}T10:00:00+09:00`);
const apply = (over: Partial<Parameters<typeof judgeApplication>[0]> = {}) =>
  judgeApplication({ program, at: may(18), birthYear: 1971, household: head, alreadyGranted: false, ...over });

describe('an application for the relief grant', () => {
  it('approves a head of household with the grant for its size, in its region, spendable until 31 August', () => {
    expect(apply()).toEqual({ decision: 'approved', householdId: 'h-1', amount: 800_000, donated: 0, regionCode: '11', expiresAt: '2020-08-31T14:59:59.999Z' });
  });

  it('rejects in the order a person is told: not in the register, not the head, outside the period, not their day, already paid', () => {
    expect(apply({ household: undefined })).toMatchObject({ reason: 'not-in-registry' });
    expect(apply({ household: { ...head, isHead: false } })).toMatchObject({ reason: 'not-head-of-household' });
    expect(apply({ at: may(10) })).toMatchObject({ reason: 'outside-application-period' });
    expect(apply({ at: new Date('2020-08-19T00:00:00+09:00') })).toMatchObject({ reason: 'outside-application-period' });
    expect(apply({ at: may(12), birthYear: 1971 })).toMatchObject({ reason: 'not-your-day' });
    expect(apply({ alreadyGranted: true })).toMatchObject({ reason: 'already-granted' });
  });

  it('in the first week lets each birth-year digit apply on exactly one weekday, and everyone from the weekend on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1920, max: 2002 }), (birthYear) => {
        const days = [11, 12, 13, 14, 15].filter((day) => apply({ at: may(day), birthYear }).decision === 'approved');
        expect(days).toHaveLength(1);
        expect(days[0]).toBe(11 + ((birthYear % 10) + 4) % 5);
        expect(apply({ at: may(16), birthYear }).decision).toBe('approved');
      }),
    );
  });

  it('splits the grant into points and a donation that together make the whole grant, never more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.oneof(fc.constant('all' as const), fc.integer({ min: 0, max: 200 }).map((n) => n * 10_000)), (members, donate) => {
        const decision = apply({ household: { ...head, members }, donate });
        if (decision.decision !== 'approved') throw new Error('expected an approval');
        const grant = grantAmountFor(program, members);
        expect(decision.amount + decision.donated).toBe(grant);
        expect(decision.donated).toBeLessThanOrEqual(grant);
        expect(decision.amount).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
