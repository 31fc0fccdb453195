import { z } from 'zod';
import { REGION_CODES } from '../geo/regions.ts';
import { MAX_POLYGON_VERTICES, MAX_RADIUS_M, MIN_RADIUS_M } from '../geo/fence-shape.ts';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';
import { OFFICER_ID_PATTERN } from '../officials/official.ts';
import { CASE_STATES } from './quarantine-case.ts';

const iso = z.iso.datetime({ offset: true, message: 'an ISO 8601 time with its offset, e.g. 2026-12-02T09:00:00+09:00' });
const region = z.enum(REGION_CODES, { message: `a region is one of the 17 two-digit codes: ${REGION_CODES.join(', ')}` });
const officerId = z.string().regex(OFFICER_ID_PATTERN, 'an officer id is 1–64 letters, digits, dots, dashes or underscores');
const caseId = z.string().regex(/^c_[A-Za-z0-9_-]{22}$/, 'a case id is c_ and 22 letters, digits, - or _');
const cursor = z.string().max(2048).regex(/^[A-Za-z0-9_-]+$/, 'pass back the cursor of the previous page as it came');
const language = z.enum(['ko', 'en', 'zh']);
const fenceStatus = z.enum(['INSIDE', 'OUTSIDE', 'UNKNOWN']);
const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const fence = z.discriminatedUnion('type', [
  z.object({ type: z.literal('circle'), radiusM: z.number().min(MIN_RADIUS_M).max(MAX_RADIUS_M).optional() }).strict(),
  z.object({ type: z.literal('polygon'), coordinates: z.array(lngLat).min(4).max(MAX_POLYGON_VERTICES + 1) }).strict(),
]);

const issuedCode = z.object({
  caseId: z.string(),
  enrollmentCode: z.string().describe('Shown once: give it to the person (read aloud, or as the link or QR).'),
  enrollmentUrl: z.string().describe('The check-in app with the code in the fragment, which no server or proxy logs.'),
  enrollmentQrSvg: z.string().describe('The link as a QR code, SVG markup.'),
  codeExpiresAt: z.string(),
});

export const createQuarantineCase = defineContract({
  operationId: 'createQuarantineCase',
  summary: 'Register a person in self-quarantine (officers in their region, admins)',
  description:
    'Creates the case with its home fence and a single-use enrolment code (48 h). An officer registers cases of their own region for themself; an admin for any officer of their region; a national admin anywhere. ' +
    'The name and phone are sealed with envelope encryption and never logged. A home given only by its address is geocoded on AWS; the local runtime has no geocoder and answers 422 naming `home`. ' +
    `Circle fences default to 100 m (${MIN_RADIUS_M}–${MAX_RADIUS_M} m); polygons are closed rings of at most ${MAX_POLYGON_VERTICES} vertices without self-intersection. A case spans at most the configured maximum (30 days).`,
  tags: ['quarantine'],
  body: z
    .object({
      person: z.object({ name: z.string().trim().min(1).max(100), phone: z.string().regex(/^\+?[0-9 -]{8,20}$/, 'a phone number, digits with optional +, spaces or dashes'), language: language.default('ko') }).strict(),
      home: z
        .object({ lat: z.number().min(33).max(39).optional(), lng: z.number().min(124).max(132).optional(), address: z.string().trim().min(1).max(200).optional() })
        .strict()
        .refine((h) => (h.lat === undefined) === (h.lng === undefined), 'give both lat and lng, or neither'),
      fence: fence.default({ type: 'circle' }),
      startsAt: iso,
      endsAt: iso,
      officerId: officerId.optional(),
      region,
    })
    .strict(),
  responses: { 201: { description: 'The case, and its enrolment code shown this once.', schema: issuedCode } },
  problems: [403, 422],
});

const listItem = z.object({
  caseId: z.string(),
  region: z.string(),
  officerId: z.string(),
  state: z.enum(CASE_STATES),
  language,
  startsAt: z.string(),
  endsAt: z.string(),
  enrolled: z.boolean(),
  fence: fenceStatus,
  lastSeenAt: z.string().optional(),
  lastCheckinAt: z.string().optional(),
  locationOff: z.boolean().optional(),
  openAlerts: z.number().int().nonnegative(),
  home: z.object({ lat: z.number(), lng: z.number() }).optional().describe('Rounded to 3 decimals (~100 m): for the region map, not an address.'),
});

export const listQuarantineCases = defineContract({
  operationId: 'listQuarantineCases',
  summary: 'Cases of my region, or my own (officials)',
  description:
    'Newest first, paged by `cursor`. An officer sees their own cases unless `officerId` names another officer of their region; an admin their region; a national admin passes `region`. ' +
    'No name or phone: the list is not a read of personal data.',
  tags: ['quarantine'],
  query: z.object({
    state: z.enum(CASE_STATES).default('active'),
    officerId: officerId.optional(),
    region: region.optional(),
    cursor: cursor.optional(),
    limit: queryNumber(z.coerce.number().int().min(1).max(100, 'limit is at most 100').default(50)),
  }),
  responses: { 200: { description: 'One page of cases.', schema: z.object({ items: z.array(listItem), cursor: z.string().nullable() }) } },
  problems: [400, 403],
});

const timelineEntry = z.object({ at: z.string(), kind: z.enum(['checkin', 'position', 'transition', 'alert']) }).catchall(z.unknown());

