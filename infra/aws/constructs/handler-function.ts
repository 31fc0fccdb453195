import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundlingDefaults, functionDefaults } from '../defaults/function.ts';
import { logGroupDefaults } from '../defaults/log-group.ts';

export interface HandlerFunctionProps {
  /** Handler module, relative to `projectRoot`; it exports `handler`. */
  readonly entry: string;
  /** The repository root: where the entry, `package-lock.json` and `tsconfig.json` are. */
  readonly projectRoot: string;
  readonly description: string;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * Every handler of the manifest, bundled and configured the same way, with its own log group and role.
 * The role starts empty: it may write to its own log group and nothing else until the stack grants
 * what the manifest says the function uses (the AWS-managed basic execution role would let it write to
 * every log group in the account).
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', logGroupDefaults);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}: only what the manifest says it uses.`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      ...functionDefaults,
      entry: join(props.projectRoot, props.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      bundling: bundlingDefaults,
      description: props.description,
      timeout:
        props.timeoutSeconds === undefined ? functionDefaults.timeout : Duration.seconds(props.timeoutSeconds),
      memorySize: props.memoryMb ?? functionDefaults.memorySize,
      environment: { ...props.environment },
      logGroup: this.logGroup,
      role: this.role,
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions that support no resource-level permissions: xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) and, for stream consumers, dynamodb:ListStreams. The infra tests fail if any other action gets a wildcard resource.',
    });
  }
}
