import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../shared/geo/distance.ts';
import { applyBatch, futureTimes, positionFingerprint, type PositionInput } from '../../../shared/quarantine/positions-batch.ts';
import { quarantineConfigSchema } from '../../../shared/quarantine/quarantine-config.ts';
import type { CaseRecord } from '../../../shared/quarantine/quarantine-case.ts';

const config = quarantineConfigSchema.parse({});
const HOME = { lat: 37.5665, lng: 126.978 };
const kst = (day: string, time: string) => Date.parse(`${day}T${time}:00+09:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const north = (m: number) => ({ lat: HOME.lat + m / 111_195, lng: HOME.lng });
const T0 = kst('2026-12-02', '10:00');

const aCase = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'c_batch0000000000000000',
  region: '11',
  officerId: 'officer-1',
  state: 'active',
  language: 'ko',
  home: HOME,
  fence: { type: 'circle', center: HOME, radiusM: 100 },
  startsAt: iso(kst('2026-12-02', '08:00')),
  endsAt: iso(kst('2026-12-16', '08:00')),
  createdAt: iso(kst('2026-12-02', '08:00')),
  createdBy: 'officer-1',
  enrolledAt: iso(kst('2026-12-02', '08:10')),
  geofence: { fence: 'INSIDE', lastAt: T0 - 60_000, lastSignedM: -90, lastAccuracyM: 10 },
  outings: [],
  regionState: '11#active',
  officerState: '11#officer-1#active',
  v: 4,
  ...over,
});

const fix = (id: string, at: number, metres: number, accuracyM = 10): PositionInput => ({ id, at: iso(at), ...north(metres), accuracyM });
const none = new Map<string, string>();

describe('one upload of positions', () => {
  it('is judged in time order however it arrives, and keeps only the outside fixes', () => {
    const walk = [90, 180, 270, 360].map((m, i) => fix(`p${i}`, T0 + i * 60_000, m));
    const inOrder = applyBatch(aCase(), { positions: walk }, none, config, T0 + 5 * 60_000);
    const shuffled = applyBatch(aCase(), { positions: [walk[2]!, walk[0]!, walk[3]!, walk[1]!] }, none, config, T0 + 5 * 60_000);
    // The ids applied are the same set; only the order they were listed in differs.
    const sorted = (o: typeof inOrder) => (o.kind === 'applied' ? { ...o, fresh: [...o.fresh].sort((a, b) => a.id.localeCompare(b.id)) } : o);
    expect(sorted(shuffled)).toEqual(sorted(inOrder));
    if (inOrder.kind !== 'applied') throw new Error('applied');
    expect(inOrder.fence).toBe('OUTSIDE');
    expect(inOrder.alerts.map((a) => a.type)).toEqual(['GEOFENCE_EXIT']);
    expect(inOrder.keep.map((k) => k.id)).toEqual(['p1', 'p2', 'p3']);
    expect(inOrder.record.v).toBe(5);
    expect(inOrder.record.lastSeenAt).toBe(walk[3]!.at);
  });

  it('counts a fix sent again under its id as a duplicate, and refuses the id with another fix', () => {
    const first = fix('a', T0, 10);
    const known = new Map([['a', positionFingerprint(first)]]);
    const retry = applyBatch(aCase(), { positions: [{ ...first, at: new Date(T0).toISOString().replace('Z', '+00:00') }] }, known, config, T0);
    expect(retry).toMatchObject({ kind: 'applied', accepted: 0, duplicates: 1, stale: 0 });
    expect(applyBatch(aCase(), { positions: [fix('a', T0, 500)] }, known, config, T0)).toEqual({ kind: 'reused', ids: ['a'] });
    expect(applyBatch(aCase(), { positions: [fix('b', T0, 10), fix('b', T0, 10)] }, none, config, T0)).toMatchObject({ duplicates: 1, accepted: 1 });
    expect(applyBatch(aCase(), { positions: [fix('b', T0, 10), fix('b', T0, 20)] }, none, config, T0)).toEqual({ kind: 'reused', ids: ['b'] });
  });

  it('counts fixes older than the last one judged as stale, changing nothing', () => {
    const outcome = applyBatch(aCase(), { positions: [fix('old', T0 - 10 * 60_000, 900, 2)] }, none, config, T0);
    expect(outcome).toMatchObject({ kind: 'applied', accepted: 0, stale: 1, fence: 'INSIDE', keep: [], alerts: [] });
  });

  it('keeps a check-in deadline that fell due a moment before the ping due until the sweep has judged it', () => {
    // The morning window's grace ended at 13:00; the sweep runs at 13:01; a ping arrives at 13:00:30.
    const record = aCase({ nextDueAt: iso(kst('2026-12-02', '13:00')), dueReason: 'checkin-window', dueShard: 'DUE#1' });
    const outcome = applyBatch(record, { heartbeat: { at: iso(kst('2026-12-02', '13:00') + 30_000) }, positions: [] }, none, config, kst('2026-12-02', '13:00') + 30_000);
    expect(outcome).toMatchObject({ kind: 'applied', record: { nextDueAt: iso(kst('2026-12-02', '13:00')), dueReason: 'checkin-window' } });
  });

  it('moves the silence deadline with the latest heartbeat or fix, and says when location is off or back', () => {
    const at = kst('2026-12-02', '10:30');
    const off = applyBatch(aCase(), { positions: [], location: { at: iso(at), status: 'unavailable' } }, none, config, at);
    expect(off).toMatchObject({ kind: 'applied', locationOff: true, record: { locationOff: true, lastSeenAt: iso(at), nextDueAt: iso(at + 15 * 60_000), dueReason: 'no-signal' } });
    if (off.kind !== 'applied') throw new Error('applied');
    const back = applyBatch({ ...off.record, regionState: '', officerState: '' }, { positions: [], location: { at: iso(at + 60_000), status: 'ok' } }, none, config, at + 60_000);
    expect(back).toMatchObject({ kind: 'applied', locationOff: false });
    if (back.kind !== 'applied') throw new Error('applied');
    expect(back.record).not.toHaveProperty('locationOff');
    // A heartbeat alone says nothing about location: the flag stays as it was.
    const still = applyBatch({ ...off.record, regionState: '', officerState: '' }, { positions: [], heartbeat: { at: iso(at + 60_000) } }, none, config, at + 60_000);
    expect(still).toMatchObject({ kind: 'applied', record: { locationOff: true } });
  });

  it('refuses times more than five minutes ahead, by field', () => {
    expect(futureTimes({ positions: [fix('a', T0, 0), fix('b', T0 + 6 * 60_000, 0)], heartbeat: { at: iso(T0 + 60 * 60_000) } }, T0)).toEqual([
      { field: 'body.positions[1].at', message: expect.any(String) },
      { field: 'body.heartbeat.at', message: expect.any(String) },
    ]);
  });

  it('never keeps a position inside the fence, whatever the track', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ metres: fc.integer({ min: 0, max: 1500 }), accuracy: fc.integer({ min: 2, max: 120 }), gapS: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 50 }),
        fc.constantFrom('INSIDE' as const, 'UNKNOWN' as const, 'OUTSIDE' as const),
        (track, fence) => {
          let at = T0;
          const positions = track.map((s, i) => fix(`t${i}`, (at += s.gapS * 1000), s.metres, s.accuracy));
          const outcome = applyBatch(aCase({ geofence: fence === 'OUTSIDE' ? { fence, outsideSince: T0 - 600_000, outsideKind: 'exit' } : { fence } }), { positions }, none, config, at);
          if (outcome.kind !== 'applied') throw new Error('applied');
          for (const kept of outcome.keep) expect(distanceM(HOME, kept)).toBeGreaterThan(100);
          expect(outcome.accepted + outcome.stale + outcome.duplicates).toBe(positions.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
