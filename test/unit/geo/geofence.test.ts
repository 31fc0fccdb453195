import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFence, type Fence } from '../../../shared/geo/fence-shape.ts';
import { DEFAULT_GEOFENCE_RULES, evaluate, INITIAL_GEOFENCE_STATE, type Evaluation, type GeofenceState, type Sample, type Transition } from '../../../shared/geo/geofence.ts';
import { outsideAfterOuting, type Outing } from '../../../shared/geo/outing.ts';
import { anyTrack, asBatches, excursions, leaver, offset, polar, START, stayAtHome } from './tracks.ts';

const MINUTE = 60_000;
const home = { lat: 37.5665, lng: 126.978 };
const fence: Fence = { type: 'circle', center: home, radiusM: 100 };
const at = (minutes: number) => START + minutes * MINUTE;
const fix = (minutes: number, east: number, north: number, accuracyM: number): Sample => ({ at: at(minutes), ...offset(home, east, north), accuracyM });

/** Evaluates the batches one after the other, as the positions handler would, one upload at a time. */
const run = (f: Fence, batches: readonly (readonly Sample[])[], outings: readonly Outing[] = [], state: GeofenceState = INITIAL_GEOFENCE_STATE) => {
  const transitions: Transition[] = [];
  const keep: Sample[] = [];
  let ignored = 0;
  for (const batch of batches) {
    const result: Evaluation = evaluate(state, f, batch, { outings });
    state = result.state;
    transitions.push(...result.transitions);
    keep.push(...result.keep);
    ignored += result.ignored.stale + result.ignored.duplicate;
  }
  return { state, transitions, keep, ignored };
};

const kinds = (transitions: readonly Transition[]) => transitions.map((t) => t.kind);

describe('the geofence engine, by example', () => {
  it('does not alarm for a fix 1,500 m away that claims 2 m accuracy, between indoor fixes', () => {
    const result = run(fence, [[fix(0, 10, 5, 60), fix(1, -20, 15, 55), fix(2, 1500, 0, 2), fix(3, 5, -30, 60), fix(4, 0, 10, 70)]]);
    expect(kinds(result.transitions)).toEqual([]);
    expect(result.state.fence).toBe('INSIDE');
    expect(result.keep).toEqual([]);
  });

  it('alerts a person who walks 300 m away within two samples, keeping both as evidence', () => {
    const walk = [fix(0, 0, 0, 50), fix(1, 0, 10, 50), fix(2, 0, 80, 10), fix(3, 0, 160, 10), fix(4, 0, 240, 8), fix(5, 0, 320, 8)];
    const result = run(fence, [walk]);
    expect(result.transitions).toEqual([expect.objectContaining({ kind: 'exit', at: at(4), permitted: false })]);
    expect(result.keep.map((s) => s.at)).toEqual([at(3), at(4), at(5)]);
  });

  it('alerts a departure by car that covers 1.5 km in a minute one sample later than a walk', () => {
    const result = run(fence, [[fix(0, 0, 0, 40), fix(1, 0, 5, 40), fix(2, 1500, 0, 10), fix(3, 2300, 0, 10), fix(4, 3100, 0, 10)]]);
    expect(result.transitions).toEqual([expect.objectContaining({ kind: 'exit', at: at(4), evidence: expect.objectContaining({ fast: true, samples: 3 }) })]);
  });

  it('says the person was not at home at the start, once, and later departures are exits', () => {
    const result = run(fence, [
      [fix(0, 800, 0, 10), fix(1, 810, 0, 10)],
      [fix(5, 0, 0, 40), fix(6, 0, 5, 40)],
      [fix(9, 0, 500, 10), fix(10, 0, 510, 10)],
    ]);
    expect(kinds(result.transitions)).toEqual(['not-at-home-at-start', 'return', 'exit']);
    expect(result.transitions[1]).toMatchObject({ evidence: { after: 'not-at-home-at-start', outsideSince: at(0) } });
  });

  it('stays UNKNOWN while the first positions are ambiguous', () => {
    const result = run(fence, [[fix(0, 0, 80, 60), fix(1, 0, 120, 60), fix(2, 0, 60, 80)]]);
    expect(result.state.fence).toBe('UNKNOWN');
    expect(result.transitions).toEqual([]);
  });

  it('orders a batch by time and counts, without acting on, samples older than the last evaluated', () => {
    const first = evaluate(INITIAL_GEOFENCE_STATE, fence, [fix(3, 0, 0, 40), fix(2, 0, 5, 40)]);
    expect(first.state).toMatchObject({ fence: 'INSIDE', lastAt: at(3) });
    const late = evaluate(first.state, fence, [fix(1, 900, 0, 5), fix(2, 905, 0, 5), fix(3, 0, 0, 40)]);
    expect(late.transitions).toEqual([]);
    expect(late.state).toEqual(first.state);
    expect(late.ignored).toEqual({ stale: 2, duplicate: 1 });
  });

  it('raises no alert for an exit during a permitted outing, and tells the sweep when the person is not back after it', () => {
    const outing: Outing = { from: at(10), to: at(70) };
    const result = run(fence, [[fix(0, 0, 0, 40), fix(1, 0, 5, 40), fix(11, 0, 400, 10), fix(12, 0, 420, 10), fix(13, 0, 450, 10), fix(75, 0, 600, 10)]], [outing]);
    expect(result.transitions).toEqual([expect.objectContaining({ kind: 'exit', permitted: true })]);
    expect(result.keep.map((s) => s.at)).toEqual([at(75)]);
    expect(outsideAfterOuting(result.state, [outing], at(60))).toBeUndefined();
    expect(outsideAfterOuting(result.state, [outing], at(71))).toEqual(outing);
  });

  it('needs the clearly-outside samples of an exit to span 30 seconds', () => {
    const quick = [fix(0, 0, 0, 40), fix(1, 0, 5, 40), { ...fix(2, 0, 400, 5) }, { ...fix(2, 0, 405, 5), at: at(2) + 5_000 }];
    expect(run(fence, [quick]).transitions).toEqual([]);
    expect(run(fence, [[...quick, { ...fix(2, 0, 410, 5), at: at(2) + 31_000 }]]).transitions).toEqual([expect.objectContaining({ kind: 'exit' })]);
  });
});

