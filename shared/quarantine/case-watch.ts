import type { AlertSeverity } from '../alerts/alert.ts';
import { windowId, windowsWithin, type CheckinWindow } from './checkin-window.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseRecord, CaseSummary } from './quarantine-case.ts';

export type WatchAlertType = 'MISSED_CHECKIN' | 'NO_SIGNAL' | 'OUTING_OVERDUE';

export interface WatchAlertDraft {
  readonly type: WatchAlertType;
  readonly severity: AlertSeverity;
  /** The deadline that passed (epoch ms): what makes the alert this one and not another. */
  readonly deadline: number;
  readonly message: string;
}

export interface Watch {
  readonly alerts: readonly WatchAlertDraft[];
  /** The case's end passed: state `ended`, `endedAt`, the device token revoked. */
  readonly end: boolean;
  /** `purgeAfterDays` after the end passed: the person, check-ins and positions go; a summary stays. */
  readonly purge: boolean;
}

type WatchFacts = Pick<
  CaseRecord,
  'state' | 'startsAt' | 'endsAt' | 'enrolledAt' | 'endedAt' | 'lastSeenAt' | 'lastCheckinWindow' | 'outings' | 'geofence' | 'nextDueAt'
>;
type WatchConfig = Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays'>;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const KOREA_OFFSET_MS = 9 * 60 * MINUTE_MS;
const NOTHING: Watch = Object.freeze({ alerts: [], end: false, purge: false });

const WINDOW_NAMES: Record<CheckinWindow['name'], string> = { morning: '오전', afternoon: '오후', evening: '저녁' };
/** `12-02 18:00` in Korean time. */
const koreanTime = (at: number): string => new Date(at + KOREA_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');

/**
 * What the sweep must do for a case at `now`. The sweep finds a case by `nextDueAt` (the earliest
 * deadline still to judge, see `nextDue`) and stores the next one after `now` when it is done, so
 * each rule judges only deadlines in `[nextDueAt, now]`: a deadline judged once is never judged again,
 * and one the sweep was late for (it was down for an hour) is judged on the next run.
 *
 * - `MISSED_CHECKIN` (high): the latest window of the case whose close + grace has passed was not
 *   answered. Only windows that lie wholly within the case count, and only while the case lasts: the
 *   last window's grace may run past the end, and then the end comes first (a late run would otherwise
 *   alarm where a punctual one does not). A window missed while the sweep was down for longer than the
 *   gap between two windows is reported by its successor only.
 * - `NO_SIGNAL` (high): nothing from the phone (no position, heartbeat or location report) for
 *   `noSignalMinutes` since it was last seen, once a phone is enrolled. A phone that says its location
 *   is off alarms at once, from the positions handler.
 * - `OUTING_OVERDUE` (high): a permitted outing has ended and the engine does not see the person
 *   inside the fence.
 * - The case's end, and `purgeAfterDays` after it the purge.
 */
export const watchCase = (record: WatchFacts, config: WatchConfig, now: number): Watch => {
  if (record.state === 'purged') return NOTHING;
  if (record.state === 'ended') {
    const endedAt = Date.parse(record.endedAt ?? record.endsAt);
    return endedAt + config.purgeAfterDays * DAY_MS <= now ? { alerts: [], end: false, purge: true } : NOTHING;
  }
  const since = record.nextDueAt ? Date.parse(record.nextDueAt) : Number.NEGATIVE_INFINITY;
  const due = (deadline: number): boolean => since <= deadline && deadline <= now;
  const endsAt = Date.parse(record.endsAt);
  const alerts: WatchAlertDraft[] = [];

  const graceMs = config.missedCheckinGraceMinutes * MINUTE_MS;
  const passed = windowsWithin(config.checkinWindows, Date.parse(record.startsAt), endsAt).filter((w) => w.closesAt + graceMs <= now);
  const last = passed[passed.length - 1];
  if (last && due(last.closesAt + graceMs) && last.closesAt + graceMs <= endsAt && windowId(last) !== record.lastCheckinWindow) {
    alerts.push({
      type: 'MISSED_CHECKIN',
      severity: 'high',
      deadline: last.closesAt + graceMs,
      message: `자가진단 미제출: ${last.day.slice(5)} ${WINDOW_NAMES[last.name]} 자가진단(${koreanTime(last.closesAt).slice(6)} 마감, 유예 ${config.missedCheckinGraceMinutes}분)이 제출되지 않았습니다.`,
    });
  }

  const seen = record.lastSeenAt ?? record.enrolledAt;
  if (record.enrolledAt && seen) {
    const silentFrom = Date.parse(seen) + config.noSignalMinutes * MINUTE_MS;
    if (due(silentFrom) && silentFrom <= endsAt) {
      alerts.push({
        type: 'NO_SIGNAL',
        severity: 'high',
        deadline: silentFrom,
        message: `신호 없음: ${config.noSignalMinutes}분 넘게 휴대전화에서 위치나 응답이 오지 않았습니다 (마지막 수신 ${koreanTime(Date.parse(seen))}).`,
      });
    }
  }

  if (record.geofence.fence !== 'INSIDE') {
    for (const outing of record.outings) {
      const to = Date.parse(outing.to);
      if (!due(to) || to > endsAt) continue;
      alerts.push({
        type: 'OUTING_OVERDUE',
        severity: 'high',
        deadline: to,
        message: `외출 후 미복귀: 허가된 외출이 ${koreanTime(to)}에 끝났지만 격리 장소로 돌아온 것이 확인되지 않았습니다.`,
      });
    }
  }

  return { alerts, end: endsAt <= now, purge: false };
};

export interface PurgeCounts {
  readonly checkins: number;
  readonly keptPositions: number;
  readonly alertsByType: Readonly<Record<string, number>>;
}

/** What the purge leaves of a case: its dates and counts, no identity, no home, no position, no outing's reason. */
export const purged = <R extends CaseRecord>(record: R, counts: PurgeCounts, now: number): Omit<R, 'personSealed' | 'home' | 'fence' | 'closedReason'> & { state: 'purged'; summary: CaseSummary } => {
  // The official's closing words may name a hospital or a reason of the person's: they go with the person.
  const { personSealed: _person, home: _home, fence: _fence, closedReason: _reason, ...rest } = record;
  const { pendingExit: _pending, ...geofence } = record.geofence;
  return {
    ...rest,
    state: 'purged',
    geofence,
    // An outing's reason may name a clinic or a test: it goes with the person.
    outings: [],
    summary: {
      startsAt: record.startsAt,
      endsAt: record.endsAt,
      endedAt: record.endedAt ?? record.endsAt,
      checkins: counts.checkins,
      keptPositions: counts.keptPositions,
      alertsByType: counts.alertsByType,
      purgedAt: new Date(now).toISOString(),
    },
  };
};
