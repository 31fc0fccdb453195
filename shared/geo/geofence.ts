/**
 * The accuracy-aware geofence engine: a quarantine case's positions in, its fence state, the
 * transitions an official may need to hear of, and the positions to keep out. Pure and
 * deterministic: no I/O, no clock (every time comes in, as epoch milliseconds), the same code in
 * the positions handler on AWS and locally.
 *
 * Why it is not a point-in-polygon test. A phone at home indoors reports 20–80 m accuracy, and now
 * and then a fix 200–1,500 m away, sometimes claiming 2 m. "Any fix outside the fence" would alarm
 * every stay-at-home person several times a day. So each sample is read with its accuracy, and a
 * state changes only on persistent evidence:
 *
 * - **Clearly outside**: beyond the boundary by more than `outsideFactor` × accuracy +
 *   `outsideMarginM` (2 × + 20 m). Android's accuracy is the radius of 68 % confidence; twice it
 *   holds ~99 % of honest fixes, and the margin absorbs a fence drawn a little off. An honest fix
 *   of someone at home is then practically never clearly outside, however near the edge they live.
 * - **Inside**: within the boundary by more than `insideFactor` × accuracy + `insideMarginM`
 *   (½ ×). Looser than the outside test on purpose (hysteresis): a 60 m indoor fix must be able to
 *   say "home" in a 100 m fence, and a wrong "home" is undone by the next exit, while a wrong
 *   "out" sends an official to the door.
 * - Otherwise **ambiguous**: it changes no state and breaks any run of evidence.
 * - **Exit** after `exitSamples` (2) consecutive clearly-outside samples spanning at least
 *   `minSpanMs` (30 s), each within a walk of the one before (`walkSpeedMps`, 3 m/s, beyond both
 *   accuracies), the first within a walk of the sample before the run. Two samples is what the
 *   issue allows a person walking 300 m away; the span stops two fixes of one bad second from
 *   counting twice. The run's start is judged by distances to the fence, so no position inside the
 *   fence has to be kept for it.
 * - **Faster than a walk** (a car, or a lie such as a 2 m fix 1,500 m away): a run in which any step,
 *   its start included, needs more than walking pace needs one sample more, each step within
 *   `trackSpeedMps` (30 m/s). A departure by car is alerted one ping later; two independent lies in
 *   a row almost never agree at walking pace, and three in a row are rarer still.
 * - **Return** after `returnSamples` (2) consecutive inside samples spanning `minSpanMs`.
 * - **The first position**: a case starts `UNKNOWN` (nothing is known until evidence says so). The
 *   same rules decide it: inside → `INSIDE` silently; outside → `OUTSIDE` with a
 *   `not-at-home-at-start` transition (once: later departures are exits). Ambiguous samples leave
 *   it `UNKNOWN`.
 * - **Permitted outings**: an exit whose run began during an outing changes the state (so the
 *   return is seen) but is marked `permitted`; its positions are not kept. Samples outside after the
 *   outing ended are kept, and `outsideAfterOuting` tells the sweep.
 * - **Time**: a batch is ordered by `at`; a sample older than the last evaluated one changes
 *   nothing and is counted `stale`; one at the same time is counted `duplicate`.
 * - **Data minimisation**: `keep` holds only clearly-outside samples of a confirmed spell outside
 *   (not during a permitted outing): the evidence of an exit. A position inside the fence is never
 *   kept, and the state holds no position but the pending run's (which are outside).
 */
import { compileFence, type CompiledFence, type Fence } from './fence-shape.ts';
import { distanceM } from './distance.ts';
import { outingAt, type Outing } from './outing.ts';

export interface Sample {
  /** Epoch milliseconds of the fix. */
  readonly at: number;
  readonly lat: number;
  readonly lng: number;
  /** The phone's reported horizontal accuracy (68 % radius), metres, > 0. */
  readonly accuracyM: number;
}

export type FenceStatus = 'INSIDE' | 'OUTSIDE' | 'UNKNOWN';
export type OutsideKind = 'exit' | 'not-at-home-at-start';

/** The run of clearly-outside samples that may become an exit. */
export interface PendingExit {
  readonly count: number;
  readonly firstAt: number;
  /** Somewhere in the run (its start included) the person would have moved faster than on foot: it needs one sample more. */
  readonly fast: boolean;
  /** The run's last samples (at most `MAX_PENDING_SAMPLES`), outside positions only, oldest first. */
  readonly samples: readonly Sample[];
}

export interface PendingReturn {
  readonly count: number;
  readonly firstAt: number;
}

/** All the next evaluation needs, small enough to live on the case item. */
export interface GeofenceState {
  readonly fence: FenceStatus;
  /** While OUTSIDE: when the spell outside began (its first clearly-outside sample). */
  readonly outsideSince?: number;
  readonly outsideKind?: OutsideKind;
  /** While OUTSIDE: the spell began during a permitted outing. */
  readonly outsidePermitted?: boolean;
  readonly pendingExit?: PendingExit;
  readonly pendingReturn?: PendingReturn;
  /** The last sample evaluated: its time, and its distance to the fence (not its position). */
  readonly lastAt?: number;
  readonly lastSignedM?: number;
  readonly lastAccuracyM?: number;
  /** Last seen inside the fence. */
  readonly insideAt?: number;
}

