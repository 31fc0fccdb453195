import { LOCAL_QUEUES, type LocalQueues, type WorkQueue } from '../ports/work-queue.ts';

export class LocalWorkQueue implements WorkQueue {
  constructor(private readonly name: string) {}

  async send(messages: readonly unknown[]): Promise<void> {
    const queues = (globalThis as { [LOCAL_QUEUES]?: LocalQueues })[LOCAL_QUEUES];
    if (!queues) throw new Error('The local queues are not running (start the local runtime first)');
    queues.send(this.name, messages.map((message) => JSON.stringify(message)));
  }
}
