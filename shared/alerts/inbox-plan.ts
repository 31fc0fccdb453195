import type { Official } from '../auth/principal.ts';
import { REGION_CODES } from '../geo/regions.ts';
import { NATIONAL_REGION, type AlertSeverity, type AlertState } from './alert.ts';

/**
 * The inbox's indexes, each newest first on `createdAt`, and the attribute that is their partition.
 * The state is part of the key where it is asked for (the open inbox is the common view), so a state
 * never costs a filter; type and severity are filters, read within a bounded budget (see inbox.ts).
 */
export const INBOX_INDEXES = {
  /** All of a region's alerts. */
  byRegion: 'region',
  /** A region's alerts in one state: `<region>#<state>`. */
  byRegionState: 'regionState',
  /** One officer's alerts: `<region>#<officerId>` (sparse: alerts for no officer are not in it). */
  byOfficer: 'officerKey',
  /** One officer's alerts in one state: `<region>#<officerId>#<state>`. */
  byOfficerState: 'officerState',
} as const;

export type InboxIndex = keyof typeof INBOX_INDEXES;

/** Every region an alert may be filed under: the provinces and the national `00`. */
export const ALERT_REGIONS: readonly string[] = [...REGION_CODES, NATIONAL_REGION];

/** One index partition the inbox reads, newest first. */
export interface InboxSource {
  readonly index: InboxIndex;
  readonly partition: string;
  /** The region the partition belongs to: a cursor naming another is refused. */
  readonly region: string;
  /** Leaves out this officer's alerts (they were shown first). */
  readonly excludeOfficer?: string;
}

export interface InboxFilter {
  readonly state?: AlertState;
  readonly type?: string;
  readonly severity?: AlertSeverity;
  readonly officerId?: string;
  /** National admins: one region instead of all. */
  readonly region?: string;
}

/** The inbox read as phases, one after another; the sources of a phase are merged newest first. */
export type InboxPlan = readonly (readonly InboxSource[])[];

export const regionSource = (region: string, state: AlertState | undefined, excludeOfficer?: string): InboxSource => ({
  ...(state ? { index: 'byRegionState', partition: `${region}#${state}` } : { index: 'byRegion', partition: region }),
  region,
  ...(excludeOfficer ? { excludeOfficer } : {}),
});

export const officerSource = (region: string, officerId: string, state: AlertState | undefined): InboxSource => ({
  ...(state ? { index: 'byOfficerState', partition: `${region}#${officerId}#${state}` } : { index: 'byOfficer', partition: `${region}#${officerId}` }),
  region,
});

export type PlanOutcome = { readonly kind: 'plan'; readonly plan: InboxPlan } | { readonly kind: 'forbidden'; readonly detail: string };

/**
 * Who sees what: an officer their region with their own alerts first (all of them, newest first, then
 * the region's others, newest first), an admin their region, a national admin every region merged
 * (one Query per region, 20 partitions) or one region. `officerId` narrows to one officer's alerts.
 */
export const inboxPlanOf = (official: Official, filter: InboxFilter): PlanOutcome => {
  const national = official.role === 'national-admin';
  if (filter.region && !national && filter.region !== official.region) {
    return { kind: 'forbidden', detail: `Region ${filter.region} is outside your region ${official.region}.` };
  }
  const regions = national ? (filter.region ? [filter.region] : ALERT_REGIONS) : [official.region];
  if (filter.officerId) return { kind: 'plan', plan: [regions.map((region) => officerSource(region, filter.officerId ?? '', filter.state))] };
  if (official.role === 'officer') {
    return {
      kind: 'plan',
      plan: [[officerSource(official.region, official.officerId, filter.state)], [regionSource(official.region, filter.state, official.officerId)]],
    };
  }
  return { kind: 'plan', plan: [regions.map((region) => regionSource(region, filter.state))] };
};
