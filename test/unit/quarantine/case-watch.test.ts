import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueAttributes } from '../../../shared/quarantine/case-due.ts';
import { windowId, windowsWithin } from '../../../shared/quarantine/checkin-window.ts';
import { purged, watchCase, type WatchAlertDraft } from '../../../shared/quarantine/case-watch.ts';
import { quarantineConfigSchema } from '../../../shared/quarantine/quarantine-config.ts';
import type { CaseRecord } from '../../../shared/quarantine/quarantine-case.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const kst = (day: string, time: string) => Date.parse(`${day}T${time}:00+09:00`);
const BASE = kst('2026-12-02', '00:00');

type Facts = Parameters<typeof watchCase>[0] & Pick<CaseRecord, 'caseId'>;

const caseOf = (over: Partial<Facts> = {}): Facts => ({
  caseId: 'c_watch0000000000000000',
  state: 'active',
  startsAt: iso(kst('2026-12-02', '08:00')),
  endsAt: iso(kst('2026-12-16', '08:00')),
  outings: [],
  geofence: { fence: 'INSIDE' },
  ...over,
});

/** The sweep as it runs every minute over one case: judge when due, store the next deadline. */
const simulate = (start: Facts, config: ReturnType<typeof quarantineConfigSchema.parse>, createdAt: number, sweeps: readonly number[]) => {
  let record: Facts = { ...start, ...dueAttributes(start, config, createdAt) };
  const raised: (WatchAlertDraft & { sweptAt: number })[] = [];
  let endedAt: number | undefined;
  let purgedAt: number | undefined;
  for (const t of sweeps) {
    if (!record.nextDueAt || Date.parse(record.nextDueAt) > t) continue;
    const watch = watchCase(record, config, t);
    raised.push(...watch.alerts.map((a) => ({ ...a, sweptAt: t })));
    const { dueShard: _s, nextDueAt: _n, dueReason: _d, ...rest } = record as Facts & { dueShard?: string; dueReason?: string };
    let next: Facts = rest;
    if (watch.end) {
      next = { ...next, state: 'ended', endedAt: next.endsAt };
      endedAt = t;
    }
    if (watch.purge) {
      next = { ...next, state: 'purged' };
      purgedAt = t;
    }
    record = { ...next, ...dueAttributes(next, config, t) };
  }
  return { raised, endedAt, purgedAt, record };
};

