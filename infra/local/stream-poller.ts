import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { FunctionLoader } from './function-loader.ts';

export interface StreamSubscription {
  readonly table: string;
  /** The table's name in DynamoDB Local (with the runtime's prefix). */
  readonly tableName: string;
  readonly streamArn: string;
  readonly functionName: string;
  readonly batchSize: number;
}

/** As a Lambda event source mapping: a failing batch is retried this often, then set aside. */
const MAX_ATTEMPTS = 3;
const POLL_MS = 100;
/**
 * A stream that keeps returning nothing is polled less often, up to this: DynamoDB Local answers
 * GetRecords on a long stream slowly (30 ms at 25,000 records) and stalls lookups meanwhile. Writes made
 * through the handlers nudge their table's stream at once (`nudge`), so this only bounds how late a
 * write from elsewhere (another process on the same data) is noticed.
 */
const MAX_IDLE_MS = 2000;
/** Shards are listed again this often: they split and close, but rarely. */
const SHARD_REFRESH_MS = 2000;

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(new Date(record.dynamodb.ApproximateCreationDateTime).getTime() / 1000)
        : undefined,
    },
  }) as DynamoDBRecord;

/**
 * Reads DynamoDB Local's streams and calls the stream handlers with Lambda-shaped batches, honouring
 * `batchItemFailures`. Checkpoints survive a restart on persisted data, so nothing is delivered twice
 * after a clean stop and nothing written while stopped is skipped.
 */
export class StreamPoller {
  readonly #client: DynamoDBStreamsClient;
  readonly #checkpoints = new Map<string, string>();
  readonly #iterators = new Map<string, string | undefined>();
  #running = false;
  #loop: Promise<void> | undefined;
  #pass = 0;
  #wake: (() => void) | undefined;
  readonly #shards = new Map<string, { ids: string[]; at: number }>();
  readonly #backoff = new Map<string, { delay: number; until: number }>();
  #idle: { after: number; resolve: () => void }[] = [];

