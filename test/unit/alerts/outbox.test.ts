import { describe, expect, it } from 'vitest';
import { pendingShardOf, PENDING_SHARDS, type Alert } from '../../../shared/alerts/alert.ts';
import { Outbox, type OutboxStore } from '../../../shared/alerts/outbox.ts';
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

class MemoryOutbox implements OutboxStore {
  constructor(readonly pending: Alert[]) {}
  async markPublished(alertId: string) {
    const before = this.pending.length;
    this.pending.splice(this.pending.findIndex((a) => a.alertId === alertId), 1);
    return this.pending.length < before;
  }
  async pendingBefore(shard: string, before: string) {
    return this.pending.filter((a) => pendingShardOf(a.alertId) === shard && a.createdAt < before);
  }
}

class RecordingNotifier implements Notifier {
  sent: Notification[] = [];
  down = false;
  async publish(_topic: string, notification: Notification) {
    if (this.down) throw new Error('SNS down');
    this.sent.push(notification);
  }
}

describe('the outbox', () => {
  it('redrives only alerts older than the stream consumer’s turn, across every shard', async () => {
    const alerts = Array.from({ length: 20 }, (_, i) => alert(`old-${i}`, 10));
    const store = new MemoryOutbox([...alerts, alert('fresh', 0)]);
    const notifier = new RecordingNotifier();
    expect(await new Outbox(store, notifier, () => now).redrive()).toBe(20);
    expect(store.pending.map((a) => a.alertId)).toEqual(['fresh']);
    expect(new Set(alerts.map((a) => pendingShardOf(a.alertId))).size).toBe(PENDING_SHARDS);
  });

  it('keeps an alert pending when publishing fails', async () => {
    const store = new MemoryOutbox([alert('a', 10)]);
    const notifier = new RecordingNotifier();
    notifier.down = true;
    await expect(new Outbox(store, notifier, () => now).redrive()).rejects.toThrow('SNS down');
    expect(store.pending).toHaveLength(1);
  });

  it('publishes with the alert id, so subscribers can drop a repeat', async () => {
    const notifier = new RecordingNotifier();
    await new Outbox(new MemoryOutbox([alert('a', 10)]), notifier, () => now).publish(alert('a', 10));
    expect(notifier.sent[0]?.attributes).toEqual({ alertId: 'a', alertType: 'SYMPTOMS', severity: 'high', region: '27' });
  });
});
