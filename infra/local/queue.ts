import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Manifest, QueueSpec } from '../manifest/types.ts';

interface Message {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

type Entry =
  | { op: 'send'; id: string; body: string; sentAt: number }
  | { op: 'receive'; id: string; visibleAt: number }
  | { op: 'delete'; id: string }
  | { op: 'dead'; id: string };

export interface QueueConsumer {
  readonly functionName: string;
  readonly batchSize: number;
  readonly maxConcurrency: number;
  readonly invoke: (event: SQSEvent) => Promise<unknown>;
}

export interface LocalQueueOptions {
  /** JSON lines of what was sent, received and deleted: what is in the queue survives a restart. */
  readonly journal?: string;
  /** Messages received `maxReceives` times without success, as JSON lines. */
  readonly deadLetters?: string;
  readonly now?: () => number;
  readonly onError?: (error: unknown, functionName?: string) => void;
}

/**
 * One SQS queue in-process, with its semantics: a received message is hidden for the visibility timeout
 * and deleted only when its consumer succeeded (or did not name it among its `batchItemFailures`); a
 * consumer that throws fails the whole batch; a message received `maxReceives` times moves to the
 * dead letters instead of a further delivery. Delivery is at least once, as on AWS.
 */
export class LocalQueue {
  readonly #messages = new Map<string, Message>();
  readonly #now: () => number;
  readonly #arn: string;
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #pumping: Promise<void> | undefined;
  readonly #idle = new Set<() => void>();

  constructor(
    readonly spec: QueueSpec,
    private readonly consumer: QueueConsumer | undefined,
    private readonly options: LocalQueueOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#arn = `arn:aws:sqs:local:000000000000:${spec.name}`;
    this.#load();
  }

  send(bodies: readonly string[]): string[] {
    const ids = bodies.map((body) => {
      const message: Message = { id: randomUUID(), body, sentAt: this.#now(), receiveCount: 0, visibleAt: 0 };
      this.#messages.set(message.id, message);
      this.#write({ op: 'send', id: message.id, body, sentAt: message.sentAt });
      return message.id;
    });
    this.#schedule(0);
    return ids;
  }

  /** The function its `queue` trigger names, if any. */
  get consumerName(): string | undefined {
    return this.consumer?.functionName;
  }

  /** Messages waiting or in flight (SQS's ApproximateNumberOfMessages plus …NotVisible). */
  get depth(): number {
    return this.#messages.size;
  }

  deadLetters(): { id: string; body: string; receiveCount: number }[] {
    if (!this.options.deadLetters || !existsSync(this.options.deadLetters)) return [];
    return readFileSync(this.options.deadLetters, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; body: string; receiveCount: number });
  }

