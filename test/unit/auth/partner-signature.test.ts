import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyPartnerSignature } from '../../../shared/auth/partner-signature.ts';

const secretArb = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const bodyArb = fc.json();
const idArb = fc.stringMatching(/^msg_[A-Za-z0-9]{1,24}$/);

const signed = (secret: string, id: string, body: string, at = new Date()) => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(id, at, body),
});

describe('partner webhook signatures', () => {
  it('verify with any of the partner’s current secrets', () => {
    fc.assert(
      fc.property(secretArb, secretArb, idArb, bodyArb, fc.boolean(), (current, next, id, body, useNext) => {
        const headers = signed(useNext ? next : current, id, body);
        expect(verifyPartnerSignature([current, next], body, headers)).toBe(true);
      }),
    );
  });

  it('fail for any change to the body, the id or the secret', () => {
    fc.assert(
      fc.property(secretArb, secretArb, idArb, bodyArb, fc.string({ minLength: 1 }), (secret, other, id, body, tamper) => {
        fc.pre(secret !== other);
        const headers = signed(secret, id, body);
        expect(verifyPartnerSignature([secret], body + tamper, headers)).toBe(false);
        expect(verifyPartnerSignature([secret], body, { ...headers, 'webhook-id': `${id}x` })).toBe(false);
        expect(verifyPartnerSignature([other], body, headers)).toBe(false);
      }),
    );
  });

  it('fail outside the five-minute window, either way', () => {
    fc.assert(
      fc.property(secretArb, idArb, bodyArb, fc.integer({ min: 6 * 60, max: 86_400 }), fc.boolean(), (secret, id, body, skew, future) => {
        const at = new Date(Date.now() + (future ? skew : -skew) * 1000);
        expect(verifyPartnerSignature([secret], body, signed(secret, id, body, at))).toBe(false);
      }),
    );
  });

  it('verify a request without a body, which signs its path and query (no JSON)', () => {
    fc.assert(
      fc.property(secretArb, idArb, fc.stringMatching(/^\/v1\/[a-z/]{1,30}\?[a-z=&0-9-]{0,40}$/), (secret, id, target) => {
        expect(verifyPartnerSignature([secret], target, signed(secret, id, target))).toBe(true);
      }),
    );
  });

  it('fail with no secrets or missing headers', () => {
    const secret = `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`;
    const headers = signed(secret, 'msg_1', '{}');
    expect(verifyPartnerSignature([], '{}', headers)).toBe(false);
    expect(verifyPartnerSignature([secret], '{}', { ...headers, 'webhook-signature': undefined })).toBe(false);
  });
});
