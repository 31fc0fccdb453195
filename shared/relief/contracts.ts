import { z } from 'zod';
import { defineContract } from '../http/contract.ts';

const iso = z.iso.datetime({ offset: true });
const clientId = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const won = z.number().int().positive().max(100_000_000);
const region = z.string().regex(/^\d{2}$/, 'a 2-digit province code');

const signing =
  'Signed the Standard Webhooks way with the card company’s secret, which names itself in `x-partner-id`. A `webhook-id` is the idempotency key per card company: ' +
  'the same id with the same body answers the first answer again; with another body, 409 `idempotency-key-reused`. ';

export const reliefApplication = defineContract({
  operationId: 'reliefApplication',
  summary: 'A card company forwards a head of household’s application for the relief grant',
  description:
    signing +
    'The applicant’s resident number is hashed at once and never stored; `cardToken` is kept only as a keyed hash. One grant per household across all card companies: ' +
    'of two applications at the same instant, one is approved and the other rejected `already-granted`. `donate` gives back part of the grant in the program’s steps (10,000 won in 2020), or `all`.',
  tags: ['relief'],
  body: z
    .object({
      applicationId: clientId,
      applicantResidentId: z.string().min(13).max(14),
      cardToken: z.string().min(8).max(256),
      donate: z.union([z.number().int().nonnegative().max(100_000_000), z.literal('all')]).optional(),
    })
    .strict(),
  responses: {
    200: {
      description: 'Approved with the grant, or rejected with the reason.',
      schema: z.discriminatedUnion('decision', [
        z.object({ decision: z.literal('approved'), grantId: z.string(), amount: z.number().int().nonnegative(), donated: z.number().int().nonnegative(), regionCode: region, expiresAt: iso }),
        z.object({ decision: z.literal('rejected'), reason: z.enum(['not-head-of-household', 'not-in-registry', 'already-granted', 'outside-application-period', 'not-your-day']) }),
      ]),
    },
  },
  problems: [409],
});

export const authorizationAnswer = z.object({
  decision: z.enum(['approved', 'partial', 'declined']),
  approvedAmount: z.number().int().nonnegative(),
  remainingBalance: z.number().int().nonnegative(),
  reason: z.enum(['unknown-grant', 'expired', 'other-region', 'excluded-category', 'online', 'no-balance', 'deadline']).optional(),
  detail: z.string().optional(),
});

export const reliefAuthorization = defineContract({
  operationId: 'reliefAuthorization',
  summary: 'A card company asks whether a payment may spend a grant’s points',
  description:
    signing +
    '`authorizationId` is idempotent too. Declined for another region, an excluded category (named in `detail`), online payments, an expired or unknown grant (a grant of another card company is unknown to you); ' +
    '`partial` when the amount exceeds the balance (the card pays the rest). With `respondBy`, an answer that cannot be committed before it is a decline with reason `deadline` and nothing is debited. ' +
    'The rules are judged at the server’s clock; `at` is the payment’s time as the card company saw it.',
  tags: ['relief'],
  body: z
    .object({
      authorizationId: clientId,
      grantId: z.string().min(1).max(128),
      amount: won,
      merchant: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), mcc: z.string().regex(/^\d{4}$/, 'a 4-digit merchant category code'), regionCode: region, online: z.boolean() }).strict(),
      at: iso,
      respondBy: iso.optional(),
    })
    .strict(),
  responses: { 200: { description: 'The decision, committed.', schema: authorizationAnswer } },
  problems: [409],
});

export const reliefReversal = defineContract({
  operationId: 'reliefReversal',
  summary: 'A card company gives back (part of) an approved authorization',
  description:
    signing +
    '`reversalId` is idempotent too. At most what the authorization took minus its earlier reversals (else 422 naming `body.amount`). While the grant can be spent the amount goes back to its balance; ' +
    'after it expired, to the treasury (`destination: treasury`). An authorization of another card company is unknown to you (404).',
  tags: ['relief'],
  body: z.object({ reversalId: clientId, authorizationId: clientId, amount: won }).strict(),
  responses: {
    200: {
      description: 'Reversed.',
      schema: z.object({ reversalId: z.string(), reversedAmount: z.number().int().positive(), destination: z.enum(['grant', 'treasury']), remainingBalance: z.number().int().nonnegative() }),
    },
  },
  problems: [404, 409, 422],
});

export const reliefRegionChange = defineContract({
  operationId: 'reliefRegionChange',
  summary: 'A card company registers a household’s move to another province',
  description:
    signing +
    'The registry must already have the household in `newRegionCode` (else 422 naming it); from then on authorizations are judged by the new region. A grant of another card company is unknown to you (404).',
  tags: ['relief'],
  body: z.object({ grantId: z.string().min(1).max(128), newRegionCode: region }).strict(),
  responses: { 200: { description: 'The grant’s region now.', schema: z.object({ grantId: z.string(), regionCode: region }) } },
  problems: [404, 409, 422],
});
