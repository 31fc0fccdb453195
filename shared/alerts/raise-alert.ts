import { randomUUID } from 'node:crypto';
import type { Alert, AlertRecord } from './alert.ts';
import type { AlertConfig } from './alert-config.ts';
import { deadlineOf } from './deadline.ts';

/** What a context says when it raises an alert; the id, times and life are the service's. */
export type RaiseInput = Omit<Alert, 'alertId' | 'createdAt'>;

export type RaiseOutcome =
  /** A new alert: written to the outbox, so it is published to the officials' subscriptions. */
  | { readonly kind: 'opened'; readonly alert: AlertRecord }
  /** The subject already had an unresolved alert of this type: its count and `lastSeenAt` moved, nothing is published. */
  | { readonly kind: 'repeated'; readonly alert: AlertRecord };

/** Where alerts live: the alerts table, a map in tests. */
export interface AlertLedger {
  /** Writes the alert unless its subject has an unresolved one of its type; then says which. */
  open(alert: AlertRecord): Promise<{ readonly opened: true } | { readonly opened: false; readonly unresolvedId: string }>;
  /** Counts a repeat on an unresolved alert; undefined when it was resolved meanwhile (then a new one opens). */
  repeat(alertId: string, at: string): Promise<AlertRecord | undefined>;
}

/** A new alert's record: open, seen once, with its deadline when it has one. */
export const openingOf = (input: RaiseInput, alertId: string, now: Date, config: Pick<AlertConfig, 'highDeadlineMinutes'>): AlertRecord => {
  const at = now.toISOString();
  const deadlineAt = deadlineOf(input.severity, now, config);
  return {
    ...input,
    alertId,
    createdAt: at,
    state: 'open',
    count: 1,
    lastSeenAt: at,
    ...(deadlineAt ? { deadlineAt } : {}),
    history: [],
    changedAt: at,
    v: 1,
  };
};

/** A repeat racing a resolution: each lost round means the situation changed under it, so read again. */
const RAISE_ATTEMPTS = 5;

/**
 * The one way a context raises an alert (masks, quarantine, relief, the platform). One unresolved
 * alert per subject and type: officials see a situation once, with how often it recurred, instead of
 * an inbox and a phone full of copies. A repeat is not published again: the subscribers were told
 * when it opened, and its count is in the console. Once resolved, the next raise opens a new alert.
 */
export class AlertRaiser {
  constructor(
    private readonly ledger: AlertLedger,
    private readonly config: Pick<AlertConfig, 'highDeadlineMinutes'>,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  async raise(input: RaiseInput): Promise<RaiseOutcome> {
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      const alert = openingOf(input, this.newId(), now, this.config);
      const opened = await this.ledger.open(alert);
      if (opened.opened) return { kind: 'opened', alert };
      const repeated = await this.ledger.repeat(opened.unresolvedId, now.toISOString());
      if (repeated) return { kind: 'repeated', alert: repeated };
      if (attempt >= RAISE_ATTEMPTS) throw new Error(`Could not raise ${input.type} for ${input.subject.kind} ${input.subject.id}: it kept being resolved under the raise`);
    }
  }
}
