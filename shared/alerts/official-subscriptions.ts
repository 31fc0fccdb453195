import { createHash, randomUUID } from 'node:crypto';
import type { AuditEvent } from '../audit/audit-trail.ts';
import type { Official } from '../auth/principal.ts';
import {
  EndpointRefused,
  NotifierUnavailable,
  SubscriptionLimitReached,
  type Notifier,
  type SubscriptionProtocol,
} from '../ports/notifier.ts';
import { policyFor, type SubscriptionFilter } from './subscription-filter.ts';

/** The topic officials subscribe to: the manifest's `alerts`. */
export const ALERTS_TOPIC = 'alerts';

/**
 * One official may hold this many: enough for an e-mail and a phone or two with different filters, and
 * far below SNS's 200 filter policies per topic, so that no official can use up the topic's quota.
 */
export const MAX_SUBSCRIPTIONS_PER_OFFICIAL = 5;

/** `lapsed`: an e-mail subscription nobody confirmed within SNS's three days; SNS dropped it. */
export type SubscriptionStatus = 'pending-confirmation' | 'confirmed' | 'lapsed';

export interface Subscription {
  readonly subscriptionId: string;
  readonly officerId: string;
  /** The official's region when they subscribed: whose audit trail records it. */
  readonly region: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly filter: SubscriptionFilter;
  readonly status: SubscriptionStatus;
  readonly createdAt: string;
  /** What SNS calls it; absent while the subscribe call is under way. */
  readonly subscriptionArn?: string;
  /** SHA-256 of protocol, endpoint and filter: a retry with the same id must ask for the same thing. */
  readonly fingerprint: string;
}

export interface SubscriptionStore {
  get(officerId: string, subscriptionId: string): Promise<Subscription | undefined>;
  /** The official's own, newest first. */
  list(officerId: string): Promise<Subscription[]>;
  /** Writes the record before SNS is asked; false when the id is taken. */
  begin(subscription: Subscription): Promise<boolean>;
  complete(officerId: string, subscriptionId: string, subscriptionArn: string, status: SubscriptionStatus): Promise<void>;
  setStatus(officerId: string, subscriptionId: string, status: SubscriptionStatus): Promise<void>;
  remove(officerId: string, subscriptionId: string): Promise<void>;
}

export interface AuditAppender {
  append(event: AuditEvent): Promise<unknown>;
}

export interface NewSubscription {
  readonly subscriptionId?: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly filter?: SubscriptionFilter;
}

export type CreateOutcome =
  | { readonly created: Subscription; readonly replayed: boolean }
  | { readonly outsideRegion: { readonly field: string; readonly region: string } }
  | { readonly tooComplex: { readonly field: string; readonly message: string } }
  | { readonly idReused: string }
  | { readonly tooMany: number }
  | { readonly unavailable: true }
  | { readonly topicFull: true }
  | { readonly endpointRefused: true };

export type RemoveOutcome = { readonly removed: true } | { readonly notFound: true } | { readonly unavailable: true };

const fingerprintOf = (input: NewSubscription): string =>
  createHash('sha256')
    .update(JSON.stringify([input.protocol, input.endpoint, input.filter?.severity ?? null, input.filter?.alertType ?? null, input.filter?.region ?? null]))
    .digest('hex');

/**
 * An official's own alert subscriptions: a record in the table first, then SNS's subscription with the
 * filter policy built from the official's token, then the record completed. A refusal by SNS removes the
 * record again, so a failed request changes nothing; a retry with the same `subscriptionId` picks up
 * where a lost answer left off. Every change goes to the audit trail, which never holds the endpoint.
 */