  constructor(
    endpoint: string,
    readonly subscriptions: readonly StreamSubscription[],
    private readonly functions: FunctionLoader,
    private readonly files: { checkpoints?: string; deadLetters: string },
    private readonly onError: (error: unknown, functionName: string) => void,
  ) {
    this.#client = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }

  async start(): Promise<void> {
    if (this.files.checkpoints) {
      const saved = await readFile(this.files.checkpoints, 'utf8').then(JSON.parse, () => ({})) as Record<string, string>;
      for (const [shard, sequence] of Object.entries(saved)) this.#checkpoints.set(shard, sequence);
    }
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
    this.#client.destroy();
  }

  /** A table was written: read its streams now, whatever their backoff. */
  nudge(tableName: string): void {
    let woken = false;
    for (const subscription of this.subscriptions) {
      if (subscription.tableName !== tableName) continue;
      this.#backoff.set(subscription.functionName, { delay: 0, until: 0 });
      woken = true;
    }
    if (woken) this.#wake?.();
  }

  /** Resolves once every record written so far has been handed to its handler (tests wait on this). */
  drained(): Promise<void> {
    // Only a pass that began after this call proves that what was written before it has been read.
    const drained = new Promise<void>((resolve) => this.#idle.push({ after: this.#pass, resolve }));
    this.#wake?.();
    return drained;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const pass = ++this.#pass;
      // Someone waits for the streams to drain: this pass reads every stream, backoff or not.
      const everything = this.#idle.length > 0;
      let delivered = 0;
      for (const subscription of this.subscriptions) {
        const backoff = this.#backoff.get(subscription.functionName) ?? { delay: 0, until: 0 };
        if (!everything && Date.now() < backoff.until) continue;
        try {
          const count = await this.#poll(subscription, everything);
          delivered += count;
          const delay = count > 0 ? 0 : Math.min(MAX_IDLE_MS, Math.max(POLL_MS, backoff.delay * 2));
          this.#backoff.set(subscription.functionName, { delay, until: Date.now() + delay });
        } catch (error) {
          delivered++; // a failed read proves nothing about what is left to read
          this.onError(error, subscription.functionName);
        }
      }
      if (delivered === 0 && everything) {
        const waiting = this.#idle;
        this.#idle = waiting.filter((w) => w.after >= pass);
        for (const w of waiting) if (w.after < pass) w.resolve();
      }
      if (delivered === 0) await this.#sleep(POLL_MS);
    }
    for (const w of this.#idle.splice(0)) w.resolve();
  }

  /** Waits, unless a write or a drain request wakes the loop first. */
  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    }).then(() => {
      this.#wake = undefined;
    });
  }

  async #shardsOf(subscription: StreamSubscription, fresh: boolean): Promise<string[]> {
    const known = this.#shards.get(subscription.streamArn);
    if (known && !fresh && Date.now() - known.at < SHARD_REFRESH_MS) return known.ids;
    const { StreamDescription } = await this.#client.send(new DescribeStreamCommand({ StreamArn: subscription.streamArn }));
    const ids = (StreamDescription?.Shards ?? []).map((shard) => shard.ShardId ?? '');
    this.#shards.set(subscription.streamArn, { ids, at: Date.now() });
    return ids;
  }

  async #poll(subscription: StreamSubscription, freshShards: boolean): Promise<number> {
    let delivered = 0;
    for (const shardId of await this.#shardsOf(subscription, freshShards)) {
      const key = `${subscription.functionName}|${shardId}`;
      if (this.#iterators.has(key) && this.#iterators.get(key) === undefined) continue; // closed and read to the end
      let iterator = this.#iterators.get(key);
      if (!iterator) {
        const after = this.#checkpoints.get(key);
        ({ ShardIterator: iterator } = await this.#client.send(
          new GetShardIteratorCommand({
            StreamArn: subscription.streamArn,
            ShardId: shardId,
            ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        ));
      }
      let page;
      try {
        page = await this.#client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: subscription.batchSize }));
      } catch (error) {
        // An iterator that expired or fell behind the trim horizon is replaced from the checkpoint next pass.
        if (error instanceof Error && (error.name === 'ExpiredIteratorException' || error.name === 'TrimmedDataAccessException')) {
          this.#iterators.delete(key);
          delivered++; // not idle: the shard has to be read again before anyone is told it is drained
          continue;
        }
        throw error;
      }
      const { Records = [], NextShardIterator } = page;
      this.#iterators.set(key, NextShardIterator);
      if (Records.length === 0) continue;
      await this.#deliver(subscription, Records);
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) await this.#checkpoint(key, last);
      delivered += Records.length;
    }
    return delivered;
  }

  async #deliver(subscription: StreamSubscription, records: StreamRecord[]): Promise<void> {
    let pending = records.map((r) => toLambdaRecord(r, subscription.streamArn));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && pending.length > 0; attempt++) {
      try {
        const response = (await this.functions.invoke(subscription.functionName, { Records: pending })) as DynamoDBBatchResponse | undefined;
        const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
        if (!failed) return;
        pending = pending.slice(Math.max(0, pending.findIndex((r) => r.dynamodb?.SequenceNumber === failed)));
      } catch (error) {
        this.onError(error, subscription.functionName);
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
    if (pending.length > 0) {
      // The local dead-letter queue: kept in a file so a person can see, and redrive, what failed.
      await appendFile(this.files.deadLetters, `${JSON.stringify({ functionName: subscription.functionName, at: new Date().toISOString(), records: pending })}\n`);
    }
  }

  async #checkpoint(key: string, sequence: string): Promise<void> {
    this.#checkpoints.set(key, sequence);
    if (this.files.checkpoints) await writeFile(this.files.checkpoints, JSON.stringify(Object.fromEntries(this.#checkpoints)));
  }
}
