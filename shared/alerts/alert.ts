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
 * `SIGNATURE_REJECTIONS`); officials' subscriptions filter on it.
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
