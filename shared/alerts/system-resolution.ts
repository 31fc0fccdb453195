import type { AuditEvent } from '../audit/audit-trail.ts';
import type { AlertRecord, AlertState, AlertSubject, HistoryEntry } from './alert.ts';
import { transition } from './lifecycle.ts';

export interface SystemResolutionStore {
  unresolvedOf(type: string, subject: AlertSubject): Promise<AlertRecord | undefined>;
  transition(alert: AlertRecord, state: AlertState, entry: HistoryEntry, audit: AuditEvent): Promise<{ readonly written: true; readonly alert: AlertRecord } | { readonly written: false }>;
}

/** Lost races with an official acting on the same alert: each round reads again. */
const ATTEMPTS = 5;

/**
 * The system closing an alert the situation itself answered (a person back home resolves their
 * exit): the same lifecycle and audit line as an official's resolution, by `system:<function>`.
 * Returns the resolved alert, or undefined when there was nothing unresolved (or an official got there first).
 */
export const resolveBySystem = async (
  store: SystemResolutionStore,
  request: { readonly type: string; readonly subject: AlertSubject; readonly note: string; readonly by: string; readonly at: Date },
): Promise<AlertRecord | undefined> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const alert = await store.unresolvedOf(request.type, request.subject);
    if (!alert) return undefined;
    const at = request.at.toISOString();
    const decided = transition(alert, { action: 'resolve', by: `system:${request.by}`, at, note: request.note });
    if (decided.kind !== 'changed') return undefined;
    const audit: AuditEvent = {
      actor: { kind: 'system', name: request.by },
      action: 'alert.resolve',
      subject: { kind: 'alert', id: alert.alertId },
      region: alert.region,
      at,
      note: request.note,
    };
    const written = await store.transition(alert, decided.state, decided.entry, audit);
    if (written.written) return written.alert;
  }
  return undefined;
};
