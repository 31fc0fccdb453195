import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { tracer } from '../observability.ts';
import { signalLocalWrites } from './local-write-signal.ts';

const client = new DynamoDBClient({
  region: config.region,
  ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});
if (config.runtime === 'local') signalLocalWrites(client);

/** One client per container, traced; DynamoDB Local's endpoint locally, the regional one on AWS. */
export const dynamo = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(client), { marshallOptions: { removeUndefinedValues: true } });
