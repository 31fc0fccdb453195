import type { CaseEvent } from '../data/quarantine-events-repository.ts';
import type { AlertRecord } from '../alerts/alert.ts';
import { currentOrNextWindow, windowId } from './checkin-window.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseRecord } from './quarantine-case.ts';

/** Every alert type the quarantine raises for a case: what a list counts as open. */
export const CASE_ALERT_TYPES = ['GEOFENCE_EXIT', 'NOT_AT_HOME_AT_START', 'SYMPTOMS', 'MISSED_CHECKIN', 'NO_SIGNAL', 'OUTING_OVERDUE', 'GEOFENCE_RETURN'] as const;

/** ~110 m: enough to place a case on a region map, too coarse to find a door. */
const coarse = (value: number) => Math.round(value * 1000) / 1000;

/** A case in a list: no name, no phone, the home only coarsely. */
export const caseListItem = (record: CaseRecord, openAlerts: number) => ({
  caseId: record.caseId,
  region: record.region,
  officerId: record.officerId,
  state: record.state,
  language: record.language,
  startsAt: record.startsAt,
  endsAt: record.endsAt,
  enrolled: record.enrolledAt !== undefined,
  fence: record.geofence.fence,
  ...(record.lastSeenAt ? { lastSeenAt: record.lastSeenAt } : {}),
  ...(record.lastCheckinAt ? { lastCheckinAt: record.lastCheckinAt } : {}),
  ...(record.locationOff ? { locationOff: true } : {}),
  openAlerts,
  ...(record.home ? { home: { lat: coarse(record.home.lat), lng: coarse(record.home.lng) } } : {}),
});

/** The timeline of a case, newest first: check-ins, kept outside positions, fence transitions, alerts. */
export const caseTimeline = (events: readonly CaseEvent[], alerts: readonly AlertRecord[]) =>
  [
    ...events.map((event) => {
      const kind = event.sk.slice(0, event.sk.indexOf('#')) as 'checkin' | 'position' | 'transition';
      const { caseId: _c, sk: _s, expiresAt: _e, kind: transitionKind, ...rest } = event as CaseEvent & { kind?: string };
      return { ...rest, at: String(event['at']), kind, ...(transitionKind ? { transition: transitionKind } : {}) };
    }),
    ...alerts.map((a) => ({ at: a.createdAt, kind: 'alert' as const, alertId: a.alertId, type: a.type, severity: a.severity, state: a.state, message: a.message })),
  ].sort((a, b) => b.at.localeCompare(a.at));

/** The whole case for its officer. */
export const caseView = (record: CaseRecord, person: { name: string; phone: string } | undefined, timeline: ReturnType<typeof caseTimeline>, config: Pick<QuarantineConfig, 'checkinWindows'>, now: Date) => {
  const next = currentOrNextWindow(config.checkinWindows, Math.max(now.getTime(), Date.parse(record.startsAt)));
  return {
    caseId: record.caseId,
    region: record.region,
    officerId: record.officerId,
    state: record.state,
    ...(person ? { person: { ...person, language: record.language } } : {}),
    ...(record.home ? { home: record.home } : {}),
    ...(record.fence ? { fence: record.fence } : {}),
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    ...(record.enrolledAt ? { enrolledAt: record.enrolledAt } : {}),
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(record.closedReason ? { closedReason: record.closedReason } : {}),
    geofence: {
      fence: record.geofence.fence,
      ...(record.geofence.outsideSince ? { outsideSince: new Date(record.geofence.outsideSince).toISOString() } : {}),
      ...(record.geofence.lastAt ? { lastAt: new Date(record.geofence.lastAt).toISOString() } : {}),
    },
    ...(record.lastSeenAt ? { lastSeenAt: record.lastSeenAt } : {}),
    ...(record.locationOff ? { locationOff: true } : {}),
    ...(record.lastCheckinAt ? { lastCheckinAt: record.lastCheckinAt } : {}),
    outings: record.outings.map(({ outingId, from, to, reason }) => ({ outingId, from, to, reason })),
    nextCheckin:
      record.state === 'active' && next.opensAt < Date.parse(record.endsAt)
        ? { window: windowId(next), opensAt: new Date(next.opensAt).toISOString(), closesAt: new Date(next.closesAt).toISOString(), done: record.lastCheckinWindow === windowId(next) }
        : null,
    ...(record.summary ? { summary: record.summary } : {}),
    timeline,
  };
};
