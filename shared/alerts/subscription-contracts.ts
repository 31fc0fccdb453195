import { z } from 'zod';
import { defineContract } from '../http/contract.ts';
import { ALERT_SEVERITIES, type AlertSeverity } from './alert.ts';

/** E.164, as SNS takes phone numbers: `+` and up to 15 digits (`+821012345678`). */
const E164 = /^\+[1-9]\d{7,14}$/;
const email = z.email('an e-mail address such as officer@example.org');

const filter = z
  .object({
    severity: z.array(z.enum(ALERT_SEVERITIES as [AlertSeverity, ...AlertSeverity[]])).min(1).max(ALERT_SEVERITIES.length).optional(),
    alertType: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'an alert type is written like GEOFENCE_EXIT'))
      .min(1)
      .max(150)
      .optional(),
    region: z.array(z.string().regex(/^\d{2}$/, 'a region is a 2-digit province code such as 11')).min(1).max(17).optional(),
  })
  .strict()
  .describe('Narrows what is delivered; every list left out means all of it the official may see');

const subscription = z.object({
  subscriptionId: z.string(),
  protocol: z.enum(['email', 'sms']),
  endpoint: z.string(),
  filter: z.object({
    severity: z.array(z.string()).optional(),
    alertType: z.array(z.string()).optional(),
    region: z.array(z.string()).optional(),
  }),
  status: z.enum(['pending-confirmation', 'confirmed', 'lapsed']),
  createdAt: z.string(),
});

export const listMySubscriptions = defineContract({
  operationId: 'listMySubscriptions',
  summary: 'The signed-in official’s alert subscriptions (e-mail, SMS)',
  description:
    'Newest first. An e-mail subscription is `pending-confirmation` until the link SNS mails is followed, then `confirmed`; ' +
    'one nobody confirmed within three days is `lapsed` (SNS dropped it: delete it and subscribe again).',
  tags: ['officials'],
  responses: { 200: { description: 'The official’s subscriptions.', schema: z.object({ items: z.array(subscription) }) } },
  problems: [503],
});

export const createMySubscription = defineContract({
  operationId: 'createMySubscription',
  summary: 'Subscribe an e-mail address or phone to alerts the official may see',
  description:
    'Alerts of the official’s region only (an officer: their own cases and alerts for no one in particular; a national admin: ' +
    'every region, or the regions in `filter.region`), narrowed by `filter`. Send your own `subscriptionId` to retry safely: ' +
    'the same id with the same body answers as the first time, with another body 409 idempotency-key-reused. 422 when the ' +
    'filter is more than SNS takes in one subscription (150 combinations) or the official already holds 5; 503 when SNS is unavailable (nothing was subscribed).',
  tags: ['officials'],
  body: z
    .object({
      subscriptionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '8 to 64 letters, digits or dashes').optional(),
      protocol: z.enum(['email', 'sms']),
      endpoint: z.string().max(254),
      filter: filter.optional(),
    })
    .strict()
    .superRefine((body, ctx) => {
      const ok = body.protocol === 'email' ? email.safeParse(body.endpoint).success : E164.test(body.endpoint);
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: body.protocol === 'email' ? 'an e-mail address such as officer@example.org' : 'a phone number in E.164 form such as +821012345678',
        });
      }
    }),
  responses: {
    201: { description: 'Subscribed (e-mail: pending until confirmed).', schema: subscription },
  },
  problems: [409, 422, 503],
});

export const deleteMySubscription = defineContract({
  operationId: 'deleteMySubscription',
  summary: 'Stop one of the signed-in official’s subscriptions',
  tags: ['officials'],
  params: z.object({ subscriptionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '8 to 64 letters, digits or dashes') }),
  responses: { 204: { description: 'Unsubscribed.' } },
  problems: [404, 503],
});
