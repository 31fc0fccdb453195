import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, INITIAL_GEOFENCE_STATE, type Transition } from '../../../shared/geo/geofence.ts';
import type { Outing } from '../../../shared/geo/outing.ts';
import { geofenceAlerts, type GeofenceAlertDraft } from '../../../shared/quarantine/geofence-alerts.ts';
import { anyTrack, asBatches } from '../geo/tracks.ts';

const exit = (permitted: boolean, kind: 'exit' | 'not-at-home-at-start' = 'exit'): Transition => ({
  kind,
  at: 1_000_000,
  permitted,
  evidence: { samples: 2, firstAt: 940_000, beyondM: 312, accuracyM: 8, fast: false },
});
const back = (after: 'exit' | 'not-at-home-at-start', afterPermitted: boolean): Transition => ({
  kind: 'return',
  at: 1_000_000 + 42 * 60_000,
  evidence: { samples: 2, firstAt: 1_000_000 + 41 * 60_000, outsideSince: 940_000, after, afterPermitted },
});

describe('the geofence alert rules', () => {
  it('raises a high GEOFENCE_EXIT that says how far and how sure, and no position', () => {
    const [alert] = geofenceAlerts([exit(false)]);
    expect(alert).toMatchObject({ type: 'GEOFENCE_EXIT', severity: 'high', at: 1_000_000 });
    expect(alert!.message).toContain('312m');
    expect(alert!.message).not.toMatch(/\d+\.\d{3,}/);
  });

  it('raises NOT_AT_HOME_AT_START when the first decided position is outside', () => {
    expect(geofenceAlerts([exit(false, 'not-at-home-at-start')])).toEqual([expect.objectContaining({ type: 'NOT_AT_HOME_AT_START', severity: 'high' })]);
  });

  it('resolves the open exit with a note when the person is back', () => {
    expect(geofenceAlerts([back('exit', false)])).toEqual([expect.objectContaining({ type: 'GEOFENCE_RETURN', severity: 'info', resolves: 'GEOFENCE_EXIT', note: '귀가 확인 (약 43분 이탈)' })]);
    expect(geofenceAlerts([back('not-at-home-at-start', false)])).toEqual([expect.objectContaining({ resolves: 'NOT_AT_HOME_AT_START' })]);
  });

  it('alarms on nothing during a permitted outing, its return included', () => {
    expect(geofenceAlerts([exit(true), back('exit', true)])).toEqual([]);
  });

  it('keeps at most one geofence alert open per case, and resolves only the one open', () => {
    fc.assert(
      fc.property(anyTrack, fc.integer(), fc.boolean(), ({ fence, samples }, seed, withOuting) => {
        const outings: Outing[] = withOuting && samples.length > 4 ? [{ from: samples[2]!.at, to: samples[Math.floor(samples.length / 2)]!.at }] : [];
        let state = INITIAL_GEOFENCE_STATE;
        const alerts: GeofenceAlertDraft[] = [];
        for (const batch of asBatches(samples, seed)) {
          const result = evaluate(state, fence, batch, { outings });
          state = result.state;
          alerts.push(...geofenceAlerts(result.transitions));
        }
        let open: string | undefined;
        for (const alert of alerts) {
          if (alert.type === 'GEOFENCE_RETURN') {
            expect(alert.resolves).toBe(open);
            open = undefined;
          } else {
            expect(open).toBeUndefined();
            open = alert.type;
          }
        }
        expect(alerts.filter((a) => a.type === 'NOT_AT_HOME_AT_START').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });
});