export const INITIAL_GEOFENCE_STATE: GeofenceState = { fence: 'UNKNOWN' };

export interface GeofenceRules {
  readonly outsideFactor: number;
  readonly outsideMarginM: number;
  readonly insideFactor: number;
  readonly insideMarginM: number;
  readonly exitSamples: number;
  readonly returnSamples: number;
  readonly minSpanMs: number;
  readonly walkSpeedMps: number;
  readonly trackSpeedMps: number;
}

export const DEFAULT_GEOFENCE_RULES: GeofenceRules = {
  outsideFactor: 2,
  outsideMarginM: 20,
  insideFactor: 0.5,
  insideMarginM: 0,
  exitSamples: 2,
  returnSamples: 2,
  minSpanMs: 30_000,
  walkSpeedMps: 3,
  trackSpeedMps: 30,
};

export interface GeofenceOptions {
  readonly outings?: readonly Outing[];
  readonly rules?: Partial<GeofenceRules>;
}

/** A pending run keeps its last few samples: enough to judge the next one and to show the evidence. */
export const MAX_PENDING_SAMPLES = 8;

export interface ExitEvidence {
  readonly samples: number;
  readonly firstAt: number;
  /** How far beyond the fence the confirming sample was, metres (rounded), and its accuracy. */
  readonly beyondM: number;
  readonly accuracyM: number;
  /** The run moved faster than a walk, so it took one sample more. */
  readonly fast: boolean;
}

export interface ReturnEvidence {
  readonly samples: number;
  readonly firstAt: number;
  readonly outsideSince: number;
  readonly after: OutsideKind;
  /** The spell outside began during a permitted outing (no alert was raised for it). */
  readonly afterPermitted: boolean;
}

export type Transition =
  | { readonly kind: OutsideKind; readonly at: number; readonly permitted: boolean; readonly evidence: ExitEvidence }
  | { readonly kind: 'return'; readonly at: number; readonly evidence: ReturnEvidence };

export interface Evaluation {
  readonly state: GeofenceState;
  readonly transitions: readonly Transition[];
  /** The outside positions to store (the evidence of an exit), in time order. */
  readonly keep: readonly Sample[];
  readonly ignored: { readonly stale: number; readonly duplicate: number };
}

type Reading = 'outside' | 'inside' | 'ambiguous';

const compiled = new WeakMap<Fence, CompiledFence>();
const compiledFence = (fence: Fence | CompiledFence): CompiledFence => {
  if ('signedDistanceM' in fence) return fence;
  let found = compiled.get(fence);
  if (found === undefined) {
    found = compileFence(fence);
    compiled.set(fence, found);
  }
  return found;
};

// Ties on `at` are broken by the fix itself, so the kept duplicate does not depend on arrival order.
const byTime = (a: Sample, b: Sample): number => a.at - b.at || a.lat - b.lat || a.lng - b.lng || a.accuracyM - b.accuracyM;

const NONE: readonly never[] = Object.freeze([]);
const NOTHING_IGNORED = Object.freeze({ stale: 0, duplicate: 0 });
const NO_OPTIONS: GeofenceOptions = Object.freeze({});

// Most uploads arrive in order: checking is cheaper than copying and sorting.
const inOrder = (samples: readonly Sample[]): boolean => {
  for (let i = 1; i < samples.length; i++) if (byTime(samples[i - 1]!, samples[i]!) > 0) return false;
  return true;
};

/**
 * Evaluates a batch of samples against the case's fence, from the state the last evaluation left.
 * `fence` is a validated fence (compiled once per fence object) or a `CompiledFence`.
 */
