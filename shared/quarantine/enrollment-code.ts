import { randomInt, timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../auth/keyed-hash.ts';

/**
 * Crockford's base-32 symbols without 0 and 1: Crockford already drops I, L, O and U, and with 0 and 1
 * gone too no symbol can be read as another (0/O, 1/I/L). Thirty symbols, each a uniform draw.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Never issued; typed, they mean a misreading, so they are refused rather than guessed at. */
export const CONFUSABLE_SYMBOLS = '01ILOU';
/** 10 symbols × log2(30) = 49.1 bits: a blind guess against 100,000 live codes succeeds once in 5.9 billion. */
export const CODE_LENGTH = 10;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);
/**
 * The first four symbols find the code's record, the other six prove it. Failed guesses can then be
 * counted against one code (a targeted guesser still faces 6 symbols = 29.4 bits, at 5 tries per 15 min).
 */
export const LOCATOR_LENGTH = 4;
/** How people read it aloud and type it: `ABCD-EFGH-JK`. */
const GROUPS = [4, 4, 2] as const;

/** A code as a person would type it, normalised: exactly CODE_LENGTH symbols of the alphabet, no dashes. */
export type EnrollmentCode = string & { readonly __brand: 'EnrollmentCode' };

export type CodeParse =
  | { readonly ok: true; readonly code: EnrollmentCode }
  | { readonly ok: false; readonly problem: 'wrong-length'; readonly length: number }
  | { readonly ok: false; readonly problem: 'confusable-symbol' | 'unknown-symbol'; readonly symbols: string };

/** An integer in [0, n), uniform; crypto's by default, a test's own in tests. */
export type Draw = (n: number) => number;

export const newEnrollmentCode = (draw: Draw = randomInt): EnrollmentCode =>
  Array.from({ length: CODE_LENGTH }, () => {
    const index = draw(CODE_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= CODE_ALPHABET.length) throw new RangeError(`A draw of ${index} is outside the alphabet.`);
    return CODE_ALPHABET[index];
  }).join('') as EnrollmentCode;

export const formatEnrollmentCode = (code: EnrollmentCode): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) parts.push(code.slice(at, (at += size)));
  return parts.join('-');
};

/**
 * What a person typed, or the link's fragment held: NFKC first (a Korean keyboard's full-width Ａ is A),
 * case ignored, spaces, dashes and dots dropped wherever they are.
 */
export const parseEnrollmentCode = (typed: string): CodeParse => {
  const symbols = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}._]/gu, '');
  const confusable = [...new Set(symbols)].filter((s) => CONFUSABLE_SYMBOLS.includes(s)).join('');
  if (confusable) return { ok: false, problem: 'confusable-symbol', symbols: confusable };
  const unknown = [...new Set(symbols)].filter((s) => !CODE_ALPHABET.includes(s)).join('');
  if (unknown) return { ok: false, problem: 'unknown-symbol', symbols: unknown };
  if (symbols.length !== CODE_LENGTH) return { ok: false, problem: 'wrong-length', length: symbols.length };
  return { ok: true, code: symbols as EnrollmentCode };
};

/** What the store holds of a code: two keyed hashes, neither of which gives the code back without the pepper. */
export interface CodeHashes {
  /** The record's key: the keyed hash of the first LOCATOR_LENGTH symbols. */
  readonly locator: string;
  /** The keyed hash of the whole code, compared in constant time. */
  readonly verifier: string;
}

export const codeHashes = (pepper: string, code: EnrollmentCode): CodeHashes => ({
  locator: keyedHash(pepper, `enrolment-locator:${code.slice(0, LOCATOR_LENGTH)}`),
  verifier: keyedHash(pepper, `enrolment-code:${code}`),
});

export const verifierMatches = (stored: string, presented: string): boolean => {
  const a = Buffer.from(stored);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
};
