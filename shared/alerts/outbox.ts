import type { Notifier } from '../ports/notifier.ts';
import { PENDING_SHARDS, REDRIVE_AFTER_MS, toNotification, type Alert } from './alert.ts';

export interface OutboxStore {
  markPublished(alertId: string, at: string): Promise<boolean>;
  pendingBefore(shard: string, before: string): Promise<Alert[]>;
}

/**
 * Publishes outbox alerts. At least once: SNS may see an alert twice (a retry after a timeout), never
 * zero times; subscribers de-duplicate on the `alertId` attribute.
 */
export class Outbox {
  constructor(
    private readonly store: OutboxStore,
    private readonly notifier: Notifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(alert: Alert): Promise<void> {
    await this.notifier.publish('alerts', toNotification(alert));
    await this.store.markPublished(alert.alertId, this.now().toISOString());
  }

  /** Publishes what the stream consumer left behind; returns how many it published. */
  async redrive(): Promise<number> {
    const before = new Date(this.now().getTime() - REDRIVE_AFTER_MS).toISOString();
    let published = 0;
    for (let shard = 0; shard < PENDING_SHARDS; shard++) {
      for (const alert of await this.store.pendingBefore(`pending#${shard}`, before)) {
        await this.publish(alert);
        published++;
      }
    }
    return published;
  }
}
