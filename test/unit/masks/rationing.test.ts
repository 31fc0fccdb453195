import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { koreanWeekday } from '../../../shared/masks/korean-time.ts';
import demoFile from '../../../config/mask-rationing-demo.json' with { type: 'json' };
import timelineFile from '../../../config/mask-rationing.json' with { type: 'json' };
import { decidePurchase, demoRationingTimeline, policyOn, rationingTimeline, timelineFor, weekdayForBirthYear } from '../../../shared/masks/rationing.ts';

const kst = (date: string, time = '12:00') => new Date(`${date}T${time}:00+09:00`);
/** Any instant between two dates (Korean time). */
const instantBetween = (from: string, to: string) => fc.date({ min: kst(from, '00:00'), max: new Date(kst(to, '00:00').getTime() - 1), noInvalidDate: true });
const birthYear = fc.integer({ min: 1920, max: 2019 });

describe('the 2020 rationing timeline', () => {
  it('sells on weekdays only to the birth-year digits of the day, and to anyone at weekends (03-09 to 05-31)', () => {
    fc.assert(
      fc.property(instantBetween('2020-03-09', '2020-06-01'), birthYear, (at, year) => {
        const decision = decidePurchase({ at, birthYear: year, quantity: 1, boughtThisWeek: 0 });
        const day = koreanWeekday(at);
        const expected = day === 0 || day === 6 || weekdayForBirthYear(year) === day;
        expect(decision.ok).toBe(expected);
        if (!decision.ok) expect(decision.refusal.kind).toBe('not-your-day');
      }),
    );
  });

  it('never sells past the weekly limit, and always sells within it on the right day', () => {
    fc.assert(
      fc.property(instantBetween('2020-03-09', '2020-07-12'), birthYear, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 10 }), (at, year, bought, quantity) => {
        const policy = policyOn(at);
        const limit = policy?.youngerLimit && year >= policy.youngerLimit.bornFrom ? policy.youngerLimit.weeklyLimit : policy?.weeklyLimit;
        const decision = decidePurchase({ at, birthYear: year, quantity, boughtThisWeek: bought });
        if (decision.ok) expect(bought + quantity).toBeLessThanOrEqual(limit ?? Infinity);
        else if (decision.refusal.kind === 'weekly-limit') expect(bought + quantity).toBeGreaterThan(limit ?? Infinity);
      }),
    );
  });

  it('follows each change of 2020', () => {
    const sell = (date: string, year: number, bought: number, quantity = 1) => decidePurchase({ at: kst(date), birthYear: year, quantity, boughtThisWeek: bought });
    // 2020-03-10 was a Tuesday: years ending 2 or 7.
    expect(sell('2020-03-10', 1982, 0).ok).toBe(true);
    expect(sell('2020-03-10', 1983, 0)).toMatchObject({ ok: false, refusal: { kind: 'not-your-day' } });
    expect(sell('2020-03-14', 1983, 0).ok).toBe(true); // Saturday
    expect(sell('2020-03-10', 1982, 1, 2)).toMatchObject({ ok: false, refusal: { kind: 'weekly-limit' } }); // 2 a week
    expect(sell('2020-04-28', 1982, 2).ok).toBe(true); // 3 a week from 04-27 (a Tuesday)
    expect(sell('2020-06-02', 1983, 3)).toMatchObject({ ok: false, refusal: { kind: 'weekly-limit' } }); // no weekday rule, 3 a week
    expect(sell('2020-06-02', 2003, 4).ok).toBe(true); // born 2002 or later: 5
    expect(sell('2020-06-19', 1983, 9).ok).toBe(true); // 10 a week
    expect(sell('2020-07-13', 1983, 500, 10).ok).toBe(true); // no limit
    expect(sell('2020-03-01', 1983, 500, 10).ok).toBe(true); // before rationing
  });

  it('explains a refusal in words a pharmacist can read aloud, in Korean and English', () => {
    const refused = decidePurchase({ at: kst('2020-03-10'), birthYear: 1983, quantity: 1, boughtThisWeek: 0 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.refusal.detail.ko).toContain('수요일');
    expect(refused.refusal.detail.en).toContain('Wednesday');
  });
});

describe('the demo policy that npm start runs', () => {
  const someday = instantBetween('2024-01-01', '2040-01-01');

  it('rations on any date as 2020’s first rule did: the birth-year weekday rotation and 2 a week', () => {
    fc.assert(
      fc.property(someday, birthYear, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), (at, year, bought, quantity) => {
        const decision = decidePurchase({ at, birthYear: year, quantity, boughtThisWeek: bought, timeline: demoRationingTimeline });
        const day = koreanWeekday(at);
        const dayAllowed = day === 0 || day === 6 || weekdayForBirthYear(year) === day;
        expect(decision.ok).toBe(dayAllowed && bought + quantity <= 2);
        if (!decision.ok) expect(decision.refusal.kind).toBe(dayAllowed ? 'weekly-limit' : 'not-your-day');
      }),
    );
  });

  it('is what npm start selects, while a replay of a 2020 date and AWS follow the 2020 timeline', () => {
    expect(timelineFor({ policy: 'demo' })).toBe(demoRationingTimeline);
    expect(timelineFor({ policy: 'demo', asOf: '2020-07-13' })).toBe(rationingTimeline);
    expect(timelineFor({ policy: '2020' })).toBe(rationingTimeline);
    // Today the 2020 timeline has ended: anyone buys any number, which is why the demo has its own.
    expect(decidePurchase({ at: kst('2026-11-25'), birthYear: 1983, quantity: 10, boughtThisWeek: 500, timeline: timelineFor({ policy: '2020' }) }).ok).toBe(true);
    // 2026-11-25 is a Wednesday: years ending 3 or 8.
    expect(decidePurchase({ at: kst('2026-11-25'), birthYear: 1984, quantity: 1, boughtThisWeek: 0, timeline: timelineFor({ policy: 'demo' }) })).toMatchObject({ ok: false, refusal: { kind: 'not-your-day' } });
    expect(decidePurchase({ at: kst('2026-11-25'), birthYear: 1983, quantity: 2, boughtThisWeek: 0, timeline: timelineFor({ policy: 'demo' }) }).ok).toBe(true);
  });

  it('says in its file that it is a demo, not a rule that was ever in force', () => {
    expect(demoFile.name).toBe('demo');
    expect(demoFile.description).toMatch(/\bDEMO\b/i);
    expect(timelineFile.name).toBe('2020');
  });
});
