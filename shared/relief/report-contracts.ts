import { z } from 'zod';
import { REGION_CODES } from '../geo/regions.ts';
import { defineContract } from '../http/contract.ts';
import { queryNumber } from '../http/query-number.ts';

const day = z.iso.date('a Korean calendar day, YYYY-MM-DD');
const partnerId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a card company id: lowercase letters, digits and dashes, up to 32');
const region = z.enum(REGION_CODES, { message: `a region is one of the 17 two-digit codes: ${REGION_CODES.join(', ')}` });
const cursor = z.string().max(2048).regex(/^[A-Za-z0-9_-]+$/, 'pass back the cursor of the previous page as it came');
const won = z.number().int();
const count = z.number().int().nonnegative();

const settlementQuery = z.object({
  partner: partnerId,
  date: day,
  format: z.enum(['json', 'csv']).optional().describe('`csv` (or `Accept: text/csv`) downloads the day’s transfers, one row each, a page at a time.'),
  cursor: cursor.optional(),
  limit: queryNumber(z.coerce.number().int().min(1).max(10_000, 'limit is at most 10,000 rows a page').default(5_000)),
});

const settlement = z.object({
  partnerId: z.string(),
  date: z.string(),
  currency: z.literal('KRW'),
  approvedWon: won.nonnegative(),
  approvedCount: count,
  reversedWon: won.nonnegative(),
  reversedCount: count,
  lateReversedWon: won.nonnegative().describe('Reversed after the grant expired: the money went to the state, not back to the balance.'),
  lateReversedCount: count,
  netWon: won.describe('What the state pays the card company for the day: approved − reversed − late-reversed.'),
});

const settlementDescription =
  'The day (midnight to midnight in Seoul) of one card company: approved won and count (approved and partial authorizations), reversed, reversed after expiry, and the net the state pays. ' +
  'Summed from the 16 settlement shards the ledger adds to in each transfer’s transaction; `npm run relief:reconcile` checks them against the transfers to the won. ' +
  'With `format=csv` or `Accept: text/csv` the answer is the day’s transfers as CSV (`partner_id,date,transfer_id,at,kind,grant_id,amount_won,net_won`, the header on every page), ' +
  'in time order, `limit` rows a page; the next page is in the `Link: <…>; rel="next"` header and `x-next-cursor`. The `net_won` column of all pages sums to `netWon`.';

export const getReliefSettlement = defineContract({
  operationId: 'getReliefSettlement',
  summary: 'A card company’s settlement of one Korean day (national admins)',
  description: `${settlementDescription} Settlements are national money: only national admins see them.`,
  tags: ['relief'],
  query: settlementQuery,
  responses: { 200: { description: 'The settlement (JSON), or a page of its transfers (text/csv).', schema: settlement } },
  problems: [400, 403],
});

export const getPartnerSettlement = defineContract({
  operationId: 'getPartnerSettlement',
  summary: 'Our settlement of one Korean day (card companies, signed GET)',
  description: `${settlementDescription} A card company signs the request target (\`/v1/relief/settlements?partner=…&date=…\`) and names itself in \`x-partner-id\`; it sees only its own settlement.`,
  tags: ['relief'],
  query: settlementQuery,
  responses: { 200: { description: 'The settlement (JSON), or a page of its transfers (text/csv).', schema: settlement } },
  problems: [400, 403],
});

const figures = {
  households: count.describe('Households granted.'),
  grantedWon: won,
  donatedWon: won,
  spentWon: won,
  reversedWon: won,
  expiredWon: won,
};

export const getReliefStats = defineContract({
  operationId: 'getReliefStats',
  summary: 'Households paid against the registry, and the won granted, spent, reversed, donated and expired, by region and day (officials)',
  description:
    'Korean days from `from` to `to` (at most 200; by default the 30 days to today). `days` is the paid curve: households paid each day and cumulatively since `from`, as a share of the registry (2020: 99.5 % within a month). ' +
    'An admin or officer sees their region; a national admin all regions, or one with `region`. From the `stats#<day>` shards and the registry’s region counts: a few hundred items a day, never a Scan.',
  tags: ['relief'],
  query: z
    .object({ from: day.optional(), to: day.optional(), region: region.optional() })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is on or before to', path: ['from'] }),
  responses: {
    200: {
      description: 'The figures.',
      schema: z.object({
        from: z.string(),
        to: z.string(),
        regions: z.array(z.string()),
        registeredHouseholds: count,
        totals: z.object({ ...figures, paidPercent: z.number() }),
        days: z.array(z.object({ date: z.string(), ...figures, cumulativeHouseholds: count, paidPercent: z.number() })),
        byRegion: z.array(z.object({ regionCode: z.string(), registeredHouseholds: count, ...figures, paidPercent: z.number() })),
        byRegionDay: z.array(z.object({ date: z.string(), regionCode: z.string(), ...figures })),
      }),
    },
  },
  problems: [400, 403],
});

export const listUnclaimedHouseholds = defineContract({
  operationId: 'listUnclaimedHouseholds',
  summary: 'Households without a grant: their count and a page of their ids (national admins)',
  description:
    'From the sparse `unclaimed` index (16 shards: a household leaves it in its grant’s transaction), never a Scan. The count is a COUNT Query of each shard; the ids are household ids only, no resident numbers; each read is audited. ' +
    'After the program, what these households did not claim stays with the state.',
  tags: ['relief'],
  query: z.object({
    cursor: cursor.optional(),
    limit: queryNumber(z.coerce.number().int().min(1).max(1_000, 'limit is at most 1,000').default(100)),
    count: z.enum(['true', 'false']).optional().describe('`false` skips the count (it reads every key of the index).'),
  }),
  responses: {
    200: {
      description: 'The count and one page of household ids.',
      schema: z.object({ count: count.nullable(), householdIds: z.array(z.string()), cursor: z.string().nullable() }),
    },
  },
  problems: [400, 403],
});
