import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { clockOf, countdownOf, foldChanges, inboxOrder, matchesFilters } from '../../../web/console/screens/alerts/inbox.js';

interface Alert {
  alertId: string;
  type: string;
  severity: string;
  state: string;
  officerId?: string;
  createdAt: string;
  deadlineAt?: string;
  history: unknown[];
}
const alert = (over: Partial<Alert> & { alertId: string }): Alert => ({ type: 'GEOFENCE_EXIT', severity: 'high', state: 'open', createdAt: '2026-12-01T00:00:00.000Z', history: [], ...over });
const officer = { role: 'officer', officerId: 'officer-seoul-01' };

describe('the alerts inbox', () => {
  it('puts an officer’s own cases first, then the newest', () => {
    const order = inboxOrder(
      [
        alert({ alertId: 'old-mine', officerId: 'officer-seoul-01', createdAt: '2026-12-01T01:00:00Z' }),
        alert({ alertId: 'new-other', officerId: 'officer-seoul-02', createdAt: '2026-12-01T03:00:00Z' }),
        alert({ alertId: 'new-mine', officerId: 'officer-seoul-01', createdAt: '2026-12-01T02:00:00Z' }),
        alert({ alertId: 'newest-region', createdAt: '2026-12-01T04:00:00Z' }),
      ],
      officer,
    ).map((a: Alert) => a.alertId);
    expect(order).toEqual(['new-mine', 'old-mine', 'newest-region', 'new-other']);
  });

  it('shows an admin the newest first, whoever the alert is for', () => {
    const order = inboxOrder([alert({ alertId: 'a', officerId: 'x', createdAt: '2026-12-01T01:00:00Z' }), alert({ alertId: 'b', createdAt: '2026-12-01T02:00:00Z' })], { role: 'admin', officerId: 'x' });
    expect(order.map((a: Alert) => a.alertId)).toEqual(['b', 'a']);
  });

  it('orders any alerts the same whatever order they arrived in', () => {
    const alerts = fc.uniqueArray(
      fc.record({ alertId: fc.string({ minLength: 1, maxLength: 6 }), officerId: fc.constantFrom(undefined, 'officer-seoul-01', 'other'), createdAt: fc.date({ noInvalidDate: true, min: new Date(2020, 0, 1), max: new Date(2030, 0, 1) }).map((d) => d.toISOString()) }),
      { selector: (a) => a.alertId, maxLength: 20 },
    );
    fc.assert(
      fc.property(alerts, (list) => {
        const once = inboxOrder(list.map((a) => alert(a)), officer);
        expect(inboxOrder([...once].reverse(), officer)).toEqual(once);
        const firstOther = once.findIndex((a: Alert) => a.officerId !== 'officer-seoul-01');
        if (firstOther >= 0) expect(once.slice(firstOther).every((a: Alert) => a.officerId !== 'officer-seoul-01')).toBe(true);
      }),
    );
  });

  it('keeps what the filters ask for, and everything when they ask for nothing', () => {
    const a = alert({ alertId: 'a', severity: 'critical', state: 'acknowledged', type: 'FEVER' });
    expect(matchesFilters(a, {})).toBe(true);
    expect(matchesFilters(a, { state: 'acknowledged', severity: 'critical', type: 'FEVER' })).toBe(true);
    expect(matchesFilters(a, { state: 'open' })).toBe(false);
    expect(matchesFilters(a, { severity: 'high' })).toBe(false);
    expect(matchesFilters(a, { type: 'GEOFENCE_EXIT' })).toBe(false);
  });

  it('adds a new alert from the live feed once, and replaces a changed one without announcing it again', () => {
    const first = foldChanges(new Map(), [alert({ alertId: 'a' }), alert({ alertId: 'a' })]);
    expect(first.added.map((a: Alert) => a.alertId)).toEqual(['a']);
    const acknowledged = alert({ alertId: 'a', state: 'acknowledged', history: [{}] });
    const second = foldChanges(first.shown, [acknowledged]);
    expect(second.added).toEqual([]);
    expect(second.shown.get('a')).toEqual(acknowledged);
    // A late copy from before the acknowledgement does not undo it.
    expect(foldChanges(second.shown, [alert({ alertId: 'a' })]).shown.get('a')).toEqual(acknowledged);
  });

  it('counts down to a high alert’s deadline and then counts how long it is overdue', () => {
    const a = alert({ alertId: 'a', deadlineAt: '2026-12-01T00:15:00.000Z' });
    expect(countdownOf(a, Date.parse('2026-12-01T00:00:00.000Z'))).toEqual({ kind: 'left', seconds: 900 });
    expect(countdownOf(a, Date.parse('2026-12-01T00:14:59.500Z'))).toEqual({ kind: 'left', seconds: 0 });
    expect(countdownOf(a, Date.parse('2026-12-01T00:16:01.000Z'))).toEqual({ kind: 'overdue', seconds: 61 });
    expect(countdownOf({ ...a, state: 'acknowledged' }, 0)).toBeUndefined();
    expect(countdownOf(alert({ alertId: 'b' }), 0)).toBeUndefined();
    expect([clockOf(900), clockOf(61), clockOf(3725)]).toEqual(['15:00', '01:01', '1:02:05']);
  });
});
