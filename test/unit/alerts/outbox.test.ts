import { describe, expect, it } from 'vitest';
import { pendingShardOf, PENDING_SHARDS, type Alert } from '../../../shared/alerts/alert.ts';
import { CLAIM_MS, Outbox, type OutboxStore } from '../../../shared/alerts/outbox.ts';
import type { Notification, Notifier } from '../../../shared/ports/notifier.ts';

const now = new Date('2020-03-09T09:00:00Z');
const alert = (alertId: string, minutesAgo: number): Alert => ({
  alertId,
  type: 'SYMPTOMS',
  severity: 'high',
  region: '27',
  subject: { kind: 'case', id: 'c-1' },
  message: '발열 37.8°C',
  createdAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
});

/** The table's conditions, in memory: a claim holds until it lapses; published alerts leave the index. */
class MemoryOutbox implements OutboxStore {
  readonly claims = new Map<string, string>();
  readonly publishedAt = new Map<string, string[]>();
  constructor(readonly pending: Alert[]) {}
  async claim(alertId: string, at: string, until: string) {
    const held = this.claims.get(alertId);
    if (!this.pending.some((a) => a.alertId === alertId) || (held !== undefined && held >= at)) return false;
    this.claims.set(alertId, until);
    return true;
  }
  async release(alertId: string) {
    this.claims.delete(alertId);
  }
  async markPublished(alertId: string, at: string) {
    const index = this.pending.findIndex((a) => a.alertId === alertId);
    if (index < 0) return false;
    this.pending.splice(index, 1);
    this.claims.delete(alertId);
    this.publishedAt.set(alertId, [...(this.publishedAt.get(alertId) ?? []), at]);
    return true;
  }
  async pendingBefore(shard: string, before: string, cursor?: string) {
    // Pages of 3 after the last key read, as ExclusiveStartKey does: published alerts leaving the index
    // between pages move nothing.
    const key = (a: Alert) => `${a.createdAt}#${a.alertId}`;
    const all = this.pending.filter((a) => pendingShardOf(a.alertId) === shard && a.createdAt < before).sort((a, b) => key(a).localeCompare(key(b)));
    const rest = cursor ? all.filter((a) => key(a) > cursor) : all;
    const page = rest.slice(0, 3);
    return { alerts: page, ...(rest.length > 3 ? { cursor: key(page.at(-1) as Alert) } : {}) };
  }
}

class RecordingNotifier implements Pick<Notifier, 'publish'> {
  sent: Notification[] = [];
  /** Fails these alert ids, or every publish when `down`. */
  failing = new Set<string>();
  down = false;
  /** A slow SNS, so that two publishers overlap. */
  delayMs = 0;
  async publish(_topic: string, notification: Notification) {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.down || this.failing.has(notification.attributes.alertId ?? '')) throw new Error('SNS down');
    this.sent.push(notification);
  }
}

const ids = (sent: Notification[]) => sent.map((n) => n.attributes.alertId);

describe('the outbox', () => {
  it('redrives only alerts older than the stream consumer’s turn, across every shard and page', async () => {
    const alerts = Array.from({ length: 20 }, (_, i) => alert(`old-${i}`, 10));
    const store = new MemoryOutbox([...alerts, alert('fresh', 0)]);
    const notifier = new RecordingNotifier();
    expect(await new Outbox(store, notifier, () => now).redrive()).toEqual({ published: 20, skipped: 0 });
    expect(store.pending.map((a) => a.alertId)).toEqual(['fresh']);
    expect(new Set(alerts.map((a) => pendingShardOf(a.alertId))).size).toBe(PENDING_SHARDS);
  });

  it('keeps an alert pending, and takeable at once, when publishing fails', async () => {
    const store = new MemoryOutbox([alert('a', 10)]);
    const notifier = new RecordingNotifier();
    notifier.down = true;
    await expect(new Outbox(store, notifier, () => now).redrive()).rejects.toThrow('SNS down');
    expect(store.pending).toHaveLength(1);
    notifier.down = false;
    expect(await new Outbox(store, notifier, () => now).redrive()).toEqual({ published: 1, skipped: 0 });
  });

  it('publishes with the alert id, so subscribers can drop a repeat', async () => {
    const notifier = new RecordingNotifier();
    await new Outbox(new MemoryOutbox([alert('a', 10)]), notifier, () => now).publish(alert('a', 10));
    expect(notifier.sent[0]?.attributes).toEqual({ alertId: 'a', alertType: 'SYMPTOMS', severity: 'high', region: '27' });
  });

  it('names the first alert of a stream batch SNS refused, and the stream’s retry from there sends each alert once', async () => {
    const batch = ['b-1', 'b-2', 'b-3', 'b-4', 'b-5'].map((id, i) => ({ alert: alert(id, 0), sequenceNumber: String(100 + i) }));
    const store = new MemoryOutbox(batch.map((b) => b.alert));
    const notifier = new RecordingNotifier();
    notifier.failing.add('b-3');
    const outbox = new Outbox(store, notifier, () => now);
    notifier.failing.add('b-4');
    const { failedAt } = await outbox.publishBatch(batch);
    expect(failedAt?.sequenceNumber).toBe('102');
    expect(ids(notifier.sent)).not.toContain('b-3');
    // The stream retries from the failed record once SNS is back: each alert is sent once.
    notifier.failing.clear();
    expect(await outbox.publishBatch(batch.slice(2))).toEqual({});
    expect(ids(notifier.sent).sort()).toEqual(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
  });

  it('sends an alert once when the stream consumer and two sweeps publish it at the same moment', async () => {
    const alerts = Array.from({ length: 12 }, (_, i) => alert(`r-${i}`, 10));
    const store = new MemoryOutbox([...alerts]);
    const notifier = new RecordingNotifier();
    notifier.delayMs = 2;
    const outbox = () => new Outbox(store, notifier, () => now);
    const [sweepA, sweepB] = await Promise.all([
      outbox().redrive(),
      outbox().redrive(),
      outbox().publishBatch(alerts.map((a, i) => ({ alert: a, sequenceNumber: String(i) }))),
    ]);
    expect(ids(notifier.sent).sort()).toEqual(alerts.map((a) => a.alertId).sort());
    expect([...store.publishedAt.values()].every((marks) => marks.length === 1)).toBe(true);
    expect((sweepA as { skipped: number }).skipped + (sweepB as { skipped: number }).skipped).toBeGreaterThan(0);
  });

  it('takes back an alert whose publisher died holding it, once the hold lapses', async () => {
    const store = new MemoryOutbox([alert('held', 10)]);
    await store.claim('held', now.toISOString(), new Date(now.getTime() + CLAIM_MS).toISOString());
    const notifier = new RecordingNotifier();
    expect(await new Outbox(store, notifier, () => now).redrive()).toEqual({ published: 0, skipped: 1 });
    const later = new Date(now.getTime() + CLAIM_MS + 1);
    expect(await new Outbox(store, notifier, () => later).redrive()).toEqual({ published: 1, skipped: 0 });
  });
});
