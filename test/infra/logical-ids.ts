import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { CrisisResponseStack } from '../../infra/aws/crisis-response-stack.ts';

/** The template's logical id of an L2 construct's resource. */
export const logicalIdOf = (stack: Stack, construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** Logical ids of what the stack made for each manifest name. */
export const logicalIds = (stack: CrisisResponseStack) => ({
  table: (name: string) => logicalIdOf(stack, stack.tables.get(name, 'test')),
  topic: (name: string) => logicalIdOf(stack, stack.topics.get(name, 'test')),
  secret: (name: string) => logicalIdOf(stack, stack.secrets.get(name, 'test')),
  function: (name: string) => logicalIdOf(stack, stack.functions.get(name, 'test').function),
  role: (name: string) => logicalIdOf(stack, stack.functions.get(name, 'test').role),
  bus: () => logicalIdOf(stack, stack.bus),
  queue: (name: string) => logicalIdOf(stack, stack.queues.get(name, 'test')),
  uploads: () => (stack.uploads ? logicalIdOf(stack, stack.uploads.bucket) : undefined),
  /** Undefined when no function uses personal data (the stack then makes no such key). */
  personalDataKey: () => (stack.personalDataKey ? logicalIdOf(stack, stack.personalDataKey) : undefined),
  userPool: () => logicalIdOf(stack, stack.officials.userPool),
});
