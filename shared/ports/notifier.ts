import type { FilterPolicy } from '../alerts/filter-policy.ts';

/** A message for officials or operators, with the attributes their subscriptions filter on. */
export interface Notification {
  readonly subject: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export type SubscriptionProtocol = 'email' | 'sms';

export interface SubscribeRequest {
  readonly topic: string;
  readonly protocol: SubscriptionProtocol;
  /** An e-mail address or an E.164 phone number: an official's contact, never logged. */
  readonly endpoint: string;
  /** Applied to message attributes (SNS `FilterPolicyScope: MessageAttributes`). */
  readonly filterPolicy: FilterPolicy;
  /** Whose it is. SNS keeps no such field; the local notifier shows it on each delivery it records. */
  readonly owner: { readonly subscriptionId: string; readonly officerId: string };
}

export interface TopicSubscription {
  readonly subscriptionArn: string;
  /** E-mail waits for the recipient to follow the confirmation link; SMS is confirmed at once. */
  readonly pendingConfirmation: boolean;
}

/** `gone`: the topic no longer has it (an unconfirmed e-mail subscription lapses after three days). */
export type Confirmation = 'pending' | 'confirmed' | 'gone';

/** SNS on AWS; a JSON-lines file and a subscriptions file locally. Topic names are the manifest's. */
export interface Notifier {
  publish(topic: string, notification: Notification): Promise<void>;
  subscribe(request: SubscribeRequest): Promise<TopicSubscription>;
  /** Removing what is already gone succeeds. */
  unsubscribe(subscriptionArn: string): Promise<void>;
  confirmation(subscriptionArn: string): Promise<Confirmation>;
}

/** SNS is down or throttling: nothing was subscribed; try again shortly. */
export class NotifierUnavailable extends Error {
  override name = 'NotifierUnavailable';
}

/** The topic holds as many filter policies as its quota allows (200 per topic by default). */
export class SubscriptionLimitReached extends Error {
  override name = 'SubscriptionLimitReached';
}

/** SNS refused the endpoint itself (a number it cannot text, an address it will not mail). */
export class EndpointRefused extends Error {
  override name = 'EndpointRefused';
}