export const getQuarantineCase = defineContract({
  operationId: 'getQuarantineCase',
  summary: 'One case with the person, home, fence and timeline (audited)',
  description: 'The case officer’s view: name and phone unsealed, the home, the fence, outings, and the timeline of check-ins, kept outside positions, fence transitions and alerts. Each read is written to the audit trail.',
  tags: ['quarantine'],
  params: z.object({ caseId }),
  responses: {
    200: {
      description: 'The case.',
      schema: z
        .object({
          caseId: z.string(),
          region: z.string(),
          officerId: z.string(),
          state: z.enum(CASE_STATES),
          person: z.object({ name: z.string(), phone: z.string(), language }).optional(),
          timeline: z.array(timelineEntry),
        })
        .catchall(z.unknown()),
    },
  },
  problems: [403, 404],
});

const caseAction = z.string().regex(/^c_[A-Za-z0-9_-]{22}:(close|extend|reissue-code)$/, 'write <caseId>:close, <caseId>:extend or <caseId>:reissue-code');

export const actOnQuarantineCase = defineContract({
  operationId: 'actOnQuarantineCase',
  summary: 'Close, extend, or re-issue the enrolment code of a case',
  description:
    '`:close {reason}` ends the case at once (its device token stops working). `:extend {endsAt}` moves the end later, within the maximum. ' +
    '`:reissue-code {}` gives a new code for a new phone: the old phone’s token and any unused code stop working at once.',
  tags: ['quarantine'],
  // One path segment `<caseId>:<action>`, as Google's API design has custom methods: a path variable is a whole segment.
  params: z.object({ caseId: caseAction }),
  body: z.object({ reason: z.string().trim().min(1).max(500).optional(), endsAt: iso.optional() }).strict(),
  responses: {
    200: { description: 'Closed or extended.', schema: z.object({ caseId: z.string(), state: z.enum(CASE_STATES), endsAt: z.string(), endedAt: z.string().optional() }) },
    201: { description: 'The new code, shown this once.', schema: issuedCode },
  },
  problems: [403, 404, 409, 422],
});

export const createQuarantineOuting = defineContract({
  operationId: 'createQuarantineOuting',
  summary: 'Permit an outing (a test, a hospital visit)',
  description: 'During the outing leaving home does not alarm; not back home by its end is an `OUTING_OVERDUE` alert.',
  tags: ['quarantine'],
  params: z.object({ caseId }),
  body: z.object({ from: iso, to: iso, reason: z.string().trim().min(1).max(200) }).strict(),
  responses: { 201: { description: 'The outing.', schema: z.object({ outingId: z.string(), from: z.string(), to: z.string(), reason: z.string() }) } },
  problems: [403, 404, 409, 422],
});

export const enrollQuarantineDevice = defineContract({
  operationId: 'enrollQuarantineDevice',
  summary: 'The check-in app enrols with the code from the case officer',
  description:
    'Single use: the first phone to present the code gets the case’s device token (only its hash is stored); a second answer is refused. ' +
    'Wrong codes are limited per code and per client (429 with Retry-After); an expired, used or superseded code is said only to whoever holds the whole code.',
  tags: ['quarantine'],
  body: z.object({ enrollmentCode: z.string().min(1).max(40) }).strict(),
  responses: {
    201: {
      description: 'Enrolled.',
      schema: z.object({
        caseId: z.string(),
        deviceToken: z.string(),
        language,
        startsAt: z.string(),
        endsAt: z.string(),
        checkin: z.object({ windows: z.array(z.object({ name: z.string(), opens: z.string(), closes: z.string() })), timeZone: z.literal('Asia/Seoul') }),
        pingIntervalSeconds: z.number(),
        heartbeatSeconds: z.number(),
      }),
    },
  },
  problems: [400, 410, 429],
});

export const getQuarantineMe = defineContract({
  operationId: 'getQuarantineMe',
  summary: 'The person’s own status, for the check-in app',
  description: 'Days left, the next check-in window, whether the app sees them at home, outings granted. No name or phone.',
  tags: ['quarantine'],
  responses: {
    200: {
      description: 'The status.',
      schema: z.object({
        caseId: z.string(),
        state: z.enum(CASE_STATES),
        language,
        startsAt: z.string(),
        endsAt: z.string(),
        daysLeft: z.number().int().nonnegative(),
        nextCheckin: z.object({ window: z.string(), name: z.string(), opensAt: z.string(), closesAt: z.string(), done: z.boolean() }).nullable(),
        atHome: fenceStatus,
        outings: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })),
        lastCheckinAt: z.string().optional(),
      }),
    },
  },
  problems: [404],
});

export const submitQuarantineCheckin = defineContract({
  operationId: 'submitQuarantineCheckin',
  summary: 'The twice-daily self-diagnosis: temperature and four symptoms',
  description:
    'Applied once by `checkinId` (the app makes it): the same id and body again answer as the first time; the same id with another body is 409 `idempotency-key-reused`. ' +
    'A temperature at or above the fever threshold (37.5 °C) or any symptom raises `SYMPTOMS` for the case officer. A check-in outside a window is recorded with `window: null`.',
  tags: ['quarantine'],
  body: z
    .object({
      checkinId: z.string().min(8).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only (the app sends a uuid)'),
      at: iso,
      temperatureC: z.number().min(34, 'a body temperature from 34 °C').max(43, 'a body temperature up to 43 °C'),
      symptoms: z.object({ fever: z.boolean(), cough: z.boolean(), soreThroat: z.boolean(), shortnessOfBreath: z.boolean() }).strict(),
      position: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracyM: z.number().gt(0).max(5000) }).strict().optional(),
    })
    .strict(),
  responses: {
    201: { description: 'Recorded.', schema: z.object({ checkinId: z.string(), window: z.string().nullable(), recorded: z.literal(true), symptomatic: z.boolean() }) },
  },
  problems: [404, 409, 410],
});
