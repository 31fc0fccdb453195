import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionLoader } from '../../../infra/local/function-loader.ts';
import { StreamPoller } from '../../../infra/local/stream-poller.ts';

const streams = mockClient(DynamoDBStreamsClient);
afterEach(() => streams.reset());

const record = (sequence: number, code: string, eventName: 'INSERT' | 'MODIFY'): StreamRecord => ({
  eventName,
  dynamodb: { SequenceNumber: String(sequence).padStart(21, '0'), Keys: { code: { S: code } } },
});

const pollerOver = (records: StreamRecord[]) => {
  streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } });
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'at-0' });
  // Two records a page, so skipping has to follow the iterator across pages.
  for (let page = 0; page <= Math.ceil(records.length / 2); page++) {
    streams.on(GetRecordsCommand, { ShardIterator: `at-${page}` }).resolves({ Records: records.slice(page * 2, page * 2 + 2), NextShardIterator: `at-${page + 1}` });
  }
  const checkpoints = join(mkdtempSync(join(tmpdir(), 'poller-')), 'checkpoints.json');
  const subscription = { table: 'stores', tableName: 'stores', streamArn: 'arn:stream', functionName: 'project-store-cells', batchSize: 100 };
  const poller = new StreamPoller('http://127.0.0.1:1', [subscription], {} as FunctionLoader, { checkpoints, deadLetters: join(tmpdir(), 'dead.jsonl') }, () => undefined);
  return { poller, checkpoint: () => (JSON.parse(readFileSync(checkpoints, 'utf8')) as Record<string, string>)['project-store-cells|shard-1'] };
};

describe('the stream poller after a seed that wrote the read model itself', () => {
  it('starts after the records the seed handled, and never after one it did not', async () => {
    const seeded = new Set(['a', 'b', 'c']);
    const { poller, checkpoint } = pollerOver([
      record(1, 'meta#store-count', 'INSERT'),
      record(2, 'a', 'INSERT'),
      record(3, 'b', 'INSERT'),
      // A stock report that came in meanwhile: the projection must still see it, and all after it.
      record(4, 'a', 'MODIFY'),
      record(5, 'c', 'INSERT'),
    ]);
    const code = (r: StreamRecord) => r.dynamodb?.Keys?.code?.S ?? '';
    const skipped = await poller.skipHandled('project-store-cells', (r) => code(r).startsWith('meta#') || (r.eventName === 'INSERT' && seeded.has(code(r))));
    expect(skipped).toBe(3);
    expect(checkpoint()).toBe(record(3, 'b', 'INSERT').dynamodb?.SequenceNumber);
  });

  it('skips to the end of the stream when the seed handled every record', async () => {
    const { poller, checkpoint } = pollerOver([record(1, 'a', 'INSERT'), record(2, 'b', 'INSERT'), record(3, 'c', 'INSERT')]);
    expect(await poller.skipHandled('project-store-cells', () => true)).toBe(3);
    expect(checkpoint()).toBe(record(3, 'c', 'INSERT').dynamodb?.SequenceNumber);
  });
});
