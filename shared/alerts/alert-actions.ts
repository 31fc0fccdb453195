import type { AuditEvent } from '../audit/audit-trail.ts';
import type { Official } from '../auth/principal.ts';
import { seesRegion } from '../auth/principal.ts';
import { ESCALATED, type AlertRecord, type AlertState, type HistoryEntry } from './alert.ts';
import { transition, type AlertCommand } from './lifecycle.ts';

export interface AlertActionStore {
  get(alertId: string): Promise<AlertRecord | undefined>;
  /** Writes the change and its trail line together, only over the version read. */
  transition(alert: AlertRecord, state: AlertState, entry: HistoryEntry, audit: AuditEvent): Promise<{ readonly written: true; readonly alert: AlertRecord } | { readonly written: false }>;
}

export type ActionOutcome =
  | { readonly kind: 'done'; readonly alert: AlertRecord }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden'; readonly detail: string }
  | { readonly kind: 'conflict'; readonly detail: string }
  | { readonly kind: 'needs-note' };

/** Who may act on an alert: anyone who sees its region, except that an escalation is the admins' to answer. */
export const mayActOn = (official: Official, alert: Pick<AlertRecord, 'region' | 'type'>): { allowed: true } | { allowed: false; detail: string } => {
  if (!seesRegion(official, alert.region)) return { allowed: false, detail: `This alert is in region ${alert.region}, outside your region ${official.region}.` };
  if (alert.type === ESCALATED && official.role === 'officer') return { allowed: false, detail: 'An escalated alert is answered by the region’s admins.' };
  return { allowed: true };
};

/** Two officials acting at once: the loser reads again and is told what the winner did. */
const ACT_ATTEMPTS = 5;

/** Acknowledging and resolving: the lifecycle's rule, the owner check, and the audit line, in one place. */
export class AlertActions {
  constructor(
    private readonly store: AlertActionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async act(official: Official, request: { alertId: string; action: AlertCommand['action']; note?: string; requestId: string }): Promise<ActionOutcome> {
    for (let attempt = 1; ; attempt++) {
      const alert = await this.store.get(request.alertId);
      if (!alert) return { kind: 'not-found' };
      const may = mayActOn(official, alert);
      if (!may.allowed) return { kind: 'forbidden', detail: may.detail };
      const at = this.now().toISOString();
      const decided = transition(alert, { action: request.action, by: official.officerId, at, ...(request.note ? { note: request.note } : {}) });
      if (decided.kind === 'same') return { kind: 'done', alert };
      if (decided.kind !== 'changed') return decided;
      const audit: AuditEvent = {
        actor: { kind: 'official', officerId: official.officerId, role: official.role, region: official.region },
        action: `alert.${request.action}`,
        subject: { kind: 'alert', id: alert.alertId },
        region: alert.region,
        at,
        requestId: request.requestId,
        ...(decided.entry.note ? { note: decided.entry.note } : {}),
      };
      const written = await this.store.transition(alert, decided.state, decided.entry, audit);
      if (written.written) return { kind: 'done', alert: written.alert };
      if (attempt >= ACT_ATTEMPTS) return { kind: 'conflict', detail: 'The alert kept changing while this was asked; read it again.' };
    }
  }
}
