import { createHash } from 'node:crypto';
import type { Notification } from '../ports/notifier.ts';

/**
 * How urgent an alert is. `high` alerts have an answer deadline (Taiwan's 15 minutes in 2020) and
 * escalate to the region's admins as `critical` when nobody acknowledges them in time.
 */
export type AlertSeverity = 'info' | 'high' | 'critical';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'high', 'critical'];

/** What an alert is about; one open alert per subject and type. */
export interface AlertSubject {
  readonly kind: 'case' | 'store' | 'district' | 'grant' | 'partner';
  readonly id: string;
}

/**
 * Something an official must see, as a context raises it: written to the outbox first, published to
 * SNS after. `type` names the situation in the contexts' own words (`GEOFENCE_EXIT`, `STORE_EMPTY`,
 * `SIGNATURE_REJECTIONS`, `DEADLINE_DECLINES`); officials' subscriptions filter on it.
 */
export interface Alert {
  readonly alertId: string;
  readonly type: string;
  readonly severity: AlertSeverity;
  /** 2-digit province code: officials see and subscribe by it. */
  readonly region: string;
  /** The case officer the alert is for, when it has one (a quarantine case's officer). */
  readonly officerId?: string;
  readonly subject: AlertSubject;
  /** For the official, in Korean with the facts; never a person's name, phone or position. */
  readonly message: string;
  readonly createdAt: string;
}

/** `open` → `acknowledged` → `resolved`, or `open` → `resolved`; nothing leaves `resolved`. */
export type AlertState = 'open' | 'acknowledged' | 'resolved';
export const ALERT_STATES: readonly AlertState[] = ['open', 'acknowledged', 'resolved'];

/** One change of an alert: who (an officer id, or `system:<function>`), when, and the official's note. */
export interface HistoryEntry {
  readonly action: 'acknowledge' | 'resolve' | 'escalate';
  readonly by: string;
  readonly at: string;
  readonly note?: string;
}

/**
 * An alert as the table keeps it: the raised alert and its life. `count` and `lastSeenAt` say how
 * often the same situation was raised again while it was not yet resolved (one open alert per
 * subject and type). `v` is bumped on every change, so two officials acting at once cannot both win.
 */
export interface AlertRecord extends Alert {
  readonly state: AlertState;
  readonly count: number;
  readonly lastSeenAt: string;
  /** When a `high` alert escalates if nobody has acknowledged it. */
  readonly deadlineAt?: string;
  /** When this alert escalated, and the `ESCALATED` alert that carried it to the admins. */
  readonly escalatedAt?: string;
  readonly escalatedTo?: string;
  /** On an `ESCALATED` alert: the alert nobody answered in time. */
  readonly escalationOf?: string;
  readonly history: readonly HistoryEntry[];
  /** When anything about the alert last changed (raised, repeated, acted on, escalated): the live feed's order. */
  readonly changedAt: string;
  readonly v: number;
}

/** The type of the alert a deadline missed raises for the region's admins. */
export const ESCALATED = 'ESCALATED';

/**
 * Alerts about no one province (a card company's webhooks) are filed under `00`: only national admins
 * see them, as only they work across regions.
 */
export const NATIONAL_REGION = '00';

/** Spreads unpublished alerts over a few index partitions so one sweep query never hits one hot key. */
export const PENDING_SHARDS = 4;

export const pendingShardOf = (alertId: string): string =>
  `pending#${(createHash('sha1').update(alertId).digest()[0] ?? 0) % PENDING_SHARDS}`;

/** The sweep leaves fresh alerts to the stream consumer, which normally publishes within a second. */
export const REDRIVE_AFTER_MS = 2 * 60 * 1000;

/**
 * The SNS message attributes, named as the officials' filter policies read them (`alertType`,
 * `severity`, `region`, `officerId`, all String); `alertId` lets a subscriber drop a repeat.
 */
export const toNotification = (alert: Alert): Notification => ({
  subject: `[crisis-response] ${alert.severity} ${alert.type}`,
  body: `${alert.subject.kind} ${alert.subject.id}\n\n${alert.message}`,
  attributes: {
    alertId: alert.alertId,
    alertType: alert.type,
    severity: alert.severity,
    region: alert.region,
    ...(alert.officerId ? { officerId: alert.officerId } : {}),
  },
});
