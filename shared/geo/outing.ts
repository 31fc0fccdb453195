/**
 * A permitted outing (a hospital visit, a test): the person may be outside the fence from `from`
 * to `to` (epoch milliseconds, both included). An exit that begins during one raises no alert;
 * not being back by `to` is the overdue-outing sweep's to judge, with `outsideAfterOuting`.
 */
export interface Outing {
  readonly from: number;
  readonly to: number;
}

/** The outing that permits being outside at `at`, if any. */
export const outingAt = (outings: readonly Outing[], at: number): Outing | undefined => outings.find((o) => o.from <= at && at <= o.to);

/** What `outsideAfterOuting` needs of a case's geofence state (a `GeofenceState` has it). */
export interface OutsideSpell {
  readonly fence: 'INSIDE' | 'OUTSIDE' | 'UNKNOWN';
  /** When the current spell outside began (the first clearly-outside sample), while OUTSIDE. */
  readonly outsideSince?: number;
}

/**
 * The outing a case left home on and is still not back from at `now`: the case is OUTSIDE, its
 * spell outside began during that outing, and the outing has ended. The sweep raises its own alert
 * for it; the positions handler raises none, so the alert comes once, from one place.
 */
export const outsideAfterOuting = (state: OutsideSpell, outings: readonly Outing[], now: number): Outing | undefined => {
  if (state.fence !== 'OUTSIDE' || state.outsideSince === undefined) return undefined;
  const outing = outingAt(outings, state.outsideSince);
  return outing !== undefined && now > outing.to ? outing : undefined;
};
