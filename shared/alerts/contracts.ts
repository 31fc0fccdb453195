import { z } from 'zod';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';
import { ALERT_SEVERITIES, ALERT_STATES } from './alert.ts';

const iso = z.iso.datetime({ offset: true });
const regionCode = z.string().regex(/^\d{2}$/, 'a region is a 2-digit province code, e.g. 11');
/** Ids the service gives (UUIDs) and the demo's stable ones; never anything a path could trip on. */
export const ALERT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const alertId = z.string().regex(ALERT_ID);
/** A `high` alert's type is the raising context's word for it: `GEOFENCE_EXIT`, `STORE_EMPTY`. */
const alertType = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'an alert type is upper-case words joined by _, e.g. STORE_EMPTY');

const historyEntry = z.object({
  action: z.enum(['acknowledge', 'resolve', 'escalate']),
  by: z.string().describe('the officer id, or `system:escalate-alerts`'),
  at: iso,
  note: z.string().optional(),
});

export const alertView = z
  .object({
    alertId,
    type: z.string(),
    severity: z.enum(ALERT_SEVERITIES),
    region: regionCode.describe('`00`: national (a card company), seen by national admins'),
    officerId: z.string().optional(),
    subject: z.object({ kind: z.enum(['case', 'store', 'district', 'grant', 'partner']), id: z.string() }),
    message: z.string(),
    state: z.enum(ALERT_STATES),
    count: z.number().int().positive().describe('how often it was raised while unresolved'),
    createdAt: iso,
    lastSeenAt: iso,
    changedAt: iso.describe('when anything about it last changed: the live feed’s order'),
    deadlineAt: iso.optional().describe('`high` alerts: when it escalates unless acknowledged'),
    escalatedAt: iso.optional(),
    escalatedTo: alertId.optional().describe('the `ESCALATED` alert that carried this one to the admins'),
    escalationOf: alertId.optional().describe('on an `ESCALATED` alert: the alert nobody acknowledged in time'),
    history: z.array(historyEntry),
  });

export const INBOX_MAX_LIMIT = 100;
const cursor = z.string().min(1).max(4096);

export const listAlerts = defineContract({
  operationId: 'listAlerts',
  summary: 'The alerts inbox: what the signed-in official may see, newest first',
  description:
    'An officer sees their region with their own alerts first: all of their own newest first, then the region’s others newest first (the cursor carries which part it is in). ' +
    'An admin sees their region; a national admin every region, merged newest first, or one with `region`. ' +
    '`state` and `officerId` are read from their own index; `type` and `severity` are filters within a bounded read, so a page may hold fewer than `limit` alerts and still have a `cursor`: follow it until it is null. ' +
    'A cursor works only with the filters it came with.',
  tags: ['officials', 'alerts'],
  query: z
    .object({
      state: z.enum(ALERT_STATES).optional(),
      type: alertType.optional(),
      severity: z.enum(ALERT_SEVERITIES).optional(),
      officerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
      region: regionCode.optional().describe('national admins: one region instead of all'),
      cursor: cursor.optional(),
      limit: queryNumber(z.coerce.number().int().min(1).max(INBOX_MAX_LIMIT, `limit is at most ${INBOX_MAX_LIMIT}`).default(50)),
    })
    .strict(),
  responses: {
    200: {
      description: 'A page of alerts and the cursor of the next, `null` at the end.',
      schema: z.object({ items: z.array(alertView), cursor: z.string().nullable() }),
    },
  },
  problems: [503],
});

export const getAlertChanges = defineContract({
  operationId: 'getAlertChanges',
  summary: 'The live feed: alerts raised or changed after a cursor',
  description:
    'Poll about once a second with the last `cursor`. Without `after`: no items and the cursor of now (ask for it before loading the inbox, so nothing falls between). ' +
    'Items are the alerts the caller may see (an officer: their whole region) that were raised, repeated, acted on or escalated since, oldest change first, each once.',
  tags: ['officials', 'alerts'],
  query: z.object({ after: cursor.optional() }).strict(),
  responses: {
    200: { description: 'What changed, and the cursor to ask with next.', schema: z.object({ items: z.array(alertView), cursor: z.string() }) },
  },
  problems: [503],
});

/** `<alertId>:acknowledge` or `<alertId>:resolve`: one path segment, as API Gateway takes parameters. */
export const ALERT_ACTION = /^([A-Za-z0-9_-]{1,64}):(acknowledge|resolve)$/;

export const actOnAlert = defineContract({
  operationId: 'actOnAlert',
  summary: 'Acknowledge or resolve an alert: POST /v1/alerts/<alertId>:acknowledge or <alertId>:resolve',
  description:
    'Acknowledge: body `{note?}`; resolve: body `{note}` (required: what was done). `open` → `acknowledged` → `resolved`, or `open` → `resolved`. ' +
    'The same official asking the same again gets the same answer; an alert already acknowledged or resolved by someone else, or with another note, is 409. ' +
    'Another region’s alert is 403 and nothing changes; an `ESCALATED` alert is for admins. Every change is in the audit trail.',
  tags: ['officials', 'alerts'],
  params: z.object({
    alertAction: z
      .string()
      .regex(ALERT_ACTION, 'write <alertId>:acknowledge or <alertId>:resolve')
      .transform((segment) => {
        const [, id = '', action = 'acknowledge'] = ALERT_ACTION.exec(segment) ?? [];
        return { alertId: id, action: action as 'acknowledge' | 'resolve' };
      }),
  }),
  body: z.object({ note: z.string().trim().min(1, 'a note says something').max(500).optional() }).strict(),
  responses: { 200: { description: 'The alert after the change (or as it was, for a repeat).', schema: alertView } },
  problems: [404, 409, 503],
});
