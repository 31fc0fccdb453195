import { OfficialSubscriptions, type Subscription } from '../../shared/alerts/official-subscriptions.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { SubscriptionsRepository } from '../../shared/data/subscriptions-repository.ts';
import { notifier } from '../../shared/notifier.ts';

/** The subscriptions service wired to its table, the notifier and the audit trail, once per container. */
export const subscriptions = new OfficialSubscriptions(new SubscriptionsRepository(), notifier, new AuditRepository());

/** A subscription as the API shows it to its owner (the endpoint is theirs; the ARN and fingerprint stay inside). */
export const asAnswer = ({ subscriptionId, protocol, endpoint, filter, status, createdAt }: Subscription) => ({
  subscriptionId,
  protocol,
  endpoint,
  filter,
  status,
  createdAt,
});

export const PRIVATE = { 'cache-control': 'private, no-store' } as const;
