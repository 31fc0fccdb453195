import type { AlertSeverity } from '../alerts/alert.ts';
import type { Transition } from '../geo/geofence.ts';

export type GeofenceAlertType = 'GEOFENCE_EXIT' | 'GEOFENCE_RETURN' | 'NOT_AT_HOME_AT_START';

/**
 * What the positions handler raises for a case's geofence transitions; it adds the alert id, the
 * case's region and officer and the subject `{kind: 'case', id}`. Messages carry distances and
 * counts, never a position.
 */
export interface GeofenceAlertDraft {
  readonly type: GeofenceAlertType;
  readonly severity: AlertSeverity;
  readonly at: number;
  readonly message: string;
  /** A return closes the open alert of this type, with `note` as the resolution. */
  readonly resolves?: Exclude<GeofenceAlertType, 'GEOFENCE_RETURN'>;
  readonly note?: string;
}

const TYPE_OF = { exit: 'GEOFENCE_EXIT', 'not-at-home-at-start': 'NOT_AT_HOME_AT_START' } as const;

const minutes = (ms: number): number => Math.max(1, Math.round(ms / 60_000));

/**
 * The alert rules. An exit is `high` (an official answers within the deadline); so is not being at
 * home when the quarantine starts. A return is `info` and resolves the exit it ends, with a note.
 * During a permitted outing nothing alarms, and its return has nothing to resolve (overdue outings
 * are the sweep's alert).
 */
export const geofenceAlerts = (transitions: readonly Transition[]): GeofenceAlertDraft[] =>
  transitions.flatMap((t): GeofenceAlertDraft[] => {
    if (t.kind === 'return') {
      if (t.evidence.afterPermitted) return [];
      const outside = minutes(t.at - t.evidence.outsideSince);
      return [
        {
          type: 'GEOFENCE_RETURN',
          severity: 'info',
          at: t.at,
          message: `격리 장소로 돌아옴: 약 ${outside}분 동안 밖에 있었습니다 (연속 ${t.evidence.samples}회 확인).`,
          resolves: TYPE_OF[t.evidence.after],
          note: `귀가 확인 (약 ${outside}분 이탈)`,
        },
      ];
    }
    if (t.permitted) return [];
    const facts = `경계에서 약 ${t.evidence.beyondM}m, 정확도 ${Math.round(t.evidence.accuracyM)}m, 연속 ${t.evidence.samples}회 확인`;
    return [
      t.kind === 'exit'
        ? { type: 'GEOFENCE_EXIT', severity: 'high', at: t.at, message: `격리 장소 이탈 (${facts}).` }
        : { type: 'NOT_AT_HOME_AT_START', severity: 'high', at: t.at, message: `격리 시작 시 격리 장소에 없음 (${facts}).` },
    ];
  });