const scenario = fc.record({
  startMinute: fc.integer({ min: 0, max: 24 * 60 }),
  durationMinutes: fc.integer({ min: 6 * 60, max: 4 * 24 * 60 }),
  enrolledAfter: fc.option(fc.integer({ min: 0, max: 180 }), { nil: undefined }),
  seenAfter: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { nil: undefined }),
  answered: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  outings: fc.array(fc.record({ gap: fc.integer({ min: 10, max: 24 * 60 }), length: fc.integer({ min: 10, max: 6 * 60 }) }), { maxLength: 3 }),
  fence: fc.constantFrom('INSIDE' as const, 'OUTSIDE' as const, 'UNKNOWN' as const),
  purgeAfterDays: fc.integer({ min: 0, max: 2 }),
  // At most three hours between runs: less than the five hours between two windows' deadlines.
  gaps: fc.array(fc.integer({ min: 1, max: 180 }), { minLength: 1, maxLength: 80 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const build = (s: Scenario) => {
  const startsAt = BASE + s.startMinute * MINUTE;
  const endsAt = startsAt + s.durationMinutes * MINUTE;
  const config = quarantineConfigSchema.parse({ purgeAfterDays: s.purgeAfterDays });
  const owed = windowsWithin(config.checkinWindows, startsAt, endsAt);
  const enrolledAt = s.enrolledAfter === undefined ? undefined : startsAt + s.enrolledAfter * MINUTE;
  let from = startsAt;
  const outings = s.outings.map((o, i) => {
    from += o.gap * MINUTE;
    const outing = { outingId: `o${i}`, from: iso(from), to: iso(from + o.length * MINUTE), reason: '검사', grantedBy: 'x', grantedAt: iso(startsAt) };
    from += o.length * MINUTE;
    return outing;
  });
  const record = caseOf({
    startsAt: iso(startsAt),
    endsAt: iso(endsAt),
    ...(enrolledAt !== undefined ? { enrolledAt: iso(enrolledAt) } : {}),
    ...(enrolledAt !== undefined && s.seenAfter !== undefined ? { lastSeenAt: iso(enrolledAt + s.seenAfter * MINUTE) } : {}),
    ...(s.answered !== undefined && owed[s.answered] ? { lastCheckinWindow: windowId(owed[s.answered]!) } : {}),
    outings,
    geofence: { fence: s.fence },
  });
  let t = startsAt - 30 * MINUTE;
  const sweeps = s.gaps.map((g) => (t += g * MINUTE));
  return { record, config, owed, sweeps, startsAt, endsAt, answeredIndex: s.answered !== undefined && owed[s.answered] ? s.answered : -1 };
};

describe('what the quarantine sweep judges for a case', () => {
  it('raises each alert once, for a deadline that has passed within the case, whatever the sweep’s timing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { record, config, sweeps, endsAt } = build(s);
        const { raised } = simulate(record, config, Date.parse(record.startsAt) - 60 * MINUTE, sweeps);
        const keys = raised.map((a) => `${a.type}@${a.deadline}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const alert of raised) {
          expect(alert.deadline).toBeLessThanOrEqual(alert.sweptAt);
          expect(alert.deadline).toBeLessThanOrEqual(endsAt);
          expect(alert.severity).toBe('high');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('misses no deadline: every unanswered window, the silence and each outing not seen back are raised by the last run', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { record, config, owed, sweeps, endsAt, answeredIndex } = build(s);
        const { raised } = simulate(record, config, Date.parse(record.startsAt) - 60 * MINUTE, sweeps);
        const last = sweeps[sweeps.length - 1]!;
        const horizon = Math.min(last, endsAt);
        const grace = config.missedCheckinGraceMinutes * MINUTE;

        const missed = raised.filter((a) => a.type === 'MISSED_CHECKIN').map((a) => a.deadline);
        const expected = owed.filter((w, i) => i > answeredIndex && w.closesAt + grace <= horizon).map((w) => w.closesAt + grace);
        for (const deadline of expected) expect(missed).toContain(deadline);
        if (answeredIndex >= 0) expect(missed).not.toContain(owed[answeredIndex]!.closesAt + grace);

        const seen = record.lastSeenAt ?? record.enrolledAt;
        const silentFrom = seen === undefined ? undefined : Date.parse(seen) + config.noSignalMinutes * MINUTE;
        const silence = raised.filter((a) => a.type === 'NO_SIGNAL');
        if (record.enrolledAt === undefined) expect(silence).toEqual([]);
        else expect(silence.length).toBe(silentFrom !== undefined && silentFrom <= horizon ? 1 : 0);

        const overdue = raised.filter((a) => a.type === 'OUTING_OVERDUE').length;
        const outingsDue = record.outings.filter((o) => Date.parse(o.to) <= horizon).length;
        expect(overdue).toBe(record.geofence.fence === 'INSIDE' ? 0 : outingsDue);
      }),
      { numRuns: 300 },
    );
  });

  it('ends a case at the first run after its end and purges it at the first run after the purge delay, once', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { record, config, sweeps, endsAt } = build(s);
        const { endedAt, purgedAt, record: after } = simulate(record, config, Date.parse(record.startsAt) - 60 * MINUTE, sweeps);
        expect(endedAt).toBe(sweeps.find((t) => t >= endsAt));
        // The run that ends a case does not purge it too, even with no delay: the end is a state of its own.
        expect(purgedAt).toBe(endedAt === undefined ? undefined : sweeps.find((t) => t > endedAt && t >= endsAt + config.purgeAfterDays * DAY));
        if (purgedAt !== undefined) expect(after).not.toHaveProperty('nextDueAt');
      }),
      { numRuns: 300 },
    );
  });

  it('does not call a case late for a window that closed before it started, or for an enrolment it never had', () => {
    const config = quarantineConfigSchema.parse({});
    // Starts at 12:30 in Korea: the morning window (09–12) is not owed; nothing is enrolled.
    const record = caseOf({ startsAt: iso(kst('2026-12-02', '12:30')), nextDueAt: iso(kst('2026-12-02', '12:30')) });
    expect(watchCase(record, config, kst('2026-12-02', '13:30'))).toEqual({ alerts: [], end: false, purge: false });
  });

  it('says which window was missed, in Korean time, and nothing about the person', () => {
    const config = quarantineConfigSchema.parse({});
    const record = caseOf({ nextDueAt: iso(kst('2026-12-02', '13:00')) });
    const { alerts } = watchCase(record, config, kst('2026-12-02', '13:01'));
    expect(alerts).toEqual([expect.objectContaining({ type: 'MISSED_CHECKIN', deadline: kst('2026-12-02', '13:00') })]);
    expect(alerts[0]?.message).toContain('12-02 오전');
    expect(alerts[0]?.message).toContain('12:00 마감');
  });
});

describe('the purge', () => {
  it('leaves the dates and counts, and no person, home, fence, position or outing reason', () => {
    const record = {
      ...caseOf({ state: 'ended', endedAt: iso(kst('2026-12-16', '08:00')) }),
      region: '11',
      officerId: 'o',
      language: 'ko',
      personSealed: 'sealed',
      home: { lat: 37.5, lng: 127, address: '서울' },
      fence: { type: 'circle', center: { lat: 37.5, lng: 127 }, radiusM: 100 },
      geofence: { fence: 'OUTSIDE', pendingExit: { count: 1, firstAt: 1, fast: false, samples: [{ at: 1, lat: 37.6, lng: 127, accuracyM: 5 }] } },
      outings: [{ outingId: 'o1', from: '', to: '', reason: '서울대병원 검사', grantedBy: 'o', grantedAt: '' }],
      createdAt: '',
      createdBy: 'o',
      regionState: '11#ended',
      officerState: '11#o#ended',
      v: 3,
    } as CaseRecord;
    const left = purged(record, { checkins: 20, keptPositions: 4, alertsByType: { GEOFENCE_EXIT: 1 } }, kst('2026-12-30', '09:00'));
    expect(left.state).toBe('purged');
    expect(left.summary).toEqual({
      startsAt: record.startsAt,
      endsAt: record.endsAt,
      endedAt: record.endedAt,
      checkins: 20,
      keptPositions: 4,
      alertsByType: { GEOFENCE_EXIT: 1 },
      purgedAt: iso(kst('2026-12-30', '09:00')),
    });
    const text = JSON.stringify(left);
    for (const gone of ['sealed', '37.6', '37.5', '서울대병원', 'address']) expect(text).not.toContain(gone);
  });
});
