import type { Fence } from '../geo/fence-shape.ts';
import type { GeofenceState } from '../geo/geofence.ts';

/**
 * `active` from creation until the end (`endsAt` passed, or closed by an official), then `ended`: the
 * device token no longer works. `purged` when the purge has removed the person, check-ins and positions
 * and left only `summary`.
 */
export type CaseState = 'active' | 'ended' | 'purged';
export const CASE_STATES: readonly CaseState[] = ['active', 'ended', 'purged'];

export type CaseLanguage = 'ko' | 'en' | 'zh';

/** A permitted outing (a test, a hospital visit), in epoch-independent ISO times as officials give them. */
export interface CaseOuting {
  readonly outingId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
}

/** What the purge leaves: no identity, no position; counts and dates only. */
export interface CaseSummary {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly endedAt: string;
  readonly checkins: number;
  readonly keptPositions: number;
  readonly alertsByType: Readonly<Record<string, number>>;
  readonly purgedAt: string;
}

/** What is due next for a case, so the sweep finds it by `nextDueAt` on the sharded `due` index. */
export type DueReason = 'checkin-window' | 'no-signal' | 'outing-end' | 'case-end' | 'purge';

/**
 * A case as the `quarantine-cases` table keeps it. `personSealed` is the AWS Encryption SDK message
 * (base64) of `{name, phone}` bound to `{caseId, region}`; nothing else about the person is stored but
 * the language they read. `v` is bumped by every write, each conditional on the `v` it read.
 */
export interface CaseRecord {
  readonly caseId: string;
  readonly region: string;
  readonly officerId: string;
  readonly state: CaseState;
  readonly personSealed?: string;
  readonly language: CaseLanguage;
  /** The home: where the fence is. Removed by the purge. */
  readonly home?: { readonly lat: number; readonly lng: number; readonly address?: string };
  readonly fence?: Fence;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly enrolledAt?: string;
  readonly endedAt?: string;
  readonly closedBy?: string;
  readonly closedReason?: string;
  /** The locator hash of the case's current enrolment code, so a re-issue can supersede it. */
  readonly enrollmentLocator?: string;
  readonly geofence: GeofenceState;
  /** The last position or heartbeat the device sent (ISO), and whether it says location is off. */
  readonly lastSeenAt?: string;
  readonly locationOff?: boolean;
  readonly lastCheckinAt?: string;
  /** The window (`2026-12-02/morning`) of the last check-in, so a window is answered once. */
  readonly lastCheckinWindow?: string;
  readonly outings: readonly CaseOuting[];
  /** The sweep's index: set while something is due, removed when nothing is. */
  readonly dueShard?: string;
  readonly nextDueAt?: string;
  readonly dueReason?: DueReason;
  readonly summary?: CaseSummary;
  /** Index keys, derived from region, officer and state by the repository on every write. */
  readonly regionState: string;
  readonly officerState: string;
  readonly v: number;
}

/** Sweeps read 16 shards in parallel: a national peak of 60,000 cases is ~3,750 items a shard. */
export const DUE_SHARDS = 16;
