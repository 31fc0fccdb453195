/** Work for a queue's consumer (SQS on AWS, the local runtime's queue locally): each message a JSON value. */
export interface WorkQueue {
  send(messages: readonly unknown[]): Promise<void>;
}

/** Where the local runtime hangs its queues, so in-process handlers can reach them without importing infra. */
export const LOCAL_QUEUES = Symbol.for('crisis-response.local-queues');

export type LocalQueues = { send(queue: string, bodies: readonly string[]): void };