  start(): void {
    this.#timer ??= setTimeout(() => void this.pump(), 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopped = true;
    while (this.#pumping) await this.#pumping;
  }

  #stopped = false;

  /**
   * Delivers what is visible now, up to the consumer's concurrency, and waits for those batches. The
   * timer calls it; tests with their own clock call it themselves.
   */
  async pump(): Promise<void> {
    if (!this.consumer) return;
    if (this.#pumping) return this.#pumping;
    this.#pumping = (async () => {
      const batches: Promise<void>[] = [];
      while (this.#inFlight < this.consumer!.maxConcurrency) {
        const batch = this.#receive(this.consumer!.batchSize);
        if (batch.length === 0) break;
        batches.push(this.#deliver(batch));
      }
      await Promise.all(batches);
    })().finally(() => {
      this.#pumping = undefined;
      this.#afterPump();
    });
    return this.#pumping;
  }

  /** Resolves once nothing is visible or in flight: what was sent has been handled or waits for a retry. */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  isIdle(): boolean {
    const now = this.#now();
    return this.#inFlight === 0 && !this.#pumping && ![...this.#messages.values()].some((m) => m.visibleAt <= now);
  }

  #afterPump(): void {
    if (this.isIdle()) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
    if (this.#stopped) return;
    const next = Math.min(...[...this.#messages.values()].map((m) => m.visibleAt));
    if (Number.isFinite(next)) this.#schedule(Math.max(0, next - this.#now()));
  }

  #schedule(delayMs: number): void {
    if (this.#stopped || !this.consumer || this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.pump(), Math.min(delayMs, 2 ** 31 - 1));
  }

  #receive(max: number): Message[] {
    const now = this.#now();
    const batch: Message[] = [];
    for (const message of this.#messages.values()) {
      if (batch.length >= max) break;
      if (message.visibleAt > now) continue;
      // SQS moves a message to the dead-letter queue instead of the receive that would exceed the limit.
      if (message.receiveCount >= this.spec.maxReceives) {
        this.#bury(message);
        continue;
      }
      message.receiveCount++;
      message.visibleAt = now + this.spec.visibilityTimeoutSeconds * 1000;
      this.#write({ op: 'receive', id: message.id, visibleAt: message.visibleAt });
      batch.push(message);
    }
    return batch;
  }

  async #deliver(batch: Message[]): Promise<void> {
    const consumer = this.consumer!;
    this.#inFlight++;
    try {
      const event: SQSEvent = {
        Records: batch.map((m) => ({
          messageId: m.id,
          receiptHandle: `${m.id}#${m.receiveCount}`,
          body: m.body,
          attributes: {
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(this.#now()),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: this.#arn,
          awsRegion: 'local',
        })),
      };
      let failed: Set<string>;
      try {
        const response = (await consumer.invoke(event)) as Partial<SQSBatchResponse> | undefined;
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        this.options.onError?.(error, consumer.functionName);
        failed = new Set(batch.map((m) => m.id));
      }
      for (const message of batch) {
        if (failed.has(message.id)) continue;
        this.#messages.delete(message.id);
        this.#write({ op: 'delete', id: message.id });
      }
    } finally {
      this.#inFlight--;
    }
  }

  #bury(message: Message): void {
    this.#messages.delete(message.id);
    this.#write({ op: 'dead', id: message.id });
    if (this.options.deadLetters) {
      mkdirSync(dirname(this.options.deadLetters), { recursive: true });
      appendFileSync(this.options.deadLetters, `${JSON.stringify({ id: message.id, body: message.body, receiveCount: message.receiveCount, at: new Date(this.#now()).toISOString() })}\n`);
    }
  }

  #write(entry: Entry): void {
    if (this.options.journal) appendFileSync(this.options.journal, `${JSON.stringify(entry)}\n`);
  }

  /** Replays the journal, then rewrites it with only what is still in the queue. */
  #load(): void {
    const { journal } = this.options;
    if (!journal) return;
    mkdirSync(dirname(journal), { recursive: true });
    if (existsSync(journal)) {
      for (const line of readFileSync(journal, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: Entry;
        try {
          entry = JSON.parse(line) as Entry;
        } catch {
          continue; // a line cut short by a crash: its message was never acknowledged to a sender
        }
        if (entry.op === 'send') this.#messages.set(entry.id, { id: entry.id, body: entry.body, sentAt: entry.sentAt, receiveCount: 0, visibleAt: 0 });
        const message = this.#messages.get(entry.id);
        if (!message) continue;
        if (entry.op === 'receive') Object.assign(message, { receiveCount: message.receiveCount + 1, visibleAt: entry.visibleAt });
        if (entry.op === 'delete' || entry.op === 'dead') this.#messages.delete(entry.id);
      }
    }
    const live = [...this.#messages.values()].flatMap((m): Entry[] => [
      { op: 'send', id: m.id, body: m.body, sentAt: m.sentAt },
      ...Array.from({ length: m.receiveCount }, (_, i): Entry => ({ op: 'receive', id: m.id, visibleAt: i === m.receiveCount - 1 ? m.visibleAt : 0 })),
    ]);
    writeFileSync(journal, live.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  }
}

/** The manifest's queues, each with the function its `queue` trigger names as consumer. */
export class LocalQueues {
  readonly #queues = new Map<string, LocalQueue>();

  constructor(
    manifest: Manifest,
    invoke: (functionName: string, event: unknown) => Promise<unknown>,
    options: { dir?: string; onError?: (error: unknown, functionName?: string) => void; concurrency?: number } = {},
  ) {
    for (const spec of manifest.queues ?? []) {
      const consumers = manifest.functions.flatMap((fn) =>
        fn.triggers.flatMap((t) => (t.kind === 'queue' && t.queue === spec.name ? [{ fn: fn.name, trigger: t }] : [])),
      );
      if (consumers.length > 1) throw new Error(`Queue ${spec.name} has ${consumers.length} consumers; SQS would split its messages between them`);
      const [consumer] = consumers;
      this.#queues.set(
        spec.name,
        new LocalQueue(
          spec,
          consumer && {
            functionName: consumer.fn,
            batchSize: consumer.trigger.batchSize ?? 10,
            maxConcurrency: Math.min(consumer.trigger.maxConcurrency ?? 2, options.concurrency ?? 4),
            invoke: (event) => invoke(consumer.fn, event),
          },
          {
            ...(options.dir ? { journal: resolve(options.dir, `${spec.name}.jsonl`), deadLetters: resolve(options.dir, `${spec.name}.dead-letters.jsonl`) } : {}),
            ...(options.onError ? { onError: options.onError } : {}),
          },
        ),
      );
    }
  }

  get(name: string): LocalQueue {
    const queue = this.#queues.get(name);
    if (!queue) throw new Error(`No queue '${name}' in the manifest`);
    return queue;
  }

  send(name: string, bodies: readonly string[]): void {
    this.get(name).send(bodies);
  }

  start(): void {
    for (const queue of this.#queues.values()) queue.start();
  }

  /** Until every queue is drained, including what their consumers sent on to each other meanwhile. */
  async drained(): Promise<void> {
    for (;;) {
      await Promise.all([...this.#queues.values()].map((q) => q.drained()));
      if ([...this.#queues.values()].every((q) => q.isIdle())) return;
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.stop()));
  }
}
