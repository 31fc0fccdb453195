import type { Notifier } from '../ports/notifier.ts';
import { PENDING_SHARDS, REDRIVE_AFTER_MS, toNotification, type Alert } from './alert.ts';

/**
 * How long a publisher holds an alert it took: longer than one publish can last (the functions time out
 * after 10 s), so two publishers (the stream consumer retrying, a redrive sweep, two sweeps at once) never
 * send the same alert together; short enough that one that crashed holding it delays it by a minute.
 */
export const CLAIM_MS = 60_000;

/** Publishes in flight per stream batch: enough to hide SNS's and DynamoDB's round trips. */
export const PUBLISH_CONCURRENCY = 8;

export interface OutboxStore {
  /** Takes a pending alert until `until`; false when it was published or another publisher holds it. */
  claim(alertId: string, now: string, until: string): Promise<boolean>;
  /** Gives a claimed alert back after a failed publish, so the next attempt need not wait for the lease. */
  release(alertId: string): Promise<void>;
  /** Sets `publishedAt` once and leaves the pending index; false when it was already published. */
  markPublished(alertId: string, at: string): Promise<boolean>;
  pendingBefore(shard: string, before: string, cursor?: string): Promise<{ alerts: Alert[]; cursor?: string }>;
}

export type PublishOutcome = 'published' | 'skipped';

/** One alert from a stream batch, with the sequence number the stream retries from. */
export interface StreamedAlert {
  readonly alert: Alert;
  readonly sequenceNumber: string;
}

/**
 * Publishes outbox alerts. Never lost: an alert stays in the pending index until SNS took it. Never
 * doubled by the outbox: a publisher first claims the alert with a conditional write, so it is sent by one
 * publisher at a time and marked published once. SNS itself delivers at least once, so after a publisher
 * dies between SNS's answer and the mark, the alert can go out again a minute later; subscribers drop a
 * repeat by its `alertId` attribute.
 */
export class Outbox {
  constructor(
    private readonly store: OutboxStore,
    private readonly notifier: Pick<Notifier, 'publish'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(alert: Alert): Promise<PublishOutcome> {
    const now = this.now();
    const until = new Date(now.getTime() + CLAIM_MS).toISOString();
    if (!(await this.store.claim(alert.alertId, now.toISOString(), until))) return 'skipped';
    try {
      await this.notifier.publish('alerts', toNotification(alert));
    } catch (error) {
      await this.store.release(alert.alertId).catch(() => undefined);
      throw error;
    }
    await this.store.markPublished(alert.alertId, this.now().toISOString());
    return 'published';
  }

  /**
   * A stream batch, `PUBLISH_CONCURRENCY` alerts at a time (SNS standard topics keep no order anyway).
   * It names the first alert of the batch SNS would not take, so the stream retries from there; alerts
   * after it that did go out are marked published, and their retry only finds them taken.
   */
  async publishBatch(batch: readonly StreamedAlert[]): Promise<{ failedAt?: StreamedAlert; error?: unknown }> {
    const failures: { index: number; error: unknown }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const index = next++;
        // Once one has failed (SNS is likely down), start no more: the retry covers the rest.
        if (failures.length > 0) return;
        try {
          await this.publish((batch[index] as StreamedAlert).alert);
        } catch (error) {
          failures.push({ index, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUBLISH_CONCURRENCY, batch.length) }, worker));
    if (failures.length === 0) return {};
    const first = failures.reduce((a, b) => (b.index < a.index ? b : a));
    return { failedAt: batch[first.index], error: first.error };
  }

  /**
   * Publishes what the stream consumer left behind (SNS was down, the batch went to the DLQ): alerts still
   * pending `REDRIVE_AFTER_MS` after they were raised, every shard, page by page until `deadline`.
   * A failure ends the sweep (SNS is still down) and is thrown, so the sweep's own alarm fires.
   */
  async redrive(deadline = Number.POSITIVE_INFINITY): Promise<{ published: number; skipped: number }> {
    const before = new Date(this.now().getTime() - REDRIVE_AFTER_MS).toISOString();
    const counts = { published: 0, skipped: 0 };
    for (let shard = 0; shard < PENDING_SHARDS; shard++) {
      let cursor: string | undefined;
      do {
        if (Date.now() >= deadline) return counts;
        const page = await this.store.pendingBefore(`pending#${shard}`, before, cursor);
        for (const alert of page.alerts) counts[await this.publish(alert)]++;
        cursor = page.cursor;
      } while (cursor);
    }
    return counts;
  }
}
