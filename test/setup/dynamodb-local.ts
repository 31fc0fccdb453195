import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One real DynamoDB Local, in memory, for every test file of the project. */
export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
