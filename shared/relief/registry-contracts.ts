import { z } from 'zod';
import { defineContract } from '../http/contract.ts';

const importId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'an importId is 8–64 letters, digits or hyphens');

const uploadAnswer = z.object({
  importId,
  uploadUrl: z.url(),
  expiresAt: z.string(),
  /** What the PUT must send: the content type signed into the URL, and `If-None-Match: *`. */
  uploadHeaders: z.record(z.string(), z.string()),
});

const importRequest = z
  .object({ importId: importId.optional(), format: z.enum(['csv', 'json']) })
  .strict();

export const importHouseholds = defineContract({
  operationId: 'importHouseholds',
  summary: 'Start a household registry import: an upload URL for the file (national administrators)',
  description:
    'PUT the file at `uploadUrl` (with `uploadHeaders`) before `expiresAt`; it is then read a chunk at a time and the progress is at /v1/admin/households/imports/{importId}. ' +
    'CSV columns `householdId,headResidentId,memberResidentIds,regionCode` (members separated by `;`), or JSON lines of `{householdId, headResidentId, memberResidentIds: [...], regionCode}`. ' +
    'Upsert by householdId: a household moves region, and members who left lose their entry. Resident numbers are kept only as keyed hashes. ' +
    'The same importId with the same body answers the first answer again; with another body 409 idempotency-key-reused.',
  tags: ['relief', 'admin'],
  body: importRequest,
  responses: {
    201: { description: 'The import, waiting for its file.', schema: uploadAnswer },
    200: { description: 'The same request again: the first answer.', schema: uploadAnswer },
  },
  problems: [409],
});

const progress = z.object({
  importId,
  kind: z.enum(['households', 'stores']),
  format: z.enum(['csv', 'json']),
  status: z.enum(['awaiting-upload', 'running', 'done', 'failed']),
  rowsRead: z.number().int(),
  upserted: z.number().int(),
  rejected: z.number().int(),
  chunks: z.object({ total: z.number().int().nullable(), done: z.number().int() }),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const getHouseholdImport = defineContract({
  operationId: 'getHouseholdImport',
  summary: 'Progress of a household (or uploaded store) import (national administrators)',
  description: 'Rows read, upserted and rejected so far, and the first 100 row errors (row number, field, message; never a resident number).',
  tags: ['relief', 'admin'],
  params: z.object({ importId }),
  responses: { 200: { description: 'Progress so far.', schema: progress } },
  problems: [404],
});

export const uploadStores = defineContract({
  operationId: 'uploadStores',
  summary: 'Start a store import of any size: an upload URL for the file (national administrators)',
  description:
    'For files beyond what `POST /v1/admin/stores:import` takes in one request: PUT the CSV (`code,name,addr,type,lat,lng`) at `uploadUrl`; it is applied through the registry import queue, a chunk at a time, and its progress is at /v1/admin/imports/{importId} as for other store imports.',
  tags: ['masks', 'admin'],
  body: importRequest,
  responses: {
    201: { description: 'The import, waiting for its file.', schema: uploadAnswer },
    200: { description: 'The same request again: the first answer.', schema: uploadAnswer },
  },
  problems: [409],
});
