import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_WRITES, signalLocalWrites } from '../../../shared/data/local-write-signal.ts';

/** A client whose every request "succeeds" with an empty answer, so only our middleware matters. */
const offlineClient = () =>
  new DynamoDBClient({
    region: 'local',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: {}, body: Readable.from(['{}']) } }) },
  });

const heard: string[] = [];
(globalThis as { [LOCAL_WRITES]?: (table: string) => void })[LOCAL_WRITES] = (table) => heard.push(table);
afterEach(() => heard.splice(0));

describe('the local write signal', () => {
  it('names every table a write touched, so their streams are read at once', async () => {
    const client = offlineClient();
    signalLocalWrites(client);
    await client.send(new PutItemCommand({ TableName: 'stores', Item: { code: { S: '1' } } }));
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'mask-sales', Item: { pk: { S: 'a' } } } },
          { Update: { TableName: 'stores', Key: { code: { S: '1' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } } },
        ],
      }),
    );
    expect(heard).toEqual(['stores', 'mask-sales', 'stores']);
  });

  it('stays silent for reads', async () => {
    const client = offlineClient();
    signalLocalWrites(client);
    await client.send(new GetItemCommand({ TableName: 'stores', Key: { code: { S: '1' } } }));
    expect(heard).toEqual([]);
  });
});