export class OfficialSubscriptions {
  constructor(
    private readonly store: SubscriptionStore,
    private readonly notifier: Notifier,
    private readonly audit: AuditAppender,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(official: Official, input: NewSubscription, requestId?: string): Promise<CreateOutcome> {
    const outcome = policyFor(official, input.filter);
    if (!('policy' in outcome)) return outcome;
    const fingerprint = fingerprintOf(input);
    const subscriptionId = input.subscriptionId ?? randomUUID();

    const earlier = await this.store.get(official.officerId, subscriptionId);
    if (earlier && earlier.fingerprint !== fingerprint) return { idReused: subscriptionId };
    if (earlier?.subscriptionArn) return { created: earlier, replayed: true };
    if (!earlier) {
      const held = (await this.store.list(official.officerId)).length;
      if (held >= MAX_SUBSCRIPTIONS_PER_OFFICIAL) return { tooMany: held };
      const record: Subscription = {
        subscriptionId,
        officerId: official.officerId,
        region: official.region,
        protocol: input.protocol,
        endpoint: input.endpoint,
        filter: input.filter ?? {},
        status: 'pending-confirmation',
        createdAt: this.now().toISOString(),
        fingerprint,
      };
      // Lost a race for the id with a retry of the same request: answer as that one will.
      if (!(await this.store.begin(record))) return this.create(official, input, requestId);
    }

    let subscribed;
    try {
      subscribed = await this.notifier.subscribe({
        topic: ALERTS_TOPIC,
        protocol: input.protocol,
        endpoint: input.endpoint,
        filterPolicy: outcome.policy,
        owner: { subscriptionId, officerId: official.officerId },
      });
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      await this.store.remove(official.officerId, subscriptionId);
      return refusal;
    }
    const status: SubscriptionStatus = subscribed.pendingConfirmation ? 'pending-confirmation' : 'confirmed';
    await this.store.complete(official.officerId, subscriptionId, subscribed.subscriptionArn, status);
    await this.#audit(official, 'subscription.create', subscriptionId, requestId, `${input.protocol}`);
    const created = await this.store.get(official.officerId, subscriptionId);
    if (!created) throw new Error(`subscription ${subscriptionId} vanished while it was made`);
    return { created, replayed: false };
  }

  /** The official's subscriptions; e-mail ones still pending are asked about, so a confirmation shows. */
  async list(official: Official): Promise<Subscription[]> {
    const own = (await this.store.list(official.officerId)).filter((s) => s.subscriptionArn !== undefined);
    return Promise.all(own.map((s) => (s.status === 'pending-confirmation' ? this.#refreshed(s) : s)));
  }

  async remove(official: Official, subscriptionId: string, requestId?: string): Promise<RemoveOutcome> {
    // Keyed by the caller's own officer id: another official's subscription is simply not found.
    const found = await this.store.get(official.officerId, subscriptionId);
    if (!found) return { notFound: true };
    if (found.subscriptionArn) {
      try {
        await this.notifier.unsubscribe(found.subscriptionArn);
      } catch (error) {
        if (error instanceof NotifierUnavailable) return { unavailable: true };
        throw error;
      }
    }
    await this.store.remove(official.officerId, subscriptionId);
    await this.#audit(official, 'subscription.delete', subscriptionId, requestId);
    return { removed: true };
  }

  /**
   * An admin disabled the official: SNS must stop e-mailing and texting them at once, whatever their token
   * still says. Each subscription is unsubscribed and its record removed; audited as the admin's act.
   * What SNS could not take now stays recorded and is counted, so disabling again finishes the job.
   */
  async endAllOf(admin: Official, officerId: string, requestId?: string): Promise<{ ended: number; remaining: number }> {
    let ended = 0;
    let remaining = 0;
    for (const found of await this.store.list(officerId)) {
      try {
        if (found.subscriptionArn) await this.notifier.unsubscribe(found.subscriptionArn);
      } catch (error) {
        if (!(error instanceof NotifierUnavailable)) throw error;
        remaining++;
        continue;
      }
      await this.store.remove(officerId, found.subscriptionId);
      await this.#audit(admin, 'subscription.delete', found.subscriptionId, requestId, `official ${officerId} disabled`, found.region);
      ended++;
    }
    return { ended, remaining };
  }

  async #refreshed(subscription: Subscription): Promise<Subscription> {
    let confirmation;
    try {
      confirmation = await this.notifier.confirmation(subscription.subscriptionArn as string);
    } catch (error) {
      // SNS cannot say just now: show what we knew.
      if (error instanceof NotifierUnavailable) return subscription;
      throw error;
    }
    const status: SubscriptionStatus = confirmation === 'pending' ? 'pending-confirmation' : confirmation === 'confirmed' ? 'confirmed' : 'lapsed';
    if (status === subscription.status) return subscription;
    await this.store.setStatus(subscription.officerId, subscription.subscriptionId, status);
    return { ...subscription, status };
  }

  #audit(official: Official, action: string, subscriptionId: string, requestId?: string, note?: string, region = official.region): Promise<unknown> {
    return this.audit.append({
      actor: { kind: 'official', officerId: official.officerId, role: official.role, region: official.region },
      action,
      subject: { kind: 'subscription', id: subscriptionId },
      region,
      at: this.now().toISOString(),
      ...(requestId ? { requestId } : {}),
      ...(note ? { note } : {}),
    });
  }
}

const refusalOf = (error: unknown): CreateOutcome | undefined => {
  if (error instanceof NotifierUnavailable) return { unavailable: true };
  if (error instanceof SubscriptionLimitReached) return { topicFull: true };
  if (error instanceof EndpointRefused) return { endpointRefused: true };
  return undefined;
};
