import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { tracer } from '../observability.ts';

/** One client per container, traced; DynamoDB Local's endpoint locally, the regional one on AWS. */
export const dynamo = DynamoDBDocumentClient.from(
  tracer.captureAWSv3Client(
    new DynamoDBClient({
      region: config.region,
      ...(config.dynamoEndpoint
        ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  ),
  { marshallOptions: { removeUndefinedValues: true } },
);
