import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Official } from '../auth/principal.ts';
import { seesRegion } from '../auth/principal.ts';
import type { AlertRecord } from './alert.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ALERT_REGIONS } from './inbox-plan.ts';

/**
 * The console's live feed: what changed after a cursor, polled about once a second (README explains
 * why a short poll). An alert's place in the `changes` index is `<changedAt>#<alertId>`.
 */
export const changedKeyOf = (alert: Pick<AlertRecord, 'changedAt' | 'alertId'>): string => `${alert.changedAt}#${alert.alertId}`;

/**
 * How long a write may take to show in the index after it took its time: on AWS a GSI follows its
 * table within a second or so, and clocks of two Lambdas differ by a little. The feed looks back this
 * far on every poll and remembers what it already handed out in that window, so a late write is not
 * missed and nothing comes twice.
 */
export const SETTLE_MS = 5000;

/** At most this many changes per region per poll; a longer backlog comes over the next polls. */
export const FEED_BATCH = 200;

export interface ChangesReader {
  /** A region's alerts whose changed key is after `after`, oldest change first. */
  changesAfter(region: string, after: string, limit: number): Promise<{ readonly records: readonly AlertRecord[]; readonly truncated: boolean }>;
}

const cursorSchema = z.object({
  k: z.literal('feed'),
  /** The caller's scope: one region, or `*` for a national admin. */
  sc: z.string().max(3),
  /** Everything changed up to here was handed out. */
  w: z.string().max(40),
  /** Short hashes of what was handed out after `w`. */
  s: z.array(z.string().max(12)).max(FEED_BATCH * 4),
});
type FeedCursor = z.infer<typeof cursorSchema>;

const scopeOf = (official: Official): string => (official.role === 'national-admin' ? '*' : official.region);
const regionsOf = (scope: string): readonly string[] => (scope === '*' ? ALERT_REGIONS : [scope]);
const seenHash = (changedKey: string): string => createHash('sha256').update(changedKey).digest('base64url').slice(0, 10);

export type FeedCursorCheck =
  | { readonly kind: 'ok'; readonly cursor?: FeedCursor }
  | { readonly kind: 'forbidden'; readonly detail: string }
  | { readonly kind: 'invalid'; readonly detail: string };

export const checkFeedCursor = (text: string | undefined, official: Official): FeedCursorCheck => {
  if (text === undefined) return { kind: 'ok' };
  const cursor = decodeCursor(text, cursorSchema);
  if (!cursor) return { kind: 'invalid', detail: 'is not a cursor this API gave out' };
  if (cursor.sc !== '*' && !seesRegion(official, cursor.sc)) return { kind: 'forbidden', detail: `The cursor follows region ${cursor.sc}, outside your region ${official.region}.` };
  if (cursor.sc !== scopeOf(official)) return { kind: 'invalid', detail: 'belongs to another official’s feed' };
  return { kind: 'ok', cursor };
};

/**
 * What changed after the cursor that the caller may see (a national admin: every region), oldest
 * change first, and the cursor to ask with next. Without a cursor: nothing, and the cursor of now.
 */
export const readChanges = async (
  reader: ChangesReader,
  official: Official,
  cursor: FeedCursor | undefined,
  now: Date,
): Promise<{ items: AlertRecord[]; cursor: string }> => {
  const scope = scopeOf(official);
  const settled = new Date(now.getTime() - SETTLE_MS).toISOString();
  const from = cursor?.w ?? settled;
  const seen = new Set(cursor?.s ?? []);
  const reads = await Promise.all(regionsOf(scope).map((region) => reader.changesAfter(region, from, FEED_BATCH)));

  let all = reads.flatMap((read) => read.records.map((record) => ({ record, key: changedKeyOf(record) })));
  all.sort((a, b) => a.key.localeCompare(b.key));
  // A region that had more than one batch cuts everyone at its last: the rest comes next poll, in order.
  const cut = reads
    .filter((read) => read.truncated && read.records.length > 0)
    .map((read) => changedKeyOf(read.records[read.records.length - 1] as AlertRecord))
    .sort()[0];
  if (cut) all = all.filter(({ key }) => key <= cut);

  const fresh = all.filter(({ key }) => !seen.has(seenHash(key)));
  const watermark = cut ?? (settled > from ? settled : from);
  const next: FeedCursor = { k: 'feed', sc: scope, w: watermark, s: all.filter(({ key }) => key > watermark).map(({ key }) => seenHash(key)) };
  return { items: cursor ? fresh.map(({ record }) => record) : [], cursor: encodeCursor(next) };
};
