import type { Template } from 'aws-cdk-lib/assertions';

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every IAM policy attached to the role with this logical id. */
export const statementsOfRole = (template: Template, roleLogicalId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy['Properties'].Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })),
    )
    .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as RawStatement[])
    .map((statement) => ({ effect: statement.Effect, actions: list(statement.Action), resources: list(statement.Resource) }));

/** Whether a statement names a resource of this logical id (its ARN, an index ARN under it, its stream…). */
export const names = (statement: Statement, logicalId: string): boolean =>
  JSON.stringify(statement.resources).includes(`"${logicalId}"`);

/** The actions the role may take on resources of this logical id. */
export const actionsOn = (statements: readonly Statement[], logicalId: string): string[] =>
  statements.filter((statement) => statement.effect === 'Allow' && names(statement, logicalId)).flatMap((s) => s.actions);
