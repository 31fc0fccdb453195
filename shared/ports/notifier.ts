/** A message for officials or operators, with the attributes their subscriptions filter on. */
export interface Notification {
  readonly subject: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** SNS on AWS; a JSON-lines file locally. Topic names are the manifest's. */
export interface Notifier {
  publish(topic: string, notification: Notification): Promise<void>;
}