describe('the geofence engine, as properties', () => {
  it('never alarms for a person who stays at home, whatever the accuracy, outliers, order and batches', () => {
    fc.assert(
      fc.property(stayAtHome, fc.integer(), ({ fence: f, samples }, seed) => {
        const result = run(f, asBatches(samples, seed));
        expect(result.transitions.filter((t) => t.kind !== 'return')).toEqual([]);
        expect(result.keep).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('alerts a person who walks 300 m away within two samples of passing 200 m, once', () => {
    fc.assert(
      fc.property(leaver, fc.integer(), ({ fence: f, samples, beyond200At }, seed) => {
        const before = run(f, asBatches(samples.slice(0, beyond200At), seed)).state;
        const result = run(f, asBatches(samples, seed));
        const exits = result.transitions.filter((t) => t.kind !== 'return');
        expect(exits).toHaveLength(1);
        const exit = exits[0]!;
        expect(exit.at).toBeLessThanOrEqual(samples[beyond200At + 1]!.at);
        if (before.fence === 'INSIDE') expect(exit.kind).toBe('exit');
        expect(result.state.fence).toBe('OUTSIDE');
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same transitions, kept positions and state however the samples are batched and ordered', () => {
    fc.assert(
      fc.property(anyTrack, fc.integer(), fc.boolean(), ({ fence: f, samples }, seed, withOuting) => {
        const outings = withOuting && samples.length > 2 ? [{ from: samples[1]!.at, to: samples[Math.floor(samples.length / 2)]!.at }] : [];
        const whole = run(f, [samples], outings);
        const batched = run(f, asBatches(samples, seed), outings);
        expect(batched.transitions).toEqual(whole.transitions);
        expect(batched.keep).toEqual(whole.keep);
        expect(batched.state).toEqual(whole.state);
      }),
      { numRuns: 400 },
    );
  });

  it('alternates departures and returns: never a return without an exit before it, never two exits in a row', () => {
    fc.assert(
      fc.property(anyTrack, fc.integer(), ({ fence: f, samples }, seed) => {
        const sequence = kinds(run(f, asBatches(samples, seed)).transitions);
        sequence.forEach((kind, i) => expect(kind === 'return').toBe(i % 2 === 1));
        expect(sequence.filter((k) => k === 'not-at-home-at-start').length).toBeLessThanOrEqual(1);
        if (sequence.includes('not-at-home-at-start')) expect(sequence[0]).toBe('not-at-home-at-start');
      }),
      { numRuns: 400 },
    );
  });

  it('follows an exit with at most one return per time the person really comes home', () => {
    fc.assert(
      fc.property(excursions, fc.integer(), ({ fence: f, samples, reentries }, seed) => {
        const result = run(f, asBatches(samples, seed));
        expect(result.transitions.filter((t) => t.kind === 'return').length).toBeLessThanOrEqual(reentries);
        expect(result.transitions.filter((t) => t.kind !== 'return').length).toBeLessThanOrEqual(reentries);
      }),
      { numRuns: 300 },
    );
  });

  it('never keeps a position inside the fence, nor one that is not clearly outside', () => {
    fc.assert(
      fc.property(anyTrack, fc.integer(), ({ fence: f, samples }, seed) => {
        const shape = compileFence(f);
        const { keep } = run(f, asBatches(samples, seed));
        for (const kept of keep) {
          expect(shape.signedDistanceM(kept)).toBeGreaterThan(DEFAULT_GEOFENCE_RULES.outsideFactor * kept.accuracyM + DEFAULT_GEOFENCE_RULES.outsideMarginM);
          expect(samples).toContainEqual(kept);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('acts on nothing older than what it has already evaluated', () => {
    fc.assert(
      fc.property(anyTrack, fc.integer({ min: 1, max: 10 }), ({ fence: f, samples }, older) => {
        fc.pre(samples.length > older);
        const done = run(f, [samples]);
        const late = evaluate(done.state, f, samples.slice(-older - 1, -1));
        expect(late.transitions).toEqual([]);
        expect(late.keep).toEqual([]);
        expect(late.state).toEqual(done.state);
        expect(late.ignored.stale).toBe(older);
      }),
      { numRuns: 200 },
    );
  });

  it('never holds a position in its state but those of a pending run outside the fence', () => {
    fc.assert(
      fc.property(anyTrack, ({ fence: f, samples }) => {
        const shape = compileFence(f);
        let state = INITIAL_GEOFENCE_STATE;
        for (const sample of samples) {
          state = evaluate(state, f, [sample]).state;
          for (const pending of state.pendingExit?.samples ?? []) expect(shape.signedDistanceM(pending)).toBeGreaterThan(0);
          expect(Object.keys(state).filter((k) => ['lat', 'lng'].includes(k))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and leaves its inputs as they were', () => {
    fc.assert(
      fc.property(anyTrack, ({ fence: f, samples }) => {
        const copy = structuredClone(samples);
        const a = evaluate(INITIAL_GEOFENCE_STATE, f, samples);
        expect(samples).toEqual(copy);
        expect(evaluate(INITIAL_GEOFENCE_STATE, structuredClone(f), copy)).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a fix far off claiming 2 m accuracy', () => {
  it('does not join two lies on opposite sides that no one could travel between', () => {
    const lies = [fix(0, 0, 0, 40), fix(1, 0, 5, 40), fix(6, 1000, 0, 2), { ...fix(6, -1000, 0, 2), at: at(6) + 30_000 }, fix(7, -1000, 0, 2), fix(8, 0, 0, 40)];
    expect(run(fence, [lies]).transitions).toEqual([]);
  });

  it('does not take a lone fix at home for a return while the person is out', () => {
    const out = [fix(0, 0, 0, 40), fix(1, 0, 5, 40), fix(2, 0, 150, 10), fix(3, 0, 230, 10), fix(4, 0, 0, 5), fix(5, 0, 310, 10), fix(6, 0, 320, 10)];
    const result = run(fence, [out]);
    expect(kinds(result.transitions)).toEqual(['exit']);
    expect(result.state.fence).toBe('OUTSIDE');
  });

  it('is alarmed on only when the lies agree with each other over three samples', () => {
    const a = polar(home, 1500, 1);
    const b = polar(home, 1500, 4);
    const apart = run(fence, [[fix(0, 0, 0, 40), fix(1, 0, 5, 40), { at: at(2), ...a, accuracyM: 2 }, { at: at(3), ...b, accuracyM: 2 }, fix(4, 0, 0, 40)]]);
    expect(apart.transitions).toEqual([]);
  });
});
