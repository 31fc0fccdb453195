import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Locally, a write through the handlers' DynamoDB client tells the local runtime which tables changed,
 * so the stream poller reads their streams at once instead of polling DynamoDB Local (which stalls every
 * other request while it answers GetRecords on a long stream). On AWS nothing listens; streams are AWS's.
 */
export const LOCAL_WRITES = Symbol.for('crisis-response.local-writes');

type Listener = (table: string) => void;

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

const tablesIn = (input: Record<string, unknown>): string[] => {
  const tables = new Set<string>();
  if (typeof input.TableName === 'string') tables.add(input.TableName);
  for (const name of Object.keys((input.RequestItems as object | undefined) ?? {})) tables.add(name);
  for (const item of (input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []) {
    for (const operation of Object.values(item)) if (operation?.TableName) tables.add(operation.TableName);
  }
  return [...tables];
};

export const signalLocalWrites = (client: DynamoDBClient): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const listener = (globalThis as { [LOCAL_WRITES]?: Listener })[LOCAL_WRITES];
      if (listener && WRITES.has(context.commandName ?? '')) for (const table of tablesIn(args.input as Record<string, unknown>)) listener(table);
      return result;
    },
    { step: 'initialize', name: 'localWriteSignal' },
  );
};
