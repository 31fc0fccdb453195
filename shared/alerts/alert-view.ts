import type { AlertRecord, HistoryEntry } from './alert.ts';

/** An alert as the console shows it: the record without its bookkeeping (version, index keys). */
export interface AlertView {
  readonly alertId: string;
  readonly type: string;
  readonly severity: AlertRecord['severity'];
  readonly region: string;
  readonly officerId?: string;
  readonly subject: AlertRecord['subject'];
  readonly message: string;
  readonly state: AlertRecord['state'];
  readonly count: number;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly changedAt: string;
  readonly deadlineAt?: string;
  readonly escalatedAt?: string;
  readonly escalatedTo?: string;
  readonly escalationOf?: string;
  readonly history: readonly HistoryEntry[];
}

const entryView = ({ action, by, at, note }: HistoryEntry): HistoryEntry => ({ action, by, at, ...(note ? { note } : {}) });

export const alertViewOf = (alert: AlertRecord): AlertView => ({
  alertId: alert.alertId,
  type: alert.type,
  severity: alert.severity,
  region: alert.region,
  ...(alert.officerId ? { officerId: alert.officerId } : {}),
  subject: { kind: alert.subject.kind, id: alert.subject.id },
  message: alert.message,
  state: alert.state,
  count: alert.count,
  createdAt: alert.createdAt,
  lastSeenAt: alert.lastSeenAt,
  changedAt: alert.changedAt,
  ...(alert.deadlineAt ? { deadlineAt: alert.deadlineAt } : {}),
  ...(alert.escalatedAt ? { escalatedAt: alert.escalatedAt } : {}),
  ...(alert.escalatedTo ? { escalatedTo: alert.escalatedTo } : {}),
  ...(alert.escalationOf ? { escalationOf: alert.escalationOf } : {}),
  history: (alert.history ?? []).map(entryView),
});
