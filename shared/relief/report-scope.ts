import type { Principal } from '../auth/principal.ts';
import { REGION_CODES } from '../geo/regions.ts';
import { koreanDate } from '../masks/korean-time.ts';
import { daysBetween } from './stats.ts';

export interface ReportRefusal {
  readonly kind: 'forbidden' | 'invalid';
  /** The query field an `invalid` refusal names. */
  readonly field?: string;
  readonly detail: string;
}

/**
 * Who reads a card company's settlement: the company itself (its signed GET, for its own `partner` only)
 * and national admins. Settlements are national money, paid from the national treasury; a region's admin
 * sees the region's figures in the statistics instead.
 */
export const settlementScope = (principal: Principal, partner: string): { readonly partnerId: string } | ReportRefusal => {
  if (principal.kind === 'partner') {
    return principal.partnerId === partner ? { partnerId: partner } : { kind: 'forbidden', detail: `You signed as ${principal.partnerId}; the settlement of ${partner} is not yours to read.` };
  }
  if (principal.kind === 'official' && principal.role === 'national-admin') return { partnerId: partner };
  return { kind: 'forbidden', detail: 'Settlements are national money: only national admins and the card company itself read them.' };
};

/** Long enough for a program's whole spending period and the late reversals after it (2020: 113 days). */
export const MAX_STATS_DAYS = 200;
const DEFAULT_STATS_DAYS = 30;

/**
 * The regions and days of a statistics request: an officer or admin their own region (asking for another
 * is refused, never silently narrowed), a national admin all or the one named; by default the 30 days
 * to today in Korea.
 */
export const statsScope = (
  principal: Principal,
  query: { readonly from?: string | undefined; readonly to?: string | undefined; readonly region?: string | undefined },
  now: Date,
): { readonly regions: readonly string[]; readonly from: string; readonly to: string; readonly days: readonly string[] } | ReportRefusal => {
  if (principal.kind !== 'official') return { kind: 'forbidden', detail: 'Only officials read the relief statistics.' };
  if (principal.role !== 'national-admin' && query.region !== undefined && query.region !== principal.region) {
    return { kind: 'forbidden', detail: `Region ${query.region} is outside your region ${principal.region}.` };
  }
  const regions = principal.role === 'national-admin' ? (query.region ? [query.region] : [...REGION_CODES]) : [principal.region];
  const to = query.to ?? (query.from ? shift(query.from, DEFAULT_STATS_DAYS - 1) : koreanDate(now));
  const from = query.from ?? shift(to, -(DEFAULT_STATS_DAYS - 1));
  const days = daysBetween(from, to);
  if (days.length === 0) return { kind: 'invalid', field: 'query.from', detail: 'from is on or before to' };
  if (days.length > MAX_STATS_DAYS) return { kind: 'invalid', field: 'query.to', detail: `at most ${MAX_STATS_DAYS} days at once, not ${days.length}` };
  return { regions, from, to, days };
};

const shift = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
