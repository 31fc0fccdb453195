import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../shared/alerts/alert.ts';
import { AlertRaiser, type AlertLedger, type RaiseInput } from '../../../shared/alerts/raise-alert.ts';

/** The ledger's contract as the table keeps it: a guard per subject and type while an alert is unresolved. */
class MemoryLedger implements AlertLedger {
  readonly alerts = new Map<string, AlertRecord>();
  readonly guards = new Map<string, string>();
  /** Resolves the alert just before a repeat lands, as an official might. */
  resolveBeforeNextRepeat = false;

  async open(alert: AlertRecord) {
    const guard = `${alert.type}#${alert.subject.kind}#${alert.subject.id}`;
    const unresolvedId = this.guards.get(guard);
    if (unresolvedId) return { opened: false as const, unresolvedId };
    this.guards.set(guard, alert.alertId);
    this.alerts.set(alert.alertId, alert);
    return { opened: true as const };
  }

  async repeat(alertId: string, at: string) {
    if (this.resolveBeforeNextRepeat) {
      this.resolveBeforeNextRepeat = false;
      this.resolve(alertId);
    }
    const alert = this.alerts.get(alertId);
    if (!alert || alert.state === 'resolved') return undefined;
    const repeated = { ...alert, count: alert.count + 1, lastSeenAt: at, changedAt: at, v: alert.v + 1 };
    this.alerts.set(alertId, repeated);
    return repeated;
  }

  resolve(alertId: string) {
    const alert = this.alerts.get(alertId);
    if (!alert) return;
    this.alerts.set(alertId, { ...alert, state: 'resolved' });
    this.guards.delete(`${alert.type}#${alert.subject.kind}#${alert.subject.id}`);
  }
}

const input = (type: string, subject: string, severity: RaiseInput['severity'] = 'info'): RaiseInput => ({
  type,
  severity,
  region: '27',
  subject: { kind: 'case', id: subject },
  message: '발열 37.8°C',
});

let ids = 0;
const raiserOf = (ledger: AlertLedger, now = () => new Date('2020-03-09T09:00:00Z')) => new AlertRaiser(ledger, { highDeadlineMinutes: 15 }, now, () => `a-${++ids}`);

const step = fc.oneof(
  fc.record({ kind: fc.constant('raise' as const), type: fc.constantFrom('SYMPTOMS', 'GEOFENCE_EXIT'), subject: fc.constantFrom('c-1', 'c-2', 'c-3') }),
  fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }),
);

describe('raising an alert', () => {
  it('keeps at most one unresolved alert per subject and type, and counts every raise on one of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const ledger = new MemoryLedger();
        const raiser = raiserOf(ledger);
        let raises = 0;
        for (const s of steps) {
          if (s.kind === 'raise') {
            const outcome = await raiser.raise(input(s.type, s.subject));
            raises++;
            const unresolvedBefore = [...ledger.alerts.values()].filter((a) => a.state !== 'resolved' && a.type === s.type && a.subject.id === s.subject);
            expect(unresolvedBefore.map((a) => a.alertId)).toEqual([outcome.alert.alertId]);
          } else {
            const unresolved = [...ledger.alerts.values()].filter((a) => a.state !== 'resolved');
            const chosen = unresolved[s.pick % Math.max(1, unresolved.length)];
            if (chosen) ledger.resolve(chosen.alertId);
          }
        }
        const all = [...ledger.alerts.values()];
        expect(all.reduce((sum, a) => sum + a.count, 0)).toBe(raises);
        const keys = all.filter((a) => a.state !== 'resolved').map((a) => `${a.type}#${a.subject.id}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('opens a new alert when the earlier one was resolved, even while the repeat was on its way', async () => {
    const ledger = new MemoryLedger();
    const raiser = raiserOf(ledger);
    const first = await raiser.raise(input('SYMPTOMS', 'c-9'));
    ledger.resolveBeforeNextRepeat = true;
    const second = await raiser.raise(input('SYMPTOMS', 'c-9'));
    expect(second.kind).toBe('opened');
    expect(second.alert.alertId).not.toBe(first.alert.alertId);
  });

  it('gives a high alert its deadline 15 minutes on, and an info alert none', async () => {
    const raiser = raiserOf(new MemoryLedger());
    expect((await raiser.raise(input('GEOFENCE_EXIT', 'c-1', 'high'))).alert.deadlineAt).toBe('2020-03-09T09:15:00.000Z');
    expect((await raiser.raise(input('SYMPTOMS', 'c-1', 'info'))).alert.deadlineAt).toBeUndefined();
  });

  it('says a repeat is a repeat, so the outbox publishes only the first', async () => {
    const raiser = raiserOf(new MemoryLedger());
    expect((await raiser.raise(input('SYMPTOMS', 'c-4'))).kind).toBe('opened');
    const again = await raiser.raise(input('SYMPTOMS', 'c-4'));
    expect(again).toMatchObject({ kind: 'repeated', alert: { count: 2 } });
  });
});
