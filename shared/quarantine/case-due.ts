import { createHash } from 'node:crypto';
import { windowId, windowsWithin } from './checkin-window.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import { DUE_SHARDS, type CaseRecord, type DueReason } from './quarantine-case.ts';

export interface Due {
  readonly at: number;
  readonly reason: DueReason;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

type DueFacts = Pick<CaseRecord, 'state' | 'startsAt' | 'endsAt' | 'enrolledAt' | 'endedAt' | 'lastSeenAt' | 'lastCheckinWindow' | 'outings'>;
type DueConfig = Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays'>;

/**
 * The first thing that falls due for a case strictly after `after`: the end of an unanswered check-in
 * window plus its grace, the silence deadline (last seen + the no-signal minutes, once a phone is
 * enrolled), the end of a permitted outing, the case's end; once ended, its purge. The sweep handles
 * what is due at `now` and stores `nextDue(…, now)`, so a deadline that has passed and alarmed is not
 * found again until the case changes (a new ping moves the silence deadline).
 */
export const nextDue = (record: DueFacts, config: DueConfig, after: number): Due | undefined => {
  if (record.state === 'purged') return undefined;
  if (record.state === 'ended') {
    const endedAt = Date.parse(record.endedAt ?? record.endsAt);
    return { at: Math.max(endedAt + config.purgeAfterDays * DAY_MS, after + 1), reason: 'purge' };
  }
  const endsAt = Date.parse(record.endsAt);
  const candidates: Due[] = [{ at: endsAt, reason: 'case-end' }];

  const graceMs = config.missedCheckinGraceMinutes * MINUTE_MS;
  const owed = windowsWithin(config.checkinWindows, Date.parse(record.startsAt), endsAt);
  const answered = record.lastCheckinWindow ? owed.findIndex((w) => windowId(w) === record.lastCheckinWindow) : -1;
  const unanswered = owed.slice(answered + 1).find((w) => w.closesAt + graceMs > after);
  if (unanswered) candidates.push({ at: unanswered.closesAt + graceMs, reason: 'checkin-window' });

  const seen = record.lastSeenAt ?? record.enrolledAt;
  if (seen) candidates.push({ at: Date.parse(seen) + config.noSignalMinutes * MINUTE_MS, reason: 'no-signal' });

  for (const outing of record.outings) candidates.push({ at: Date.parse(outing.to), reason: 'outing-end' });

  return candidates.filter((c) => c.at > after).sort((a, b) => a.at - b.at)[0] ?? { at: Math.max(endsAt, after + 1), reason: 'case-end' };
};

/** A case's shard of the `due` index: fixed by its id, so a case is always in one shard. */
export const dueShardOf = (caseId: string): string => `DUE#${createHash('sha256').update(caseId).digest()[0]! % DUE_SHARDS}`;

/** The `due` index attributes for a record: present while something is due, absent once purged. */
export const dueAttributes = (record: DueFacts & Pick<CaseRecord, 'caseId'>, config: DueConfig, after: number) => {
  const due = nextDue(record, config, after);
  return due ? { dueShard: dueShardOf(record.caseId), nextDueAt: new Date(due.at).toISOString(), dueReason: due.reason } : undefined;
};
