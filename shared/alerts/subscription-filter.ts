import type { Official } from '../auth/principal.ts';
import type { AlertSeverity } from './alert.ts';
import { complexityOf, SNS_POLICY_LIMITS, type FilterPolicy } from './filter-policy.ts';

/**
 * What an official asks for: alerts of these severities and types (all when a list is left out), and
 * for a national admin these regions. It only ever narrows what the official may see.
 */
export interface SubscriptionFilter {
  readonly severity?: readonly AlertSeverity[];
  readonly alertType?: readonly string[];
  readonly region?: readonly string[];
}

export type PolicyOutcome =
  | { readonly policy: FilterPolicy }
  /** Asked for a region the official does not see: a 403, nothing subscribed. */
  | { readonly outsideRegion: { readonly field: 'filter.region'; readonly region: string } }
  /** SNS would refuse it (5 keys, 150 combinations): a 422 naming the list to shorten. */
  | { readonly tooComplex: { readonly field: string; readonly message: string } };

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The SNS filter policy of one official's subscription. What the official may see comes from the token,
 * never from the body:
 * - an officer: their region, and of it only their own cases' alerts or alerts for no one in particular
 *   (a district out of masks) — `officerId: [own, {"exists": false}]`, one key, since SNS ORs the
 *   conditions of a key and has no OR across keys;
 * - a region admin: every alert of their region;
 * - a national admin: every region, or the regions they list.
 */
export const policyFor = (official: Official, filter: SubscriptionFilter = {}): PolicyOutcome => {
  const policy: Record<string, FilterPolicy[string]> = {};

  if (official.role === 'national-admin') {
    if (filter.region) policy.region = distinct(filter.region);
  } else {
    const elsewhere = filter.region?.find((region) => region !== official.region);
    if (elsewhere) return { outsideRegion: { field: 'filter.region', region: elsewhere } };
    policy.region = [official.region];
  }
  if (official.role === 'officer') policy.officerId = [official.officerId, { exists: false }];
  if (filter.severity) policy.severity = distinct(filter.severity);
  if (filter.alertType) policy.alertType = distinct(filter.alertType);

  const { keys, combinations } = complexityOf(policy);
  // Four keys at most (region, officerId, severity, alertType): the key limit cannot be reached.
  if (keys > SNS_POLICY_LIMITS.keys) throw new Error(`a subscription policy grew to ${keys} keys`);
  if (combinations > SNS_POLICY_LIMITS.combinations) {
    const types = policy.alertType?.length ?? 1;
    const others = combinations / types;
    const field = policy.alertType && types > 1 ? 'filter.alertType' : 'filter.region';
    const room = field === 'filter.alertType' ? Math.floor(SNS_POLICY_LIMITS.combinations / others) : undefined;
    return {
      tooComplex: {
        field,
        message:
          `makes ${combinations} combinations with the other lists; SNS takes at most ${SNS_POLICY_LIMITS.combinations} per subscription` +
          (room !== undefined ? `: list at most ${room} alert types with these severities and regions, or subscribe twice` : ''),
      },
    };
  }
  return { policy };
};
