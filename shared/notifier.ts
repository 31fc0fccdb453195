import { FileNotifier } from './adapters/file-notifier.ts';
import { SnsNotifier } from './adapters/sns-notifier.ts';
import { config } from './config.ts';
import type { Notifier } from './ports/notifier.ts';

const localNotifier = (): Notifier => {
  if (!config.notificationsFile) throw new Error('Missing configuration NOTIFICATIONS_FILE (local notifications file)');
  return new FileNotifier(config.notificationsFile);
};

export const notifier: Notifier = config.runtime === 'aws' ? new SnsNotifier(config.topicArn) : localNotifier();
