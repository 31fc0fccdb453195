import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentOrNextWindow, windowAt, windowId, windowsWithin } from '../../../shared/quarantine/checkin-window.ts';
import { quarantineConfig, quarantineConfigSchema } from '../../../shared/quarantine/quarantine-config.ts';

const specs = quarantineConfig.checkinWindows;
const kst = (iso: string): number => Date.parse(`${iso}+09:00`);
const DAY = 24 * 60 * 60 * 1000;
const anyTime = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') });

describe('check-in windows (Korean time)', () => {
  it('opens the morning window at 09:00 in Korea, which is 00:00 UTC', () => {
    const w = windowAt(specs, kst('2026-12-02T09:00:00'));
    expect(w && windowId(w)).toBe('2026-12-02/morning');
    expect(w?.opensAt).toBe(Date.parse('2026-12-02T00:00:00Z'));
    expect(windowAt(specs, kst('2026-12-02T12:00:00'))).toBeUndefined();
  });

  it('names the Korean day, not the UTC one, after 15:00 UTC', () => {
    const w = currentOrNextWindow(specs, Date.parse('2026-12-02T20:00:00Z'));
    expect(windowId(w)).toBe('2026-12-03/morning');
  });

  it('after the last window of a day, the next is tomorrow’s first', () => {
    expect(windowId(currentOrNextWindow(specs, kst('2026-12-02T18:30:00')))).toBe('2026-12-03/morning');
    expect(windowId(currentOrNextWindow(specs, kst('2026-12-02T13:00:00')))).toBe('2026-12-02/afternoon');
  });

  it('the current-or-next window never lies in the past and is the first such', () =>
    fc.assert(
      fc.property(anyTime, (at) => {
        const w = currentOrNextWindow(specs, at);
        expect(w.closesAt).toBeGreaterThan(at);
        expect(w.closesAt - at).toBeLessThanOrEqual(DAY);
        const open = windowAt(specs, at);
        if (open) expect(w).toEqual(open);
        else expect(w.opensAt).toBeGreaterThan(at);
      }),
    ));

  it('a case of n days owes two check-ins a day, only windows wholly inside it', () => {
    expect(windowsWithin(specs, kst('2026-12-02T10:00:00'), kst('2026-12-16T10:00:00')).map(windowId).slice(0, 3)).toEqual([
      '2026-12-02/afternoon',
      '2026-12-03/morning',
      '2026-12-03/afternoon',
    ]);
    fc.assert(
      fc.property(anyTime, fc.integer({ min: 1, max: 30 }), (from, days) => {
        const owed = windowsWithin(specs, from, from + days * DAY);
        // Only a window cut by the start or the end is not owed: at most one at each end.
        expect(owed.length).toBeGreaterThanOrEqual(days * specs.length - 2);
        expect(owed.length).toBeLessThanOrEqual(days * specs.length);
        for (const w of owed) expect(w.opensAt >= from && w.closesAt <= from + days * DAY).toBe(true);
        expect(new Set(owed.map(windowId)).size).toBe(owed.length);
      }),
    );
  });

  it('refuses overlapping or inverted windows in the configuration', () => {
    const overlapping = [
      { name: 'morning', opens: '09:00', closes: '12:00' },
      { name: 'afternoon', opens: '11:00', closes: '18:00' },
    ];
    expect(quarantineConfigSchema.safeParse({ checkinWindows: overlapping }).success).toBe(false);
    expect(quarantineConfigSchema.safeParse({ checkinWindows: [{ name: 'morning', opens: '12:00', closes: '09:00' }] }).success).toBe(false);
    expect(quarantineConfigSchema.safeParse({ noSignalMinutes: 2 }).success).toBe(false);
  });
});
