import { z } from 'zod';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';
import { REMAIN_STATS } from './remain-stat.ts';

const storeCode = z.string().regex(/^\d{8}$/, 'a store code is 8 digits');
const storeType = z.enum(['01', '02', '03']);
const remainStat = z.enum(REMAIN_STATS as [string, ...string[]]);
const latitude = z.number().min(33, 'Korea lies between latitudes 33 and 43').max(43, 'Korea lies between latitudes 33 and 43');
const longitude = z.number().min(124, 'Korea lies between longitudes 124 and 132').max(132, 'Korea lies between longitudes 124 and 132');

export const MAX_RADIUS_M = 5000;
/** Enough for everything a 5 km circle holds in central Seoul (~600 stores in the demo, ~1,000 in 2020's data). */
export const MAX_NEARBY_LIMIT = 2000;

const nearbyStore = z.object({
  code: storeCode,
  name: z.string(),
  addr: z.string(),
  type: storeType,
  lat: z.number(),
  lng: z.number(),
  distanceM: z.number().int().nonnegative(),
  remainStat: remainStat.nullable(),
  remaining: z.number().int().nullable(),
  stockAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const getNearbyStores = defineContract({
  operationId: 'getNearbyStores',
  summary: 'Stores near a point that sell masks, nearest first, with their stock',
  tags: ['masks'],
  query: z.object({
    lat: queryNumber(latitude),
    lng: queryNumber(longitude),
    radius: queryNumber(z.coerce.number().int().min(1).max(MAX_RADIUS_M, `radius is at most ${MAX_RADIUS_M} m`).default(1000)),
    limit: queryNumber(z.coerce.number().int().min(1).max(MAX_NEARBY_LIMIT, `limit is at most ${MAX_NEARBY_LIMIT}`).default(100)),
    status: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const wanted = v.split(',').map((s) => s.trim());
        const unknown = wanted.filter((s) => !(REMAIN_STATS as readonly string[]).includes(s));
        if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown status ${unknown.join(', ')}; use ${REMAIN_STATS.join(', ')}` });
        return wanted;
      }),
  }),
  responses: {
    200: {
      description:
        'Stores within the radius, nearest first: `count` returned, `total` within the radius (before `limit`), ' +
        '`truncated` when `total` is more than `limit`. Ask for up to 2,000 to get everything a 5 km circle holds.',
      schema: z.object({
        count: z.number().int().nonnegative(),
        total: z.number().int().nonnegative(),
        truncated: z.boolean(),
        stores: z.array(nearbyStore),
      }),
    },
  },
});

const iso = z.iso.datetime({ offset: true });

export const putStock = defineContract({
  operationId: 'putStock',
  summary: 'Report the remaining stock, or that sales stopped',
  description:
    'An update older than the stored `asOf` changes nothing and says so with `applied: false`. A break stops sales at once, even if a stock report dated ahead by the store’s clock is stored; the next stock report dated after the break resumes sales.',
  tags: ['masks'],
  params: z.object({ code: storeCode }),
  body: z
    .union([
      z.object({ remaining: z.number().int().min(0).max(100_000), stockAt: iso.optional(), asOf: iso }).strict(),
      z.object({ status: z.literal('break'), asOf: iso.optional() }).strict(),
    ])
    .describe('send {"remaining": …, "asOf": …} or {"status": "break"}'),
  responses: {
    200: {
      description: 'The store’s stock after the report.',
      schema: z.object({
        code: storeCode,
        applied: z.boolean(),
        remaining: z.number().int().nullable(),
        remainStat: remainStat.nullable(),
        stockAt: z.string().nullable(),
        asOf: z.string().nullable(),
        updatedAt: z.string(),
      }),
    },
  },
  problems: [404],
});

export const recordSale = defineContract({
  operationId: 'recordSale',
  summary: 'Sell masks to one person, within the rationing rules',
  description:
    'Refusals are problem+json of type not-your-day, weekly-limit, insufficient-stock or sales-stopped (409/422) with a detail to read aloud. A retry with the same saleId and the same buyer and quantity returns the first answer; the same saleId with another buyer or quantity is refused with 409 idempotency-key-reused. `remaining` and `boughtThisWeek` include this sale.',
  tags: ['masks'],
  params: z.object({ code: storeCode }),
  body: z
    .object({
      saleId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
      buyerId: z.string().regex(/^\d{6}-?\d{7}$/, 'a resident registration number looks like 900101-1234567'),
      quantity: z.number().int().min(1).max(10),
    })
    .strict(),
  responses: {
    201: {
      description: 'Sold.',
      schema: z.object({
        saleId: z.string(),
        code: storeCode,
        quantity: z.number().int(),
        remaining: z.number().int(),
        boughtThisWeek: z.number().int(),
        weeklyLimit: z.number().int().nullable(),
        soldAt: z.string(),
      }),
    },
  },
  problems: [404, 409, 422],
});

const importRow = z.object({
  code: storeCode,
  name: z.string().trim().min(1).max(100),
  addr: z.string().trim().min(2).max(200),
  type: storeType,
  // A CSV cell is text; JSON rows may send numbers.
  lat: z.coerce.number().pipe(latitude).optional(),
  lng: z.coerce.number().pipe(longitude).optional(),
});
export type ImportRow = z.infer<typeof importRow>;
export const importRowSchema = importRow;

export const MAX_IMPORT_BYTES = 6 * 1024 * 1024;

const importSummary = z.object({
  importId: z.string(),
  status: z.enum(['running', 'done']),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), code: z.string().nullable(), field: z.string(), message: z.string() })),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const importStores = defineContract({
  operationId: 'importStores',
  summary: 'Import stores from CSV or JSON (administrators)',
  description:
    'Rows `code,name,addr,type,lat,lng`; upsert by code; every bad row is reported with its row number and the rest are imported. Send `importId` in the query to poll progress at /v1/admin/imports/{importId}; the same importId with the same rows returns the first outcome, with other rows 409 idempotency-key-reused.',
  tags: ['masks', 'admin'],
  query: z.object({ importId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional() }),
  body: z.union([z.string(), z.array(z.record(z.string(), z.unknown())), z.object({ rows: z.array(z.record(z.string(), z.unknown())) })]),
  bodyTypes: ['application/json', 'text/csv'],
  bodyLimit: MAX_IMPORT_BYTES,
  responses: { 200: { description: 'The import’s outcome.', schema: importSummary } },
  problems: [409],
});

export const getStoreImport = defineContract({
  operationId: 'getStoreImport',
  summary: 'Progress of a store import (administrators)',
  tags: ['masks', 'admin'],
  params: z.object({ importId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }),
  responses: { 200: { description: 'Progress so far.', schema: importSummary } },
  problems: [404],
});

export const rotateStoreKey = defineContract({
  operationId: 'rotateStoreKey',
  summary: 'Issue a store’s new API key (administrators); the old key stops working',
  tags: ['masks', 'admin'],
  params: z.object({ code: storeCode }),
  responses: {
    201: {
      description: 'The new key. It is shown this once and only its hash is kept.',
      schema: z.object({ code: storeCode, apiKey: z.string() }),
    },
  },
  problems: [404],
});

/** The 2020 API's store object, field for field; missing data is null. */
const legacyStore = z.object({
  code: z.string(),
  name: z.string(),
  addr: z.string(),
  type: storeType,
  lat: z.number(),
  lng: z.number(),
  stock_at: z.string().nullable(),
  remain_stat: remainStat.nullable(),
  created_at: z.string().nullable(),
});

export const LEGACY_MAX_M = 5000;

export const legacyStoresByGeo = defineContract({
  operationId: 'legacyStoresByGeo',
  summary: '2020 API: stores within m metres',
  description: `As in 2020. m above ${LEGACY_MAX_M} (2020 clients sent up to 10000) is treated as ${LEGACY_MAX_M}.`,
  tags: ['masks', 'legacy'],
  query: z.object({
    lat: queryNumber(latitude),
    lng: queryNumber(longitude),
    m: queryNumber(z.number().int().min(1).default(1000).transform((m) => Math.min(m, LEGACY_MAX_M))),
  }),
  responses: { 200: { description: 'Stores within m metres.', schema: z.object({ count: z.number().int(), stores: z.array(legacyStore) }) } },
});

export const legacyStoresByAddr = defineContract({
  operationId: 'legacyStoresByAddr',
  summary: '2020 API: stores whose address starts with the given words',
  tags: ['masks', 'legacy'],
  query: z.object({
    address: z
      .string()
      .trim()
      .refine((a) => a.split(/\s+/).length >= 2, 'give at least the city or province and the district, e.g. 서울특별시 강남구'),
  }),
  responses: {
    200: {
      description: 'Matching stores.',
      schema: z.object({ address: z.string(), count: z.number().int(), stores: z.array(legacyStore) }),
    },
  },
});

/** Far beyond a national listing (a million stores is 2,000 pages of 500); a page past the end is empty. */
export const LEGACY_MAX_PAGE = 1_000_000;
const page = queryNumber(z.number().int().min(1).max(LEGACY_MAX_PAGE, `page is 1 to ${LEGACY_MAX_PAGE}`).default(1));
const perPage = queryNumber(z.number().int().min(500, 'perPage is 500 to 5000').max(5000, 'perPage is 500 to 5000').default(500));
const pageOf = <T extends z.ZodType>(field: string, item: T) =>
  z.object({ count: z.number().int(), page: z.string(), [field]: z.array(item), totalCount: z.number().int(), totalPages: z.number().int() });

export const legacyStores = defineContract({
  operationId: 'legacyStores',
  summary: '2020 API: store information, a page at a time',
  tags: ['masks', 'legacy'],
  query: z.object({ page, perPage }),
  responses: { 200: { description: 'One page.', schema: pageOf('storeInfos', legacyStore.pick({ code: true, name: true, addr: true, type: true, lat: true, lng: true })) } },
});

export const legacySales = defineContract({
  operationId: 'legacySales',
  summary: '2020 API: stock status, a page at a time',
  tags: ['masks', 'legacy'],
  query: z.object({ page, perPage }),
  responses: {
    200: {
      description: 'One page.',
      schema: pageOf('sales', legacyStore.pick({ code: true, stock_at: true, remain_stat: true, created_at: true })),
    },
  },
});
