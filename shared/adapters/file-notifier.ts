import { appendFile } from 'node:fs/promises';
import type { Notification, Notifier } from '../ports/notifier.ts';

/** The local runtime's SNS: one JSON line per delivery, which a person can tail and a test can read. */
export class FileNotifier implements Notifier {
  constructor(private readonly path: string) {}

  async publish(topic: string, notification: Notification): Promise<void> {
    await appendFile(this.path, `${JSON.stringify({ topic, at: new Date().toISOString(), ...notification })}\n`, 'utf8');
  }
}
