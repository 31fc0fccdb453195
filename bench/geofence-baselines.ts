/**
 * The two ways the bench compares the engine against, each as a function from a person-day's
 * samples (in time order) to the samples at which it would raise an exit alert.
 *
 * - **Naive point-in-polygon**: every fix counts as it is; a fix outside after one inside is an exit.
 * - **Amazon Location, `AccuracyBased` position filtering** (as documented for trackers): an update
 *   is ignored when the device moved less than the accuracies of it and of the last update the
 *   tracker kept, added (5 m and 10 m: ignored under 15 m); an ignored update is neither stored nor
 *   evaluated. Kept updates are evaluated against the geofence by position alone (accuracy plays
 *   no further part), with an ENTER or EXIT event when the position crosses it; the first
 *   evaluated position only sets where the device is. Each EXIT is an alert.
 */
import { distanceM } from '../shared/geo/distance.ts';
import type { CompiledFence } from '../shared/geo/fence-shape.ts';
import type { Sample } from '../shared/geo/geofence.ts';

export interface BaselineOutcome {
  /** Indexes of the samples at which an exit was raised. */
  readonly exits: number[];
  /** Positions evaluated against the geofence (Amazon Location bills each). */
  readonly evaluated: number;
}

export const naivePointInPolygon = (fence: CompiledFence, samples: readonly Sample[]): BaselineOutcome => {
  const exits: number[] = [];
  let inside: boolean | undefined;
  samples.forEach((sample, i) => {
    const now = fence.signedDistanceM(sample) <= 0;
    if (inside === true && !now) exits.push(i);
    inside = now;
  });
  return { exits, evaluated: samples.length };
};

export const amazonLocationAccuracyBased = (fence: CompiledFence, samples: readonly Sample[]): BaselineOutcome => {
  const exits: number[] = [];
  let kept: Sample | undefined;
  let inside: boolean | undefined;
  let evaluated = 0;
  samples.forEach((sample, i) => {
    if (kept !== undefined && distanceM(kept, sample) < kept.accuracyM + sample.accuracyM) return;
    kept = sample;
    evaluated += 1;
    const now = fence.signedDistanceM(sample) <= 0;
    if (inside === true && !now) exits.push(i);
    inside = now;
  });
  return { exits, evaluated };
};
