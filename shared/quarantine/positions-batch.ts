import { evaluate, type FenceStatus, type Sample, type Transition } from '../geo/geofence.ts';
import type { Outing } from '../geo/outing.ts';
import { requestFingerprint } from '../platform/request-fingerprint.ts';
import { dueAttributes } from './case-due.ts';
import { geofenceAlerts, type GeofenceAlertDraft } from './geofence-alerts.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseOuting, CaseRecord } from './quarantine-case.ts';

export interface PositionInput {
  /** The app's own id for the fix (a uuid made when it was taken), so a queued batch sent twice is applied once. */
  readonly id: string;
  readonly at: string;
  readonly lat: number;
  readonly lng: number;
  readonly accuracyM: number;
}

export type LocationStatus = 'denied' | 'unavailable' | 'ok';

export interface PositionsBatch {
  readonly positions: readonly PositionInput[];
  readonly heartbeat?: { readonly at: string };
  readonly location?: { readonly at: string; readonly status: LocationStatus };
}

/**
 * What a position id was first used for: its time (as an instant, so `+09:00` and `Z` spellings match),
 * place and accuracy. A retry of a queued batch sends exactly this again.
 */
export const positionFingerprint = (p: PositionInput): string =>
  requestFingerprint({ at: Date.parse(p.at), lat: p.lat, lng: p.lng, accuracyM: p.accuracyM });

/**
 * A phone's clock may run a little ahead; beyond this a time is refused, because the engine never goes
 * back in time: one fix dated tomorrow would make every honest fix until then "stale".
 */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** The fields of a batch dated too far ahead of `now`, as `body.…` paths. */
export const futureTimes = (batch: PositionsBatch, now: number): { field: string; message: string }[] => {
  const message = `is more than ${FUTURE_SKEW_MS / 60_000} minutes ahead of the server's clock; check the phone's time`;
  const late = (at: string): boolean => Date.parse(at) > now + FUTURE_SKEW_MS;
  return [
    ...batch.positions.flatMap((p, i) => (late(p.at) ? [{ field: `body.positions[${i}].at`, message }] : [])),
    ...(batch.heartbeat && late(batch.heartbeat.at) ? [{ field: 'body.heartbeat.at', message }] : []),
    ...(batch.location && late(batch.location.at) ? [{ field: 'body.location.at', message }] : []),
  ];
};

export const outingsOf = (outings: readonly CaseOuting[]): Outing[] => outings.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to) }));

export type BatchOutcome =
  /** Some id was first sent with another fix: nothing of the batch is applied. */
  | { readonly kind: 'reused'; readonly ids: readonly string[] }
  | {
      readonly kind: 'applied';
      /** The case as it is to be written over the version read (`v + 1`), due attributes recomputed. */
      readonly record: Omit<CaseRecord, 'regionState' | 'officerState'>;
      /** Outside positions to keep (the evidence of an exit); every other position is dropped here. */
      readonly keep: readonly (Sample & { readonly id: string })[];
      readonly transitions: readonly Transition[];
      readonly alerts: readonly GeofenceAlertDraft[];
      /** The batch says the phone's location is off: `NO_SIGNAL` now, not after the silence deadline. */
      readonly locationOff: boolean;
      /** Ids applied by this batch, for their request records. */
      readonly fresh: readonly { readonly id: string; readonly fingerprint: string }[];
      readonly accepted: number;
      readonly duplicates: number;
      readonly stale: number;
      readonly fence: FenceStatus;
    };

const latest = (...times: (string | undefined)[]): string | undefined => {
  let best: string | undefined;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    if (time === undefined) continue;
    const at = Date.parse(time);
    if (at > bestAt) {
      best = new Date(at).toISOString();
      bestAt = at;
    }
  }
  return best;
};

/**
 * Applies one upload to a case: ids seen before are duplicates (or, with another fix, refuse the
 * batch), the rest go through the engine in time order from the state on the case, and the case
 * comes back with its new geofence state, last seen and next deadline. Pure: the caller reads the
 * case and the request records of the batch's ids, and writes what this returns.
 *
 * `known` maps ids already applied to their fingerprints. A retry whose request records were never
 * written (the writer died after the case) is still applied once: its fixes are no newer than the
 * engine's last one, so they count as stale and change nothing.
 */
export const applyBatch = (
  record: CaseRecord,
  batch: PositionsBatch,
  known: ReadonlyMap<string, string>,
  config: Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays'>,
  now: number,
): BatchOutcome => {
  const reused: string[] = [];
  const fresh: { id: string; fingerprint: string }[] = [];
  const samples: (Sample & { id: string })[] = [];
  const inBatch = new Map<string, string>();
  let duplicates = 0;
  for (const position of batch.positions) {
    const fingerprint = positionFingerprint(position);
    const first = known.get(position.id) ?? inBatch.get(position.id);
    if (first !== undefined) {
      if (first === fingerprint) duplicates += 1;
      else reused.push(position.id);
      continue;
    }
    inBatch.set(position.id, fingerprint);
    fresh.push({ id: position.id, fingerprint });
    samples.push({ id: position.id, at: Date.parse(position.at), lat: position.lat, lng: position.lng, accuracyM: position.accuracyM });
  }
  if (reused.length > 0) return { kind: 'reused', ids: reused };

  const evaluation = record.fence
    ? evaluate(record.geofence, record.fence, samples, { outings: outingsOf(record.outings) })
    : { state: record.geofence, transitions: [], keep: [], ignored: { stale: samples.length, duplicate: 0 } };
  // Samples carry their id through the engine (a pending run's samples on the case item too).
  const keep = evaluation.keep.map((s) => ({ at: s.at, lat: s.lat, lng: s.lng, accuracyM: s.accuracyM, id: (s as { id?: string }).id ?? String(s.at) }));
  const stale = evaluation.ignored.stale + evaluation.ignored.duplicate;

  const status = batch.location?.status;
  const locationOff = status === 'denied' || status === 'unavailable';
  const lastSeenAt = latest(record.lastSeenAt, ...samples.map((s) => new Date(s.at).toISOString()), batch.heartbeat?.at, batch.location?.at);

  // Written whole: fields absent here are absent on the item (the due attributes when nothing is due).
  const { regionState: _r, officerState: _o, dueShard: _s, nextDueAt, dueReason: _d, locationOff: _l, lastSeenAt: _seen, ...rest } = record;
  const base = {
    ...rest,
    geofence: evaluation.state,
    ...(lastSeenAt ? { lastSeenAt } : {}),
    ...(locationOff || (status === undefined && record.locationOff) ? { locationOff: true } : {}),
    v: record.v + 1,
  };
  // A deadline already due but not yet swept stays due: recomputing from `now` alone would skip a
  // missed check-in that closed a few seconds before this ping.
  const after = nextDueAt ? Math.min(now, Date.parse(nextDueAt) - 1) : now;
  const due = dueAttributes(base, config, after);
  return {
    kind: 'applied',
    record: { ...base, ...due },
    keep,
    transitions: evaluation.transitions,
    alerts: geofenceAlerts(evaluation.transitions),
    locationOff,
    fresh,
    accepted: samples.length - stale,
    duplicates,
    stale,
    fence: evaluation.state.fence,
  };
};
