import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { IndexSpec, KeySpec, TableSpec } from '../manifest/types.ts';

const keySchema = (partition: KeySpec, sort?: KeySpec) => [
  { AttributeName: partition.name, KeyType: 'HASH' as const },
  ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
];

const attributeDefinitions = (table: TableSpec): AttributeDefinition[] => {
  const keys = [table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])];
  const byName = new Map(keys.filter((k): k is KeySpec => k !== undefined).map((k) => [k.name, k.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
};

const gsi = (index: IndexSpec): GlobalSecondaryIndex => ({
  IndexName: index.name,
  KeySchema: keySchema(index.partitionKey, index.sortKey),
  Projection: { ProjectionType: index.projection ?? 'ALL' },
});

const describe = async (client: DynamoDBClient, name: string): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

/**
 * Creates each manifest table, or brings an existing one up to date (new indexes, streams), so a
 * restart on old data after a manifest change keeps the data. Returns logical → physical names.
 *
 * A table named in `streamLater` that does not exist yet is created without its stream: a seeder fills
 * it first and does the stream functions' work for what it wrote, so no record of that needs to be
 * skipped. Calling this again afterwards turns the stream on, as for data from before the stream existed.
 */
export const ensureTables = async (
  client: DynamoDBClient,
  tables: readonly TableSpec[],
  prefix: string,
  options: { readonly streamLater?: ReadonlySet<string> } = {},
): Promise<Map<string, TableDescription>> => {
  const described = new Map<string, TableDescription>();
  for (const table of tables) {
    const name = prefix + table.name;
    let current = await describe(client, name);
    if (!current) {
      const stream = table.stream && !options.streamLater?.has(table.name) ? table.stream : undefined;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keySchema(table.partitionKey, table.sortKey),
          AttributeDefinitions: attributeDefinitions(table),
          ...(table.indexes?.length ? { GlobalSecondaryIndexes: table.indexes.map(gsi) } : {}),
          ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream } } : {}),
        }),
      );
    } else {
      const existing = new Set((current.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
      for (const index of table.indexes ?? []) {
        if (existing.has(index.name)) continue;
        await client.send(
          new UpdateTableCommand({
            TableName: name,
            AttributeDefinitions: attributeDefinitions(table),
            GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
          }),
        );
      }
      if (table.stream && !current.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
        );
      }
    }
    if (table.ttlAttribute) {
      // Recorded for parity with AWS; DynamoDB Local never expires items.
      await client
        .send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }))
        .catch(() => undefined);
    }
    current = await describe(client, name);
    if (current) described.set(table.name, current);
  }
  return described;
};
