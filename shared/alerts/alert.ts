import { createHash } from 'node:crypto';
import type { Notification } from '../ports/notifier.ts';

/** Something an official must see: written to the outbox first, published to SNS after. */
export interface Alert {
  readonly alertId: string;
  /** e.g. `geofence-exit`, `fever`, `missed-check-in`. */
  readonly kind: string;
  /** 2-digit province code: officials' subscriptions filter on it. */
  readonly region: string;
  readonly officerId?: string;
  readonly subject: string;
  readonly message: string;
  readonly createdAt: string;
}

/** Spreads unpublished alerts over a few index partitions so one sweep query never hits one hot key. */
export const PENDING_SHARDS = 4;

export const pendingShardOf = (alertId: string): string =>
  `pending#${(createHash('sha1').update(alertId).digest()[0] ?? 0) % PENDING_SHARDS}`;

/** The sweep leaves fresh alerts to the stream consumer, which normally publishes within a second. */
export const REDRIVE_AFTER_MS = 2 * 60 * 1000;

export const toNotification = (alert: Alert): Notification => ({
  subject: `[crisis-response] ${alert.kind}`,
  body: `${alert.subject}\n\n${alert.message}`,
  attributes: {
    alertId: alert.alertId,
    kind: alert.kind,
    region: alert.region,
    ...(alert.officerId ? { officerId: alert.officerId } : {}),
  },
});
