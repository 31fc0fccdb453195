import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResidentNumber, newSchemeResidentNumberFor, residentNumberFor } from '../../../shared/people/resident-number.ts';

const now = new Date('2026-11-25T12:00:00Z');
const birthBetween = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const anyBirth = birthBetween('1900-01-01T00:00:00Z', '2026-11-25T00:00:00Z');

describe('resident registration numbers', () => {
  it('accept a number issued before October 2020 and read the birth year from its century digit', () => {
    fc.assert(
      fc.property(anyBirth, fc.nat(99_999), fc.boolean(), (b, serial, female) => {
        expect(checkResidentNumber(residentNumberFor(b, serial, female), now)).toMatchObject({ ok: true, birthYear: b.year, checkDigitMatches: true });
      }),
    );
  });

  it('accept a number issued since October 2020, which has random digits and no check digit, for any birth date', () => {
    fc.assert(
      fc.property(anyBirth, fc.nat(999_999), fc.boolean(), (b, random, female) => {
        expect(checkResidentNumber(newSchemeResidentNumberFor(b, random, female), now)).toMatchObject({ ok: true, birthYear: b.year });
      }),
    );
  });

  it('accept a baby born in 2021 whose number does not add up as a pre-2020 check digit would', () => {
    const baby = '210315-4829301';
    expect(checkResidentNumber(baby, now)).toMatchObject({ ok: true, birthYear: 2021, checkDigitMatches: false });
  });

  it('refuse a birth date after today, in Korea', () => {
    expect(checkResidentNumber(newSchemeResidentNumberFor({ year: 2026, month: 11, day: 26 }, 123456), now)).toEqual({ ok: false, problem: 'future' });
    // 00:30 in Seoul on 26 November is still the 25th in UTC: a baby born that morning is born today.
    expect(checkResidentNumber(newSchemeResidentNumberFor({ year: 2026, month: 11, day: 26 }, 1), new Date('2026-11-25T15:30:00Z'))).toMatchObject({ ok: true });
    fc.assert(
      fc.property(birthBetween('2026-11-26T00:00:00Z', '2099-12-31T00:00:00Z'), fc.nat(999_999), (b, random) => {
        expect(checkResidentNumber(newSchemeResidentNumberFor(b, random), now)).toEqual({ ok: false, problem: 'future' });
      }),
    );
  });

  it('refuse impossible dates and malformed input', () => {
    expect(checkResidentNumber('900230-1234567', now)).toEqual({ ok: false, problem: 'date' });
    expect(checkResidentNumber('901301-1234567', now)).toEqual({ ok: false, problem: 'date' });
    expect(checkResidentNumber('12345', now)).toEqual({ ok: false, problem: 'format' });
    expect(checkResidentNumber('900101-X234567', now)).toEqual({ ok: false, problem: 'format' });
    // Century digit 3 makes 99 the year 2099.
    expect(checkResidentNumber('990101-3234567', now)).toEqual({ ok: false, problem: 'future' });
  });
});
