import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedHash, newBearerSecret } from '../../../shared/auth/keyed-hash.ts';

const residentNumber = fc.stringMatching(/^\d{6}-\d{7}$/);

describe('keyed hashes of identifiers', () => {
  it('match for the same person under the same pepper, so duplicate purchases are found', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), residentNumber, (pepper, id) => {
        expect(keyedHash(pepper, id)).toBe(keyedHash(pepper, id));
      }),
    );
  });

  it('differ between people and between peppers, and never contain the identifier', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.string({ minLength: 16 }), residentNumber, residentNumber, (p1, p2, a, b) => {
        fc.pre(p1 !== p2 && a !== b);
        expect(keyedHash(p1, a)).not.toBe(keyedHash(p1, b));
        expect(keyedHash(p1, a)).not.toBe(keyedHash(p2, a));
        expect(keyedHash(p1, a)).not.toContain(a.slice(0, 6));
      }),
    );
  });

  it('issues bearer secrets that say what they are and never repeat', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => newBearerSecret('sk')));
    expect(secrets.size).toBe(1000);
    for (const secret of secrets) expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
  });
});
