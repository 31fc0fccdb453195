import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../../infra/local/queue.ts';

const spec = { name: 'work', description: 'test', visibilityTimeoutSeconds: 30, maxReceives: 3 };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A queue on a clock the test moves, with a consumer that answers as the test says. */
const queueWith = (answer: (event: SQSEvent) => unknown, options: { journal?: string; deadLetters?: string } = {}) => {
  let now = 1_000_000;
  const seen: { body: string; receiveCount: string }[] = [];
  const queue = new LocalQueue(
    spec,
    {
      functionName: 'consumer',
      batchSize: 10,
      maxConcurrency: 1,
      invoke: async (event) => {
        for (const r of event.Records) seen.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount });
        return answer(event);
      },
    },
    { ...options, now: () => now },
  );
  return { queue, seen, advance: (ms: number) => void (now += ms) };
};

describe('the local queue, as SQS behaves', () => {
  it('deletes a message its consumer handled, so it is delivered once', async () => {
    const { queue, seen } = queueWith(() => ({ batchItemFailures: [] }));
    queue.send(['a']);
    await queue.pump();
    await queue.pump();
    expect(seen.map((s) => s.body)).toEqual(['a']);
    expect(queue.depth).toBe(0);
  });

  it('hides a failed message for the visibility timeout, then delivers it again with its receive count', async () => {
    let fail = true;
    const { queue, seen, advance } = queueWith(() => {
      if (fail) throw new Error('down');
      return {};
    });
    queue.send(['a']);
    await queue.pump();
    fail = false;
    advance(29_000);
    await queue.pump();
    expect(seen).toHaveLength(1);
    advance(1_000);
    await queue.pump();
    expect(seen).toEqual([
      { body: 'a', receiveCount: '1' },
      { body: 'a', receiveCount: '2' },
    ]);
    expect(queue.depth).toBe(0);
  });

  it('retries only the messages a consumer names in batchItemFailures', async () => {
    const { queue, seen, advance } = queueWith((event) => ({
      batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })),
    }));
    queue.send(['good', 'bad']);
    await queue.pump();
    advance(30_000);
    await queue.pump();
    expect(seen.map((s) => s.body)).toEqual(['good', 'bad', 'bad']);
    expect(queue.depth).toBe(1);
  });

  it('moves a message received maxReceives times to the dead letters instead of a further delivery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-'));
    dirs.push(dir);
    const { queue, seen, advance } = queueWith(() => {
      throw new Error('always');
    }, { deadLetters: join(dir, 'dead.jsonl') });
    queue.send(['poison']);
    for (let i = 0; i < 5; i++) {
      await queue.pump();
      advance(30_000);
    }
    expect(seen).toHaveLength(spec.maxReceives);
    expect(queue.depth).toBe(0);
    expect(queue.deadLetters()).toMatchObject([{ body: 'poison', receiveCount: 3 }]);
  });

  it('keeps what was not yet handled across a restart, with its receive count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-'));
    dirs.push(dir);
    const journal = join(dir, 'work.jsonl');
    const first = queueWith(() => {
      throw new Error('crash');
    }, { journal });
    first.queue.send(['kept', 'done-later']);
    await first.queue.pump();

    const second = queueWith(() => ({}), { journal });
    expect(second.queue.depth).toBe(2);
    second.advance(31_000 + 1_000_000);
    await second.queue.pump();
    expect(second.seen).toEqual([
      { body: 'kept', receiveCount: '2' },
      { body: 'done-later', receiveCount: '2' },
    ]);
    const third = queueWith(() => ({}), { journal });
    expect(third.queue.depth).toBe(0);
  });
});
