import type { CheckinWindowSpec } from './quarantine-config.ts';

/** Korea keeps UTC+9 all year (no daylight saving since 1988), so a window is a fixed offset from UTC. */
const KOREA_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One window on one Korean day, in epoch milliseconds: a check-in at `opensAt ≤ at < closesAt` counts for it. */
export interface CheckinWindow {
  readonly name: CheckinWindowSpec['name'];
  /** The Korean calendar day, `YYYY-MM-DD`: with the name, the window's id (`2026-12-02/morning`). */
  readonly day: string;
  readonly opensAt: number;
  readonly closesAt: number;
}

export const windowId = (window: CheckinWindow): string => `${window.day}/${window.name}`;

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Midnight of the Korean day that holds `at`, in epoch ms. */
const koreanMidnight = (at: number): number => Math.floor((at + KOREA_OFFSET_MS) / DAY_MS) * DAY_MS - KOREA_OFFSET_MS;

const windowsOfDay = (specs: readonly CheckinWindowSpec[], midnight: number): CheckinWindow[] => {
  const day = new Date(midnight + KOREA_OFFSET_MS).toISOString().slice(0, 10);
  return specs.map((spec) => ({
    name: spec.name,
    day,
    opensAt: midnight + minutesOf(spec.opens) * 60_000,
    closesAt: midnight + minutesOf(spec.closes) * 60_000,
  }));
};

/** The window open at `at`, if one is. */
export const windowAt = (specs: readonly CheckinWindowSpec[], at: number): CheckinWindow | undefined =>
  windowsOfDay(specs, koreanMidnight(at)).find((w) => w.opensAt <= at && at < w.closesAt);

/** The window open at `at`, or else the next one to open (tomorrow's first after today's last). */
export const currentOrNextWindow = (specs: readonly CheckinWindowSpec[], at: number): CheckinWindow => {
  const midnight = koreanMidnight(at);
  return [...windowsOfDay(specs, midnight), ...windowsOfDay(specs, midnight + DAY_MS)].find((w) => at < w.closesAt) as CheckinWindow;
};

/**
 * Every window that lies wholly within `[from, to)`, in order: the check-ins a case owes between its
 * start and its end (a case that starts at 10:00 does not owe that morning's).
 */
export const windowsWithin = (specs: readonly CheckinWindowSpec[], from: number, to: number): CheckinWindow[] => {
  const windows: CheckinWindow[] = [];
  for (let midnight = koreanMidnight(from); midnight < to; midnight += DAY_MS) {
    for (const w of windowsOfDay(specs, midnight)) if (w.opensAt >= from && w.closesAt <= to) windows.push(w);
  }
  return windows;
};
