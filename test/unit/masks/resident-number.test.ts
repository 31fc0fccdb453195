import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResidentNumber, residentNumberFor } from '../../../shared/masks/resident-number.ts';

const birth = fc.date({ min: new Date('1900-01-01'), max: new Date('2019-12-31'), noInvalidDate: true }).map((d) => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
}));

describe('resident registration numbers', () => {
  it('accept a well-formed number and read the birth year from its century digit', () => {
    fc.assert(
      fc.property(birth, fc.nat(99_999), fc.boolean(), (b, serial, female) => {
        expect(checkResidentNumber(residentNumberFor(b, serial, female))).toMatchObject({ ok: true, birthYear: b.year });
      }),
    );
  });

  it('refuse a wrong check digit', () => {
    fc.assert(
      fc.property(birth, fc.nat(99_999), fc.integer({ min: 1, max: 9 }), (b, serial, shift) => {
        const valid = residentNumberFor(b, serial);
        const last = (Number(valid.at(-1)) + shift) % 10;
        expect(checkResidentNumber(valid.slice(0, -1) + last)).toEqual({ ok: false, problem: 'checksum' });
      }),
    );
  });

  it('refuse impossible dates and malformed input', () => {
    expect(checkResidentNumber('900230-1234567')).toEqual({ ok: false, problem: 'date' });
    expect(checkResidentNumber('12345')).toEqual({ ok: false, problem: 'format' });
    expect(checkResidentNumber('900101-X234567')).toEqual({ ok: false, problem: 'format' });
  });
});
