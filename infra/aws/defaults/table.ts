import { RemovalPolicy } from 'aws-cdk-lib';
import { BillingMode, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';

/**
 * What every table gets, whatever the manifest says about its keys. The tables hold people's hashed
 * identifiers, stock and money: losing one to a `cdk destroy` or a bad deploy is not recoverable,
 * so they outlive the stack and can be restored to any second of the last 35 days.
 */
export const tableDefaults = {
  // Demand in an emergency is unpredictable by nature; provisioned capacity would throttle the first surge.
  billingMode: BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  // A KMS key the account can audit in CloudTrail, rather than the invisible AWS-owned default.
  encryption: TableEncryption.AWS_MANAGED,
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies Partial<TableProps>;
