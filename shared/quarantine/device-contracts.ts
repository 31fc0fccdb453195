import { z } from 'zod';
import { defineContract } from '../http/contract.ts';

const iso = z.iso.datetime({ offset: true });

/** The most positions one upload may carry: the app sends what it queued offline, 50 at a time. */
export const MAX_POSITIONS = 50;

const position = z
  .object({
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only (the app sends a uuid)'),
    at: iso,
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    // The phone's 68 % radius. Above 5 km a fix says nothing about a home; 0 is no phone's claim.
    accuracyM: z.number().gt(0, 'a fix has a positive accuracy').max(5000, 'at most 5,000 m'),
  })
  .strict();

export const submitQuarantinePositions = defineContract({
  operationId: 'submitQuarantinePositions',
  summary: 'The check-in app sends its positions, a heartbeat, and whether location is on',
  description:
    'Up to 50 positions (the app’s queue), ordered by `at` on the server. Each position id is applied once: a retried upload counts it in `duplicates`; ' +
    'the same id with another fix refuses the whole upload with 409 `idempotency-key-reused`. A fix older than the last one the case has seen counts as `stale`. ' +
    'Positions inside the fence are not stored. `location.status` `denied` or `unavailable` raises `NO_SIGNAL` at once. Times more than 5 minutes ahead of the server are refused (400). ' +
    'A case that has ended answers 410 `case-ended`.',
  tags: ['quarantine'],
  body: z
    .object({
      positions: z.array(position).max(MAX_POSITIONS, `at most ${MAX_POSITIONS} positions an upload; send the rest in the next`).default([]),
      heartbeat: z.object({ at: iso }).strict().optional(),
      location: z.object({ at: iso, status: z.enum(['denied', 'unavailable', 'ok']) }).strict().optional(),
    })
    .strict(),
  responses: {
    200: {
      description: 'Applied. `fence` is what the server now believes: `INSIDE`, `OUTSIDE`, or `UNKNOWN` until it has clear evidence.',
      schema: z.object({
        accepted: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        stale: z.number().int().nonnegative(),
        fence: z.enum(['INSIDE', 'OUTSIDE', 'UNKNOWN']),
      }),
    },
  },
  problems: [404, 409, 410],
});
