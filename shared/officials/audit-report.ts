import { AUDIT_SHARDS, auditLogOf, verifyChain, type AuditEntry, type ChainCheck } from '../audit/audit-trail.ts';

export interface ChainReport {
  readonly log: string;
  readonly intact: boolean;
  readonly entries: number;
  readonly brokenAt?: number;
  readonly reason?: string;
}

export interface AuditReport {
  readonly items: readonly AuditEntry[];
  readonly cursor: string | null;
  readonly chains: readonly ChainReport[];
}

export class BadAuditCursorError extends Error {
  override name = 'BadAuditCursorError';
}

const encode = (offset: number): string => Buffer.from(JSON.stringify({ offset })).toString('base64url');
const decode = (cursor: string): number => {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the refusal
  }
  throw new BadAuditCursorError('is not a cursor this trail gave out');
};

export const chainReportOf = (log: string, check: ChainCheck): ChainReport =>
  check.intact ? { log, intact: true, entries: check.entries } : { log, intact: false, entries: check.entries, brokenAt: check.brokenAt, reason: check.reason };

/**
 * A page of a region's day (entries in time order) and the check of each of the day's chains. The chains
 * are checked whole on every page: a link can only be judged with the one before it, and a day's trail is
 * read in a few Queries anyway. Later entries of the day come after the ones already paged through, so an
 * offset into the time order is a stable cursor.
 */
export const auditReport = (region: string, day: string, entries: readonly AuditEntry[], page: { readonly limit: number; readonly cursor?: string | undefined }): AuditReport => {
  const chains = Array.from({ length: AUDIT_SHARDS }, (_, shard) => {
    const log = auditLogOf(region, day, shard);
    const chain = entries.filter((entry) => entry.log === log).sort((a, b) => a.seq - b.seq);
    return chainReportOf(log, verifyChain(log, chain));
  });
  const offset = page.cursor === undefined ? 0 : decode(page.cursor);
  const items = entries.slice(offset, offset + page.limit);
  const next = offset + items.length;
  return { items, cursor: next < entries.length ? encode(next) : null, chains };
};
