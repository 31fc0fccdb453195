import { z } from 'zod';
import { defineContract } from '../http/contract.ts';
import { PARTNER_ID_PATTERN, ROTATION_GRACE_MS } from './partner-secrets.ts';

const partnerId = z.string().min(2).max(40).regex(PARTNER_ID_PATTERN, 'a partner id is lowercase letters and digits in words joined by dashes, e.g. kb-kookmin');
const secret = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/).describe('Shown this once: the Standard Webhooks secret the card company signs with. Only Secrets Manager keeps it.');
const acceptedFrom = z
  .string()
  .describe('From then on every instance accepts the new secret: each caches the secret for up to 5 minutes on AWS (at once locally). Switch signing to it after this time.');
const graceHours = ROTATION_GRACE_MS / 3_600_000;

const partner = z.object({
  partnerId: z.string(),
  name: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  rotatedAt: z.string().optional(),
});

export const addPartner = defineContract({
  operationId: 'addPartner',
  summary: 'Add a card company as a partner, with its first webhook secret (national admins)',
  description:
    'The `whsec_` secret (32 random bytes) is in this answer only: give it to the card company over a trusted channel. ' +
    'The partner id is what the company sends in `x-partner-id`. Adding an id that exists is a 409 naming `body.partnerId`; nothing changes. Audited.',
  tags: ['relief', 'admin'],
  body: z.object({ partnerId, name: z.string().trim().min(1).max(100) }).strict(),
  responses: { 201: { description: 'The partner and its secret, shown this once.', schema: partner.extend({ secret, acceptedFrom }) } },
  problems: [403, 409, 503],
});

/** `<partnerId>:rotate-secret` is one path segment: a path variable is a whole segment, as for officials. */
const partnerAction = z
  .string()
  .regex(new RegExp(`^(${PARTNER_ID_PATTERN.source.slice(1, -1)}):rotate-secret$`), 'the path ends in <partnerId>:rotate-secret')
  .transform((segment) => segment.slice(0, -':rotate-secret'.length));

export const rotatePartnerSecret = defineContract({
  operationId: 'rotatePartnerSecret',
  summary: 'Give a card company a new webhook secret; the previous one stays valid for a grace (national admins)',
  description:
    `The new secret is first; the one it replaces verifies until \`previousValidUntil\` (${graceHours} hours), so the company can switch its servers without a failed webhook. ` +
    'At most two are valid: rotating again within the grace drops the oldest at once. Audited.',
  tags: ['relief', 'admin'],
  params: z.object({ partnerAction }),
  responses: {
    200: {
      description: 'The new secret, shown this once.',
      schema: z.object({ partnerId: z.string(), secret, previousValidUntil: z.string().nullable().describe('null when the partner had no valid secret'), acceptedFrom }),
    },
  },
  problems: [403, 404, 503],
});

export const listPartners = defineContract({
  operationId: 'listPartners',
  summary: 'The card companies and the state of their secrets, never the secrets (national admins)',
  tags: ['relief', 'admin'],
  responses: {
    200: {
      description: 'Every partner in id order.',
      schema: z.object({
        items: z.array(
          partner.extend({
            validSecrets: z.number().int().nonnegative().describe('2 during a rotation’s grace, else 1'),
            previousValidUntil: z.string().nullable().describe('when the rotated-out secret stops verifying'),
          }),
        ),
      }),
    },
  },
  problems: [403],
});
