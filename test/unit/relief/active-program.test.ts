import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import program2020 from '../../../config/relief-2020.json' with { type: 'json' };
import { judgeApplication } from '../../../shared/relief/application.ts';
import { activeProgram, demoProgram, reliefClock } from '../../../shared/relief/active-program.ts';
import { reliefProgramSchema } from '../../../shared/relief/relief-program.ts';

const of2020 = reliefProgramSchema.parse(program2020);

describe('the active relief program', () => {
  it('runs 2020 as it was when named relief-2020', () => {
    expect(activeProgram('relief-2020', of2020, new Date('2026-12-02T00:00:00Z'))).toBe(of2020);
  });

  it('makes a demo named after its opening that a new user can apply to and spend today, on 2020’s amounts and exclusions', () => {
    const demo = demoProgram(of2020, new Date('2026-12-02T03:00:00Z'));
    expect(demo.name).toBe('demo-relief-2026-11-12');
    // 2020's first five days (11–15 May) on the head's weekday, moved with the opening: over long before today.
    expect(demo.application).toEqual({ opens: '2026-11-12', closes: '2027-01-11', birthYearWeekdayUntil: '2026-11-16' });
    expect(demo.spending.until).toBe('2027-02-20');
    expect(demo.amounts).toEqual(of2020.amounts);
    expect(demo.excludedCategories).toEqual(of2020.excludedCategories);
  });

  it('whatever today is, approves a head of household of any birth year in the demo', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: 1920, max: 2005 }), (now, birthYear) => {
        const program = demoProgram(of2020, now);
        const decision = judgeApplication({ program, at: now, birthYear, household: { householdId: 'h', members: 2, regionCode: '11', isHead: true }, alreadyGranted: false });
        expect(decision).toMatchObject({ decision: 'approved', amount: 600_000 });
      }),
    );
  });

  it('judges the demo’s first five days by the head’s birth-year weekday, as 2020’s first week was', () => {
    // Opened Thursday 12 November: Thursday is 4·9's day, the weekend nobody's, Monday 16 November 1·6's.
    const demo = demoProgram(of2020, new Date('2026-12-02T03:00:00Z'));
    const apply = (at: string, birthYear: number) =>
      judgeApplication({ program: demo, at: new Date(at), birthYear, household: { householdId: 'h', members: 1, regionCode: '11', isHead: true }, alreadyGranted: false }).decision;
    expect([apply('2026-11-12T03:00:00Z', 1984), apply('2026-11-12T03:00:00Z', 1981), apply('2026-11-14T03:00:00Z', 1984)]).toEqual(['approved', 'rejected', 'rejected']);
    expect([apply('2026-11-16T03:00:00Z', 1981), apply('2026-11-17T03:00:00Z', 1984)]).toEqual(['approved', 'approved']);
  });

  it('replays 2020 from RELIEF_AS_OF with the clock running on', () => {
    const started = Date.now() - 5_000;
    const now = reliefClock('2020-05-11T00:00:00Z', started)();
    expect(now.getTime() - Date.parse('2020-05-11T00:00:00Z')).toBeGreaterThanOrEqual(5_000);
    expect(now.getTime() - Date.parse('2020-05-11T00:00:00Z')).toBeLessThan(60_000);
    expect(Math.abs(reliefClock(undefined)().getTime() - Date.now())).toBeLessThan(1_000);
  });
});
