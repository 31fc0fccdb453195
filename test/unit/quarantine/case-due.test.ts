import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueShardOf, nextDue } from '../../../shared/quarantine/case-due.ts';
import { quarantineConfigSchema } from '../../../shared/quarantine/quarantine-config.ts';
import type { CaseRecord } from '../../../shared/quarantine/quarantine-case.ts';

const config = quarantineConfigSchema.parse({});
const kst = (day: string, time: string) => Date.parse(`${day}T${time}:00+09:00`);
const iso = (ms: number) => new Date(ms).toISOString();

const active = (over: Partial<CaseRecord> = {}) => ({
  state: 'active' as const,
  startsAt: iso(kst('2026-12-02', '08:00')),
  endsAt: iso(kst('2026-12-16', '08:00')),
  outings: [],
  ...over,
});

describe('what falls due next for a case', () => {
  it('is the morning window’s end plus grace for a case not yet enrolled that starts before it', () => {
    expect(nextDue(active(), config, kst('2026-12-02', '08:30'))).toEqual({ at: kst('2026-12-02', '13:00'), reason: 'checkin-window' });
  });

  it('skips a window already answered and goes to the next one', () => {
    const due = nextDue(active({ lastCheckinWindow: '2026-12-02/morning' }), config, kst('2026-12-02', '10:00'));
    expect(due).toEqual({ at: kst('2026-12-02', '19:00'), reason: 'checkin-window' });
  });

  it('is the silence deadline once a phone is enrolled and pings, and moves with each ping', () => {
    const seen = kst('2026-12-02', '09:10');
    const due = nextDue(active({ enrolledAt: iso(seen - 60_000), lastSeenAt: iso(seen) }), config, seen);
    expect(due).toEqual({ at: seen + 15 * 60_000, reason: 'no-signal' });
  });

  it('does not find a passed silence deadline again: after the sweep alarmed, the next thing is the window', () => {
    const seen = kst('2026-12-02', '09:10');
    const due = nextDue(active({ enrolledAt: iso(seen), lastSeenAt: iso(seen) }), config, seen + 16 * 60_000);
    expect(due?.reason).toBe('checkin-window');
  });

  it('is an outing’s end when it comes first', () => {
    const to = kst('2026-12-02', '12:30');
    const outing = { outingId: 'o1', from: iso(kst('2026-12-02', '11:00')), to: iso(to), reason: 'test', grantedBy: 'x', grantedAt: iso(0) };
    expect(nextDue(active({ lastCheckinWindow: '2026-12-02/morning', outings: [outing] }), config, kst('2026-12-02', '11:00'))).toEqual({ at: to, reason: 'outing-end' });
  });

  it('is the purge, purgeAfterDays after the end, once the case has ended, and nothing once purged', () => {
    const endedAt = kst('2026-12-10', '10:00');
    expect(nextDue(active({ state: 'ended', endedAt: iso(endedAt) }), config, endedAt)).toEqual({ at: endedAt + 14 * 86_400_000, reason: 'purge' });
    expect(nextDue(active({ state: 'purged' }), config, endedAt)).toBeUndefined();
  });

  it('is always strictly after `after` and never after the case’s end while active', () => {
    const start = kst('2026-12-02', '00:00');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 3_600_000, max: 30 * 86_400_000 }),
        fc.option(fc.integer({ min: 0, max: 20 * 86_400_000 }), { nil: undefined }),
        (afterOffset, length, seenOffset) => {
          const after = start + afterOffset;
          const record = active({
            startsAt: iso(start),
            endsAt: iso(start + length),
            ...(seenOffset === undefined ? {} : { enrolledAt: iso(start), lastSeenAt: iso(start + seenOffset) }),
          });
          const due = nextDue(record, config, after);
          expect(due).toBeDefined();
          expect(due!.at).toBeGreaterThan(after);
          if (after < start + length) expect(due!.at).toBeLessThanOrEqual(start + length);
        },
      ),
    );
  });

  it('keeps a case in one of 16 shards', () => {
    fc.assert(fc.property(fc.string(), (id) => {
      expect(dueShardOf(id)).toMatch(/^DUE#([0-9]|1[0-5])$/);
    }));
  });
});
