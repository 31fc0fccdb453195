import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { UploadAccess, UploadsSpec } from '../../manifest/types.ts';

/** What each `uses.uploads` access may do: HeadObject and ranged GETs are `s3:GetObject`. */
export const uploadActions: Record<UploadAccess, string[]> = {
  write: ['s3:PutObject'],
  read: ['s3:GetObject'],
};

/**
 * Where administrators put import files with presigned URLs: private, encrypted, TLS only, access
 * logged, uploads expired after `expireAfterDays` (an import keeps what it read), and CORS for the
 * console's PUT. Each new object is announced on the manifest's queue.
 */
export class UploadBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { spec: UploadsSpec; queue: Queue; accessLogs: Bucket; /** The console's origin (scheme and host): the only page that puts files here. */ allowedOrigin: string }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'uploads-bucket/',
      lifecycleRules: [{ expiration: Duration.days(props.spec.expireAfterDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: [props.allowedOrigin],
          allowedHeaders: ['content-type', 'if-none-match'],
          exposedHeaders: ['etag'],
          maxAge: 3600,
        },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(props.queue));
    // CDK configures bucket notifications through its own deploy-time handler, one per stack.
    const notifications = Stack.of(this).node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notifications) {
      Validations.of(notifications).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK’s bucket-notifications handler logs with the basic execution policy CDK attaches to it; it runs only during deploys, to set the upload bucket’s notification.',
        },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CDK’s bucket-notifications handler calls s3:PutBucketNotification, which CDK grants on *; it runs only during deploys.' },
        { id: 'Serverless-LambdaDLQ', reason: 'A CloudFormation custom resource handler: a failure fails the deploy, which CloudFormation reports and rolls back.' },
        { id: 'Serverless-LambdaTracing', reason: 'Runs only during deploys; there is no request path to follow.' },
        { id: 'Serverless-LambdaDefaultMemorySize', reason: 'CDK’s handler, sized by CDK; it makes one API call per deploy.' },
        { id: 'Serverless-LambdaLatestVersion', reason: 'CDK’s handler pins its runtime; CDK upgrades it with aws-cdk-lib.' },
        { id: 'AwsSolutions-L1', reason: 'CDK’s handler pins its runtime; CDK upgrades it with aws-cdk-lib.' },
      );
    }
  }
}

