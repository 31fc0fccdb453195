import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartnerKeys, partnerSecretOf, rotatePartnerSecret, ROTATION_GRACE_MS, validSecrets, withPartnerSecret, type PartnerKeys } from '../../../shared/relief/partner-secrets.ts';

const HOUR = 3_600_000;
const secretNo = (n: number) => partnerSecretOf(new Uint8Array(32).fill(n % 256));

describe('partner secrets', () => {
  it('never leave more than two valid, the newest first and the one before it until its grace ends, whatever the rotations', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 48 * HOUR }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 72 * HOUR }), (gaps, probe) => {
        const start = Date.parse('2020-05-11T00:00:00Z');
        let keys: PartnerKeys = withPartnerSecret({}, 'nh', secretNo(0));
        let at = start;
        const issued = [secretNo(0)];
        for (const [i, gap] of gaps.entries()) {
          at += gap;
          const secret = secretNo(i + 1);
          keys = rotatePartnerSecret(keys, 'nh', secret, new Date(at)).keys;
          issued.push(secret);
        }
        const now = new Date(at + probe);
        const valid = validSecrets(keys['nh'] ?? [], now);
        const newest = issued.at(-1);
        const previous = issued.at(-2);
        expect(valid.length).toBeLessThanOrEqual(2);
        expect(valid[0]).toBe(newest);
        // The previous one verifies exactly while its grace from the last rotation lasts.
        expect(valid.includes(previous ?? '')).toBe(probe < ROTATION_GRACE_MS);
        expect(keys['nh']).toHaveLength(2);
      }),
    );
  });

  it('touch only the partner being rotated', () => {
    const keys = { ...withPartnerSecret({}, 'nh', secretNo(1)), bc: [secretNo(2)] };
    const { keys: rotated } = rotatePartnerSecret(keys, 'nh', secretNo(3), new Date());
    expect(rotated['bc']).toEqual([secretNo(2)]);
  });

  it('still read the first shape, bare strings that never expire, and rotate it to at most two', () => {
    const old = parsePartnerKeys(JSON.stringify({ 'card-01': [secretNo(1), secretNo(2)] }));
    expect(validSecrets(old['card-01'] ?? [], new Date('2030-01-01'))).toEqual([secretNo(1), secretNo(2)]);
    const now = new Date('2026-12-02T00:00:00Z');
    const { keys, previousValidUntil } = rotatePartnerSecret(old, 'card-01', secretNo(3), now);
    expect(previousValidUntil).toBe('2026-12-03T00:00:00.000Z');
    expect(keys['card-01']).toEqual([secretNo(3), { secret: secretNo(1), validUntil: '2026-12-03T00:00:00.000Z' }]);
  });

  it('give a partner without a valid secret just the new one, with no previous', () => {
    const expired = { nh: [{ secret: secretNo(1), validUntil: '2026-01-01T00:00:00Z' }] };
    expect(rotatePartnerSecret(expired, 'nh', secretNo(2), new Date('2026-12-02'))).toEqual({ keys: { nh: [secretNo(2)] }, previousValidUntil: null });
  });

  it('are Standard Webhooks secrets of 24 to 64 random bytes', () => {
    expect(secretNo(7)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => partnerSecretOf(new Uint8Array(16))).toThrow(/24 to 64/);
  });

  it('refuse a secret value of another shape rather than verify against garbage', () => {
    expect(() => parsePartnerKeys(JSON.stringify({ nh: 'whsec_x' }))).toThrow();
    expect(() => parsePartnerKeys(JSON.stringify({ nh: [{ secret: 'whsec_x', validUntil: 'tomorrow' }] }))).toThrow();
  });
});
