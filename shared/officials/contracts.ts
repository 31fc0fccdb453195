import { z } from 'zod';
import { OFFICIAL_ROLES } from '../auth/principal.ts';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';
import { OFFICER_ID_PATTERN } from './official.ts';
import { REGION_CODES } from '../geo/regions.ts';

const region = z.enum(REGION_CODES, { message: `a region is one of the 17 two-digit codes: ${REGION_CODES.join(', ')}` });
const officerId = z.string().regex(OFFICER_ID_PATTERN, 'an officer id is 1–64 letters, digits, dots, dashes or underscores');
const role = z.enum(OFFICIAL_ROLES);
const cursor = z.string().max(2048).regex(/^[A-Za-z0-9_-]+$/, 'pass back the cursor of the previous page as it came');

const official = z.object({
  officerId,
  role,
  region: z.string(),
  name: z.string(),
  email: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  disabledAt: z.string().optional(),
  disabledBy: z.string().optional(),
});

export const listOfficials = defineContract({
  operationId: 'listOfficials',
  summary: 'The officials of a region (administrators)',
  description:
    'A region admin lists their own region (`region` may be left out); a national admin any region, or every region when `region` is left out. ' +
    'Pages of `limit` (default 50) in officer-id order; pass `cursor` back for the next page, `null` when there is none.',
  tags: ['officials', 'admin'],
  query: z.object({
    region: region.optional(),
    cursor: cursor.optional(),
    limit: queryNumber(z.coerce.number().int().min(1).max(100, 'limit is at most 100').default(50)),
  }),
  responses: {
    200: { description: 'One page of officials.', schema: z.object({ items: z.array(official), cursor: z.string().nullable() }) },
  },
});

export const createOfficial = defineContract({
  operationId: 'createOfficial',
  summary: 'Create an official (administrators)',
  description:
    'A region admin creates officers and admins of their own region; a national admin any role in any region. On AWS the account is made in ' +
    'the user pool and Cognito e-mails the official a temporary password. The same `officerId` with the same body returns the first answer; ' +
    'with another body `409 idempotency-key-reused`. An e-mail already in use is `409 email-taken`.',
  tags: ['officials', 'admin'],
  body: z
    .object({
      officerId: officerId.optional(),
      name: z.string().trim().min(1, 'a name is needed').max(100),
      email: z.email('an e-mail address such as kim@example.org').max(254),
      role,
      region,
    })
    .strict(),
  bodyLimit: 4096,
  responses: { 201: { description: 'The official, enabled.', schema: official } },
  problems: [409],
});

/** `<officerId>:disable` or `<officerId>:enable`: one path segment, as API Gateway needs. */
const officialAction = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}:(disable|enable)$/, 'the path ends in <officerId>:disable or <officerId>:enable')
  .transform((segment) => {
    const at = segment.lastIndexOf(':');
    return { officerId: segment.slice(0, at), change: segment.slice(at + 1) as 'disable' | 'enable' };
  });

export const changeOfficialStatus = defineContract({
  operationId: 'changeOfficialStatus',
  summary: 'Disable or enable an official (administrators)',
  description:
    '`POST /v1/admin/officials/{officerId}:disable` refuses the official’s next request, even with a token that still verifies, and signs them ' +
    'out everywhere; `:enable` lets them in again. An admin acts on officials of their own region, never on themselves or a national admin. ' +
    'A disable also ends the official’s e-mail and SMS alert subscriptions; those SNS could not end just now are counted in ' +
    '`subscriptionsRemaining`, and disabling again ends them. Doing it twice changes nothing more.',
  tags: ['officials', 'admin'],
  params: z.object({ officialAction }),
  responses: {
    200: {
      description: 'The official as they now are.',
      schema: official.extend({ subscriptionsRemaining: z.number().int().positive().optional().describe('subscriptions SNS could not end yet: disable again') }),
    },
  },
  problems: [409],
});

const auditActor = z.union([
  z.object({ kind: z.literal('official'), officerId: z.string(), role, region: z.string() }),
  z.object({ kind: z.literal('system'), name: z.string() }),
]);

export const readAuditTrail = defineContract({
  operationId: 'readAuditTrail',
  summary: 'A region’s audit trail for one day, with each chain verified (administrators)',
  description:
    'Who read whose data or changed what, in time order (`limit` a page, default 100), for a Korean calendar day (default today). Each of the ' +
    'day’s hash chains is checked link by link on every call: `intact`, or the first broken entry (`brokenAt`, its `seq`) and why. ' +
    'Reading the trail is itself audited (`audit.read`). Entries name subjects by id and never hold the personal data.',
  tags: ['officials', 'admin'],
  query: z.object({
    region: region.optional(),
    day: z.iso.date('a day as YYYY-MM-DD (Korean time)').optional(),
    cursor: cursor.optional(),
    limit: queryNumber(z.coerce.number().int().min(1).max(500, 'limit is at most 500').default(100)),
  }),
  responses: {
    200: {
      description: 'One page of the day’s entries and the check of every chain of the day.',
      schema: z.object({
        region: z.string(),
        day: z.string(),
        items: z.array(
          z.object({
            at: z.string(),
            actor: auditActor,
            action: z.string(),
            subject: z.object({ kind: z.string(), id: z.string() }),
            region: z.string(),
            requestId: z.string().optional(),
            note: z.string().optional(),
            log: z.string(),
            seq: z.number().int(),
          }),
        ),
        cursor: z.string().nullable(),
        chains: z.array(
          z.object({
            log: z.string(),
            intact: z.boolean(),
            entries: z.number().int().nonnegative(),
            brokenAt: z.number().int().optional(),
            reason: z.string().optional(),
          }),
        ),
      }),
    },
  },
});