export const evaluate = (state: GeofenceState, fence: Fence | CompiledFence, samples: readonly Sample[], options: GeofenceOptions = NO_OPTIONS): Evaluation => {
  const rules = options.rules ? { ...DEFAULT_GEOFENCE_RULES, ...options.rules } : DEFAULT_GEOFENCE_RULES;
  const outings = options.outings ?? NONE;
  const shape = compiledFence(fence);
  const ordered = inOrder(samples) ? samples : [...samples].sort(byTime);

  let { fence: status, outsideSince, outsideKind, outsidePermitted, pendingExit, pendingReturn, lastAt, lastSignedM, lastAccuracyM, insideAt } = state;
  // Made only when needed: most uploads of a person at home change nothing and keep nothing.
  let transitions: Transition[] | undefined;
  let keep: Sample[] | undefined;
  let stale = 0;
  let duplicate = 0;

  for (const sample of ordered) {
    if (lastAt !== undefined && sample.at <= lastAt) {
      if (sample.at < lastAt) stale += 1;
      else duplicate += 1;
      continue;
    }
    const signed = shape.signedDistanceM(sample);
    const accuracy = sample.accuracyM;
    const reading: Reading =
      signed > rules.outsideFactor * accuracy + rules.outsideMarginM ? 'outside' : signed < -(rules.insideFactor * accuracy + rules.insideMarginM) ? 'inside' : 'ambiguous';

    if (reading === 'outside') {
      pendingReturn = undefined;
      if (status === 'OUTSIDE') {
        if (outingAt(outings, sample.at) === undefined) (keep ??= []).push(sample);
      } else {
        const previous = pendingExit?.samples[pendingExit.samples.length - 1];
        const step = previous === undefined ? Number.POSITIVE_INFINITY : distanceM(previous, sample) - previous.accuracyM - accuracy;
        const seconds = (sample.at - (previous?.at ?? 0)) / 1000;
        if (pendingExit !== undefined && step <= rules.trackSpeedMps * seconds) {
          pendingExit = {
            count: pendingExit.count + 1,
            firstAt: pendingExit.firstAt,
            fast: pendingExit.fast || step > rules.walkSpeedMps * seconds,
            samples: [...pendingExit.samples, sample].slice(-MAX_PENDING_SAMPLES),
          };
        } else {
          // A run broken by a step no one makes (even by car) starts again from a jump.
          const fast =
            previous !== undefined ||
            (lastAt !== undefined && lastSignedM !== undefined && signed - lastSignedM - (lastAccuracyM ?? 0) - accuracy > (rules.walkSpeedMps * (sample.at - lastAt)) / 1000);
          pendingExit = { count: 1, firstAt: sample.at, fast, samples: [sample] };
        }
        const needed = rules.exitSamples + (pendingExit.fast ? 1 : 0);
        if (pendingExit.count >= needed && sample.at - pendingExit.firstAt >= rules.minSpanMs) {
          const kind: OutsideKind = status === 'UNKNOWN' ? 'not-at-home-at-start' : 'exit';
          const permitted = outingAt(outings, pendingExit.firstAt) !== undefined;
          (transitions ??= []).push({
            kind,
            at: sample.at,
            permitted,
            evidence: { samples: pendingExit.count, firstAt: pendingExit.firstAt, beyondM: Math.round(signed), accuracyM: accuracy, fast: pendingExit.fast },
          });
          for (const evidence of pendingExit.samples) if (outingAt(outings, evidence.at) === undefined) (keep ??= []).push(evidence);
          status = 'OUTSIDE';
          outsideSince = pendingExit.firstAt;
          outsideKind = kind;
          outsidePermitted = permitted;
          pendingExit = undefined;
        }
      }
    } else if (reading === 'inside') {
      pendingExit = undefined;
      insideAt = sample.at;
      if (status !== 'INSIDE') {
        pendingReturn = { count: (pendingReturn?.count ?? 0) + 1, firstAt: pendingReturn?.firstAt ?? sample.at };
        if (pendingReturn.count >= rules.returnSamples && sample.at - pendingReturn.firstAt >= rules.minSpanMs) {
          if (status === 'OUTSIDE') {
            (transitions ??= []).push({
              kind: 'return',
              at: sample.at,
              evidence: { samples: pendingReturn.count, firstAt: pendingReturn.firstAt, outsideSince: outsideSince!, after: outsideKind!, afterPermitted: outsidePermitted === true },
            });
          }
          status = 'INSIDE';
          outsideSince = undefined;
          outsideKind = undefined;
          outsidePermitted = undefined;
          pendingReturn = undefined;
        }
      }
    } else {
      pendingExit = undefined;
      pendingReturn = undefined;
    }
    lastAt = sample.at;
    lastSignedM = signed;
    lastAccuracyM = accuracy;
  }

  // Assigned field by field rather than spread: this runs for every upload, and absent fields stay absent on the case item.
  const next: { -readonly [K in keyof GeofenceState]: GeofenceState[K] } = { fence: status };
  if (outsideSince !== undefined) next.outsideSince = outsideSince;
  if (outsideKind !== undefined) next.outsideKind = outsideKind;
  if (outsidePermitted !== undefined) next.outsidePermitted = outsidePermitted;
  if (pendingExit !== undefined) next.pendingExit = pendingExit;
  if (pendingReturn !== undefined) next.pendingReturn = pendingReturn;
  if (lastAt !== undefined) next.lastAt = lastAt;
  if (lastSignedM !== undefined) next.lastSignedM = lastSignedM;
  if (lastAccuracyM !== undefined) next.lastAccuracyM = lastAccuracyM;
  if (insideAt !== undefined) next.insideAt = insideAt;
  return { state: next, transitions: transitions ?? NONE, keep: keep ?? NONE, ignored: stale === 0 && duplicate === 0 ? NOTHING_IGNORED : { stale, duplicate } };
};
