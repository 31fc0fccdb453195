import { FileNotifier } from './adapters/file-notifier.ts';
import { SnsNotifier } from './adapters/sns-notifier.ts';
import { SNSClient } from '@aws-sdk/client-sns';
import { config } from './config.ts';
import type { Notifier } from './ports/notifier.ts';

const localNotifier = (): Notifier => {
  if (!config.notificationsFile) throw new Error('Missing configuration NOTIFICATIONS_FILE (local notifications file)');
  if (!config.snsSubscriptionsFile) throw new Error('Missing configuration SNS_SUBSCRIPTIONS_FILE (local SNS subscriptions file)');
  return new FileNotifier({ notifications: config.notificationsFile, subscriptions: config.snsSubscriptionsFile, faults: config.faultsFile });
};

export const notifier: Notifier =
  config.runtime === 'aws' ? new SnsNotifier(config.topicArn, new SNSClient({}), config.subscriptionDeadLetterArn) : localNotifier();
