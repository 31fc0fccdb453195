import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { boundedParallel } from './bounded-parallel.ts';
import { dynamo } from './dynamo-client.ts';

/** TransactWriteItems' own limit. */
const PER_TRANSACTION = 100;
/** DynamoDB Local applies one transaction at a time; one more in flight hides the round trip. */
const IN_FLIGHT = 2;

/**
 * Puts items into a table that holds none of them, 100 to a transaction. For the demo's first start on
 * DynamoDB Local: it commits each item of a BatchWriteItem on its own, a disk sync each, but a whole
 * transaction at once. Not for AWS, where a transaction costs twice a batch's write units; nothing
 * there calls it. The items must be distinct and small (a transaction holds at most 4 MB).
 */
export const putAllNew = async <Item extends object>(table: string, items: readonly Item[], onWritten?: (written: number) => void): Promise<void> => {
  const transactions: Item[][] = [];
  for (let i = 0; i < items.length; i += PER_TRANSACTION) transactions.push(items.slice(i, i + PER_TRANSACTION));
  let written = 0;
  await boundedParallel(transactions, IN_FLIGHT, async (transaction) => {
    await dynamo.send(new TransactWriteCommand({ TransactItems: transaction.map((item) => ({ Put: { TableName: table, Item: { ...item } } })) }));
    onWritten?.((written += transaction.length));
  });
};
