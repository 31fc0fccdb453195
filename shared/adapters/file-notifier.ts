import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { stringAttributes } from '../alerts/filter-policy.ts';
import type { Confirmation, Notification, Notifier, SubscribeRequest, TopicSubscription } from '../ports/notifier.ts';
import { EndpointRefused, SubscriptionLimitReached } from '../ports/notifier.ts';
import { LocalFaults } from './local-faults.ts';
import { asSubscriptionFailure } from './sns-failure.ts';
import { LocalTopicSubscriptions, type LocalSubscription } from './local-topic-subscriptions.ts';

export interface FileNotifierFiles {
  /** `notifications.jsonl`: one line per publish and one per delivery SNS would make. */
  readonly notifications: string;
  /** `sns-subscriptions.json`: the topics' subscriptions with their filter policies. */
  readonly subscriptions: string;
  /** `faults.json`: an outage to inject (see local-faults.ts). */
  readonly faults?: string;
}

/** Where the local confirmation link points; the local gateway serves it, as SNS serves its own. */
export const LOCAL_CONFIRM_PATH = '/local/sns/confirm';

/** Enough of a contact to tell deliveries apart in a file people read: `o***@example.org`, `+82******5678`. */
export const maskEndpoint = (endpoint: string): string => {
  const at = endpoint.indexOf('@');
  if (at > 0) return `${endpoint[0]}***${endpoint.slice(at)}`;
  return `${endpoint.slice(0, 3)}${'*'.repeat(Math.max(0, endpoint.length - 7))}${endpoint.slice(-4)}`;
};

/**
 * The local runtime's SNS. A publish is matched against every confirmed subscription's filter policy
 * with SNS's semantics (shared/alerts/filter-policy.ts), and `notifications.jsonl` gets a `publish`
 * line and one `delivery` line per subscriber SNS would deliver to, so a person can tail it and a test
 * can read who would receive what. E-mail subscriptions stay pending until their confirmation link
 * (written as a `subscription-confirmation` line) is followed.
 */
export class FileNotifier implements Notifier {
  readonly #subscriptions: LocalTopicSubscriptions;
  readonly #faults: LocalFaults;

  constructor(
    private readonly files: FileNotifierFiles,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#subscriptions = new LocalTopicSubscriptions(files.subscriptions);
    this.#faults = new LocalFaults(files.faults, () => this.now().getTime());
  }

  async publish(topic: string, notification: Notification): Promise<void> {
    await this.#faults.throwIfSnsDown();
    const at = this.now().toISOString();
    const messageId = randomUUID();
    const attributes = stringAttributes(notification.attributes);
    const receivers = (await this.#subscriptions.all()).filter((s) => s.topic === topic && !s.pendingConfirmation && s.matches(attributes));
    const lines = [
      { type: 'publish', topic, at, messageId, subscribers: receivers.length, ...notification },
      ...receivers.map((s) => ({ type: 'delivery', ...this.#whose(s), at, messageId, ...notification })),
    ];
    // One write for the message and its deliveries: a reader never sees a publish without them.
    await appendFile(this.files.notifications, lines.map((line) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
  }

  async subscribe(request: SubscribeRequest): Promise<TopicSubscription> {
    try {
      await this.#faults.throwIfSnsDown();
    } catch (error) {
      throw asSubscriptionFailure(error);
    }
    // SNS's own checks of an endpoint, which the route's contract already makes; kept so the adapters agree.
    if (request.protocol === 'sms' ? !/^\+[1-9]\d{7,14}$/.test(request.endpoint) : !request.endpoint.includes('@')) {
      throw new EndpointRefused(`SNS refused the endpoint (InvalidParameterException: Invalid parameter: ${request.protocol} endpoint)`);
    }
    const at = this.now().toISOString();
    const added = await this.#subscriptions.add(request.topic, request, request.protocol === 'email', at);
    if (added === 'limit') throw new SubscriptionLimitReached('SNS refused another subscription (FilterPolicyLimitExceededException)');
    if (added.confirmToken) {
      const line = { type: 'subscription-confirmation', ...this.#whose(added), at, confirmUrl: `${LOCAL_CONFIRM_PATH}?token=${added.confirmToken}` };
      await appendFile(this.files.notifications, `${JSON.stringify(line)}\n`, 'utf8');
    }
    return { subscriptionArn: added.subscriptionArn, pendingConfirmation: added.pendingConfirmation };
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    try {
      await this.#faults.throwIfSnsDown();
    } catch (error) {
      throw asSubscriptionFailure(error);
    }
    await this.#subscriptions.remove(subscriptionArn);
  }

  async confirmation(subscriptionArn: string): Promise<Confirmation> {
    const found = await this.#subscriptions.find(subscriptionArn);
    if (!found) return 'gone';
    return found.pendingConfirmation ? 'pending' : 'confirmed';
  }

  /** What the local confirmation page does when a recipient follows the link. */
  confirm(token: string): Promise<LocalSubscription | undefined> {
    return this.#subscriptions.confirm(token);
  }

  #whose(s: LocalSubscription) {
    return {
      topic: s.topic,
      subscriptionId: s.owner.subscriptionId,
      officerId: s.owner.officerId,
      subscriptionArn: s.subscriptionArn,
      protocol: s.protocol,
      endpoint: maskEndpoint(s.endpoint),
    };
  }
}
