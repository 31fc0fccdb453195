import { z } from 'zod';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';
import { REGION_CODES } from '../geo/regions.ts';
import { REMAIN_STATS } from './remain-stat.ts';

const region = z.enum(REGION_CODES, { message: `a region is a 2-digit province code: ${REGION_CODES.join(', ')}` });
const remainStat = z.enum(REMAIN_STATS as [string, ...string[]]);
const bandCounts = z.object(Object.fromEntries(REMAIN_STATS.map((band) => [band, z.number().int().nonnegative()])) as Record<string, z.ZodNumber>);

export const getMasksSummary = defineContract({
  operationId: 'getMasksSummary',
  summary: 'Stores by stock band in each region (officials)',
  description:
    'Counts of a region’s reporting stores by remainStat. Without `region`: the official’s own region, or every region for a national admin. Stores that never reported stock are not counted.',
  tags: ['masks', 'admin'],
  query: z.object({ region: region.optional() }),
  responses: {
    200: {
      description: 'One row per region, in code order.',
      schema: z.object({
        regions: z.array(z.object({ region: z.string(), counts: bandCounts, total: z.number().int().nonnegative() })),
        countedAt: z.string(),
      }),
    },
  },
});

/** Enough for a large region's empty stores in a few pages; a map of 500 marks still draws at once on a phone. */
export const MAX_REGION_STORES = 500;

export const listRegionStores = defineContract({
  operationId: 'listRegionStores',
  summary: 'A region’s stores in one stock band, e.g. the empty ones (officials)',
  description: 'Stores of `region` (default: the official’s own) whose stock is in band `remainStat` (default `empty`), a page at a time; pass the answer’s `cursor` for the next page.',
  tags: ['masks', 'admin'],
  query: z.object({
    region: region.optional(),
    remainStat: remainStat.default('empty'),
    cursor: z.string().max(1024).regex(/^[A-Za-z0-9_-]+$/, 'a cursor is what the last page answered').optional(),
    limit: queryNumber(z.number().int().min(1).max(MAX_REGION_STORES, `limit is at most ${MAX_REGION_STORES}`).default(200)),
  }),
  responses: {
    200: {
      description: 'The page, and the cursor of the next (null on the last).',
      schema: z.object({
        region: z.string(),
        remainStat,
        items: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            addr: z.string(),
            type: z.enum(['01', '02', '03']),
            lat: z.number(),
            lng: z.number(),
            remaining: z.number().int().nullable(),
            stockAt: z.string().nullable(),
            updatedAt: z.string(),
          }),
        ),
        cursor: z.string().nullable(),
      }),
    },
  },
});
