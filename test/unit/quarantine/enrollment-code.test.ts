import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_BITS,
  CODE_LENGTH,
  codeHashes,
  formatEnrollmentCode,
  LOCATOR_LENGTH,
  newEnrollmentCode,
  parseEnrollmentCode,
  type EnrollmentCode,
} from '../../../shared/quarantine/enrollment-code.ts';

/** A generator's worth of draws, as the crypto source could give them. */
const draws = fc.array(fc.integer({ min: 0, max: CODE_ALPHABET.length - 1 }), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH });
const replay = (values: readonly number[]) => {
  let at = 0;
  return (n: number) => {
    expect(n).toBe(CODE_ALPHABET.length);
    return values[at++] ?? 0;
  };
};
const parsed = (typed: string): EnrollmentCode => {
  const result = parseEnrollmentCode(typed);
  if (!result.ok) throw new Error(`refused ${typed}: ${result.problem}`);
  return result.code;
};

describe('enrolment codes', () => {
  it('carry at least 40 bits: ten symbols, each one uniform draw from thirty', () => {
    expect(CODE_ALPHABET).toHaveLength(30);
    expect(new Set(CODE_ALPHABET).size).toBe(30);
    expect(CODE_BITS).toBeGreaterThanOrEqual(40);
    expect(CODE_BITS).toBeCloseTo(49.07, 2);
    expect(newEnrollmentCode()).toHaveLength(CODE_LENGTH);
  });

  it('are a one-to-one function of the draws, so the code has all of their entropy', () => {
    fc.assert(
      fc.property(draws, draws, (a, b) => {
        const [codeA, codeB] = [newEnrollmentCode(replay(a)), newEnrollmentCode(replay(b))];
        expect(codeA === codeB).toBe(a.join() === b.join());
        expect([...codeA].map((symbol) => CODE_ALPHABET.indexOf(symbol))).toEqual(a);
      }),
    );
  });

  it('never contain 0, O, 1, I, L or U', () => {
    fc.assert(
      fc.property(draws, (values) => {
        expect(formatEnrollmentCode(newEnrollmentCode(replay(values)))).not.toMatch(/[01ILOU]/);
      }),
    );
    for (let i = 0; i < 200; i++) expect(newEnrollmentCode()).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('are shown in groups, ABCD-EFGH-JK, and always parse back from how they are shown', () => {
    fc.assert(
      fc.property(draws, (values) => {
        const code = newEnrollmentCode(replay(values));
        const shown = formatEnrollmentCode(code);
        expect(shown).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
        expect(parsed(shown)).toBe(code);
      }),
    );
  });

  it('parse back however a person types them: lowercase, spaces, other dashes, full-width letters', () => {
    fc.assert(
      fc.property(draws, fc.array(fc.constantFrom(' ', '-', '‐', '–', '—', '.', '　', '\t'), { maxLength: 3 }), fc.boolean(), (values, separators, lower) => {
        const code = newEnrollmentCode(replay(values));
        let typed = code.slice(0, 3) + separators.join('') + code.slice(3, 7) + ' ' + code.slice(7);
        if (lower) typed = typed.toLowerCase();
        expect(parsed(typed)).toBe(code);
      }),
    );
    expect(parsed('ＡＢＣＤ－ＥＦＧＨ－ＪＫ')).toBe('ABCDEFGHJK');
  });

  it('refuse a confusable symbol by name instead of guessing what was meant', () => {
    expect(parseEnrollmentCode('ABCD-EFGH-J0')).toEqual({ ok: false, problem: 'confusable-symbol', symbols: '0' });
    expect(parseEnrollmentCode('abcd-efgh-jo')).toEqual({ ok: false, problem: 'confusable-symbol', symbols: 'O' });
    expect(parseEnrollmentCode('1BCD-EFGH-IL')).toEqual({ ok: false, problem: 'confusable-symbol', symbols: '1IL' });
    expect(parseEnrollmentCode('ABCD-EFGH-J?')).toEqual({ ok: false, problem: 'unknown-symbol', symbols: '?' });
    expect(parseEnrollmentCode('ABCD-EFGH')).toEqual({ ok: false, problem: 'wrong-length', length: 8 });
    expect(parseEnrollmentCode('ABCD-EFGH-JKM')).toEqual({ ok: false, problem: 'wrong-length', length: 11 });
  });

  it('are stored only as keyed hashes, which differ with the pepper and share only the locator between neighbours', () => {
    const code = parsed('ABCD-EFGH-JK');
    const neighbour = parsed('ABCD-EFGH-JM');
    const hashes = codeHashes('pepper-one-0123456789', code);
    expect(JSON.stringify(hashes)).not.toMatch(/ABCD|EFGH/);
    expect(codeHashes('pepper-two-0123456789', code)).not.toEqual(hashes);
    expect(codeHashes('pepper-one-0123456789', neighbour).locator).toBe(hashes.locator);
    expect(codeHashes('pepper-one-0123456789', neighbour).verifier).not.toBe(hashes.verifier);
    expect(codeHashes('pepper-one-0123456789', parsed('ABCE-EFGH-JK')).locator).not.toBe(hashes.locator);
    expect(LOCATOR_LENGTH).toBe(4);
  });
});
