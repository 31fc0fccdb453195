import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../audit/audit-trail.ts';
import type { AlertConfig } from './alert-config.ts';
import { openingOf } from './raise-alert.ts';
import { ESCALATED, type AlertRecord, type HistoryEntry } from './alert.ts';

/** The escalation sweep's name in history and in the audit trail. */
export const ESCALATION_ACTOR = 'system:escalate-alerts';

/** Spreads the alerts that wait for a deadline over a few index partitions, like the redrive sweep's. */
export const DUE_SHARDS = 4;

export const dueShardOf = (alertId: string): string => {
  let sum = 0;
  for (const char of alertId) sum = (sum + char.charCodeAt(0)) % DUE_SHARDS;
  return `due#${sum}`;
};

/** Whether a deadline passed with nobody acknowledging; an alert escalates once. */
export const isOverdue = (alert: Pick<AlertRecord, 'state' | 'deadlineAt' | 'escalatedAt'>, now: Date): boolean =>
  alert.state === 'open' && !alert.escalatedAt && alert.deadlineAt !== undefined && Date.parse(alert.deadlineAt) <= now.getTime();

const minutesBetween = (from: string, to: Date): number => Math.round((to.getTime() - Date.parse(from)) / 60_000);

/**
 * What an overdue alert raises for its region's admins: a `critical` `ESCALATED` alert about the same
 * subject, for no one officer, pointing at the original. While an earlier escalation of the subject is
 * unresolved, this one counts as its repeat: the admins already have the alarm in front of them.
 */
export const escalationOf = (original: AlertRecord, now: Date) => ({
  type: ESCALATED,
  severity: 'critical' as const,
  region: original.region,
  subject: original.subject,
  message: `[미확인 ${minutesBetween(original.createdAt, now)}분] ${original.type}: ${original.message}`,
  escalationOf: original.alertId,
});

export const escalationEntry = (now: Date, escalatedTo: string): HistoryEntry => ({
  action: 'escalate',
  by: ESCALATION_ACTOR,
  at: now.toISOString(),
  note: `escalated to the region's admins as ${escalatedTo}`,
});

/** The escalation's trail line: a system action, about the alert (never the person behind it). */
export const escalationAudit = (original: AlertRecord, now: Date, escalatedTo: string): AuditEvent => ({
  actor: { kind: 'system', name: 'escalate-alerts' },
  action: 'alert.escalate',
  subject: { kind: 'alert', id: original.alertId },
  region: original.region,
  at: now.toISOString(),
  note: `escalated to ${escalatedTo}`,
});

export interface EscalationLedger {
  /** Open, unescalated `high` alerts whose deadline is at or before `now`, from one due-index shard. */
  overdue(shard: string, now: string): Promise<AlertRecord[]>;
  /**
   * In one transaction: the original records the escalation (only if still open and unescalated as
   * read), the escalation opens or repeats, and the trail line is appended. False when the original
   * was acknowledged or escalated meanwhile, or the transaction lost a race (it stays due).
   */
  escalate(original: AlertRecord, escalation: AlertRecord, now: Date): Promise<{ readonly escalated: true; readonly to: string } | { readonly escalated: false }>;
}

/** Each sweep takes at most this many per shard; the next minute's takes the rest. */
const SWEEP_PER_SHARD = 500;

/** Runs every minute: each overdue `high` alert escalates once, read from the sparse due index only. */
export class Escalator {
  constructor(
    private readonly ledger: EscalationLedger,
    private readonly config: Pick<AlertConfig, 'highDeadlineMinutes'>,
    private readonly newId: () => string = randomUUID,
  ) {}

  async sweep(now: Date): Promise<{ escalated: number }> {
    let escalated = 0;
    for (let shard = 0; shard < DUE_SHARDS; shard++) {
      // An alert whose escalation lost a race stays due; the next minute's sweep takes it again.
      const tried = new Set<string>();
      while (tried.size < SWEEP_PER_SHARD) {
        const due = (await this.ledger.overdue(`due#${shard}`, now.toISOString())).filter((alert) => isOverdue(alert, now) && !tried.has(alert.alertId));
        if (due.length === 0) break;
        for (const original of due) {
          tried.add(original.alertId);
          const escalation: AlertRecord = { ...openingOf(escalationOf(original, now), this.newId(), now, this.config), escalationOf: original.alertId };
          if ((await this.ledger.escalate(original, escalation, now)).escalated) escalated++;
        }
      }
    }
    return { escalated };
  }
}
