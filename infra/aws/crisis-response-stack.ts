import { ArnFormat, CfnOutput, Fn, Lazy, SecretValue, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, PayloadFormatVersion, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
  HttpUserPoolAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, MathExpression, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, ProjectionType, StreamViewType, Table, type Attribute, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnPlaceIndex } from 'aws-cdk-lib/aws-location';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { UploadBucket, uploadActions } from './constructs/upload-bucket.ts';
import { WorkQueue } from './constructs/work-queue.ts';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { runbookUrl, type Runbook } from './runbooks.ts';
import { consoleSignInConfig, signInOrigin, type ManagedLogin } from '../pages/console-sign-in.ts';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { allowsAnyOrigin } from '../manifest/cors.ts';
import { EVENT_BUS_ENV, PERSONAL_DATA_KEY_ENV, PLACE_INDEX_ENV, RELIEF_AS_OF_ENV, RELIEF_PROGRAM_ENV, RUNTIME_ENV, USER_POOL_ENV, secretEnv, subscriptionDeadLetterEnv, tableEnv, topicEnv, UPLOADS_ENV, queueEnv, type Runtime } from '../manifest/environment.ts';
import { hasOfficialRoute } from '../manifest/officials.ts';
import {
  manifest as theManifest,
  type AuthKind,
  type FunctionSpec,
  type HttpTrigger,
  type KeySpec,
  type Manifest,
  type PersonalDataAccess,
  type TableAccess,
} from '../manifest/index.ts';
import { PERSONAL_DATA_PURPOSE } from '../../shared/ports/personal-data-cipher.ts';
import { constructId } from './construct-id.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { HandlerFunction } from './constructs/handler-function.ts';
import { HttpGateway } from './constructs/http-gateway.ts';
import { PublicCache } from './constructs/public-cache.ts';
import { OfficialDirectory } from './constructs/official-directory.ts';
import { alarmDefaults, alarmPeriod } from './defaults/alarm.ts';
import { commonEnvironment } from './defaults/function.ts';
import { authorizerCacheTtl } from './defaults/http-api.ts';
import {
  asyncInvokeDefaults,
  defaultStreamBatchSize,
  ruleTargetDefaults,
  streamSourceDefaults,
} from './defaults/invocation.ts';
import { keyDefaults } from './defaults/key.ts';
import { generatedSecret, operatorFilledSecrets, rotationExemptions, secretDefaults } from './defaults/secret.ts';
import { tableDefaults } from './defaults/table.ts';
import { topicDefaults } from './defaults/topic.ts';
import { userPoolActions } from './defaults/user-pool.ts';
import { Registry } from './registry.ts';
import { mapTilesFromEnvironment, pageContentSecurityPolicy, type MapTiles } from '../pages/map-tiles.ts';
import { REVALIDATED_PAGE_FILES, WEB_BUILD } from '../local/web-build.ts';

export interface CrisisResponseStackProps extends StackProps {
  /** Deployment stage (`dev`, `prod`, …): part of secret names and descriptions. */
  readonly stage: string;
  /** Subscribed to the operations topic when given; the subscription must be confirmed from the mail. */
  readonly alarmEmail?: string;
  /** What to build: the project's manifest unless a test passes another. */
  readonly manifest?: Manifest;
  /** Where the manifest's `entry` paths start: the repository root unless a test passes another. */
  readonly projectRoot?: string;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The manifest topic CloudWatch alarms notify. */
export const operationsTopicName = 'operations';

export const eventBusEnv = EVENT_BUS_ENV;

/** What a function that `subscribes` officials to a topic may do on that topic, and nothing more. */
export const subscribeActions = ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes'];

const identitySource = ['$request.header.Authorization'];

const attribute = (key: KeySpec): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const grantTable: Record<TableAccess, (table: Table, grantee: IGrantable) => void> = {
  read: (table, grantee) => table.grantReadData(grantee),
  write: (table, grantee) => table.grantWriteData(grantee),
  'read-write': (table, grantee) => table.grantReadWriteData(grantee),
};

/** Encrypting asks KMS for a data key; decrypting asks it to unwrap one. Nothing else, on one key. */
const personalDataActions: Record<PersonalDataAccess, string[]> = {
  encrypt: ['kms:GenerateDataKey'],
  decrypt: ['kms:Decrypt'],
  both: ['kms:GenerateDataKey', 'kms:Decrypt'],
};

/** Public GETs that CloudFront may cache for a few seconds: everything public but liveness. */
const cachedPublicReads = (manifest: Manifest): HttpTrigger[] =>
  manifest.functions.flatMap((fn) =>
    fn.triggers.filter((t): t is HttpTrigger => t.kind === 'http' && t.auth === 'public' && t.method === 'GET' && t.path !== '/v1/health'),
  );

/** Functions invoked asynchronously (by EventBridge) need an on-failure destination of their own. */
const isInvokedAsynchronously = (spec: FunctionSpec): boolean =>
  spec.triggers.some((trigger) => trigger.kind === 'schedule' || trigger.kind === 'event');

/**
 * The whole system on AWS, walked from the manifest: nothing about a table, route, schedule, stream,
 * topic or secret is said here that the manifest does not say. What is said here is how each is made
 * safe on AWS (the defaults) and how failures reach operators (DLQs, alarms).
 */
export class CrisisResponseStack extends Stack {
  readonly tables = new Registry<Table>('table');
  readonly topics = new Registry<Topic>('topic');
  readonly secrets = new Registry<Secret>('secret');
  readonly functions = new Registry<HandlerFunction>('function');
  readonly queues = new Registry<Queue>('queue');
  /** Made when the manifest has uploads, after the public cache (its access logs go to the cache's log bucket). */
  uploads: UploadBucket | undefined;
  readonly gateway: HttpGateway;
  readonly publicCache: PublicCache;
  readonly officials: OfficialDirectory;
  readonly bus: EventBus;

  readonly #manifest: Manifest;
  readonly #stage: string;
  readonly #alarmAction: SnsAction;
  #failures: Construct | undefined;
  #consoleUrl = '';
  readonly #failureQueues = new Map<string, DeadLetterQueue>();
  readonly #authorizers = new Map<AuthKind, IHttpRouteAuthorizer>();

  constructor(scope: Construct, id: string, props: CrisisResponseStackProps) {
    super(scope, id, props);
    this.#manifest = props.manifest ?? theManifest;
    this.#stage = props.stage;
    const { service } = this.#manifest;

    this.#makeTables();
    this.#makeTopics(props.stage);
    this.#makeSecrets(props.stage);
    this.bus = new EventBus(this, 'Bus', { description: `${service} (${props.stage}): domain events.` });
    this.gateway = new HttpGateway(this, 'Http', { description: `${service} (${props.stage})` });
    this.officials = new OfficialDirectory(this, 'Officials', this.#consoleSignIn(service, props.stage));

    const operations = this.#operationsTopic();
    this.#alarmAction = new SnsAction(operations);
    if (props.alarmEmail) {
      const undelivered = this.#failureQueue('AlarmEmail', 'the operations e-mail subscription', 'operations-email');
      operations.addSubscription(new EmailSubscription(props.alarmEmail, { deadLetterQueue: undelivered }));
    }

    this.#makeQueues();
    this.#makeFunctions(props.projectRoot ?? repositoryRoot);
    // Triggers after every function exists: a route's authorizer is a function too.
    for (const spec of this.#manifest.functions) this.#wireTriggers(spec);
    this.#forwardServiceEvents();
    this.#alarm(this.gateway, 'ServerErrors', this.gateway.stage.metricServerError({ period: alarmPeriod }), 'The HTTP API answered 5xx.', 'api-5xx');

    const mapTiles = this.#mapTiles();
    this.publicCache = new PublicCache(this, 'PublicCache', {
      gateway: this.gateway,
      cachedRoutes: cachedPublicReads(this.#manifest),
      // The console PUTs import files at S3's presigned URLs (virtual-hosted: <bucket>.s3.<region>.amazonaws.com).
      // Any bucket of the region, not the upload bucket's own name: that bucket's CORS names this
      // distribution, so naming the bucket here would make the two depend on each other.
      pageContentSecurityPolicy: pageContentSecurityPolicy(mapTiles, signInOrigin(this.#managedLogin()), this.#manifest.uploads ? `https://*.s3.${this.region}.amazonaws.com` : undefined),
    });
    this.#makeUploads();
    this.#deployPages(mapTiles);
    new CfnOutput(this, 'ApiUrl', { value: this.gateway.url, description: 'Base URL of the HTTP API.' });
    new CfnOutput(this, 'PublicUrl', {
      value: `https://${this.publicCache.distribution.distributionDomainName}`,
      description: 'CloudFront: the pages, and the API with its public reads cached; what citizens and 2020 clients use.',
    });
    new CfnOutput(this, 'PagesBucket', { value: this.publicCache.pages.bucketName, description: 'The pages (dist/web, the Vite build), uploaded by each deploy.' });
    new CfnOutput(this, 'UserPoolId', { value: this.officials.userPool.userPoolId, description: 'Officials’ user pool.' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.officials.consoleClient.userPoolClientId,
      description: 'App client of the officials’ console.',
    });
    new CfnOutput(this, 'AuthDomainUrl', {
      value: this.officials.domain.baseUrl(),
      description: 'Managed login (Hosted UI) of the officials: /oauth2/authorize and /oauth2/token, authorization code with PKCE.',
    });
    new CfnOutput(this, 'ConsoleUrl', { value: this.#consoleUrl, description: 'The officials’ console: managed login’s callback and sign-out address.' });
  }

  /**
   * Where managed login sends officials back: `-c consoleUrl=https://…/console/`, by default the console
   * under CloudFront's address (made later, hence lazy); and the managed login domain's prefix,
   * `-c authDomainPrefix=…`, by default `<service>-<stage>` (a prefix is unique per region across AWS).
   */
  #consoleSignIn(service: string, stage: string): { consoleUrl: string; domainPrefix: string } {
    const context = (name: string) => this.node.tryGetContext(name) as string | undefined;
    this.#consoleUrl =
      context('consoleUrl') ?? Lazy.string({ produce: () => `https://${this.publicCache.distribution.distributionDomainName}/console/` });
    return { consoleUrl: this.#consoleUrl, domainPrefix: context('authDomainPrefix') ?? `${service}-${stage}` };
  }

  /**
   * The map's street tiles, from context: `-c mapTileUrl=<Leaflet URL template> -c mapTileAttribution=<credit>`
   * (and `mapTileMaxZoom`). With none, the mask finder draws its map without tiles.
   */
  #mapTiles(): MapTiles | undefined {
    const context = (name: string) => this.node.tryGetContext(name) as string | undefined;
    return mapTilesFromEnvironment({
      MAP_TILE_URL: context('mapTileUrl') ?? 'none',
      MAP_TILE_ATTRIBUTION: context('mapTileAttribution'),
      MAP_TILE_MAX_ZOOM: context('mapTileMaxZoom'),
    });
  }

  /** The console's managed login: the user pool domain's host (no scheme) and the console's app client. */
  #managedLogin(): ManagedLogin {
    return {
      domain: Fn.select(2, Fn.split('/', this.officials.domain.baseUrl())),
      clientId: this.officials.consoleClient.userPoolClientId,
      consoleUrl: this.#consoleUrl,
    };
  }

  /**
   * Uploads the built pages with what they read at run time next to them (the map's tile source, the
   * console's managed login), and clears CloudFront's copies.
   */
  #deployPages(mapTiles: MapTiles | undefined): void {
    const deployment = new BucketDeployment(this, 'PagesDeployment', {
      sources: [
        Source.asset(WEB_BUILD, { exclude: ['.built'] }),
        Source.jsonData('map-tiles.json', mapTiles ?? { url: null }),
        Source.jsonData('console/console-config.json', consoleSignInConfig(this.#managedLogin())),
      ],
      destinationBucket: this.publicCache.pages,
      distribution: this.publicCache.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      // Uploaded (and kept from the prune) by the deployment below, with their own Cache-Control.
      exclude: [...REVALIDATED_PAGE_FILES],
    });
    // The check-in app's service worker and manifest keep fixed names, so a browser must ask again each
    // time (`no-cache`; CloudFront then keeps them only its 1-second minimum): a stale sw.js would pin an
    // old app. Their own deployment because S3 sets Cache-Control per object and CloudFront passes it on —
    // a response headers policy on a behaviour would do it too, but those are kept for the public reads'
    // CORS (test/infra/cors.test.ts). The other pages' files keep S3's default; /assets/ is fingerprinted.
    new BucketDeployment(this, 'RevalidatedPagesDeployment', {
      sources: [Source.asset(WEB_BUILD, { exclude: ['.built'] })],
      destinationBucket: this.publicCache.pages,
      exclude: ['*'],
      include: [...REVALIDATED_PAGE_FILES],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
    });
    // CDK's own deploy-time handler (a Python Lambda that copies the asset into the bucket): its role
    // and runtime are CDK's, and it runs only while a deploy runs, never on a citizen's request.
    const role = deployment.handlerRole;
    // cdk-nag names the bootstrap bucket with the region when the synth knows it (CDK_DEFAULT_REGION).
    const known = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    const wildcards = ['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Resource::*'];
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK’s bucket-deployment handler logs with the basic execution policy CDK attaches to it; it runs only during deploys.',
      },
      ...wildcards.map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: 'CDK’s bucket-deployment handler reads the pages asset and replaces every object of the pages bucket (sync with prune): CDK grants it these object-level actions.',
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:${known(this.partition, '<AWS::Partition>')}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${known(this.region, '<AWS::Region>')}/*]`,
        reason: 'The handler reads the pages asset from the CDK bootstrap assets bucket, whose object keys are content hashes.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.publicCache.pages.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: 'The handler writes and prunes the pages: every object of the pages bucket, and only of that bucket.',
      },
    );
    Validations.of(role.node.scope as Construct).acknowledge(
      { id: 'Serverless-LambdaDLQ', reason: 'A CloudFormation custom resource handler: a failure fails the deploy, which CloudFormation reports and rolls back; there is nothing to replay later.' },
      { id: 'Serverless-LambdaLatestVersion', reason: 'CDK’s bucket-deployment handler pins the Python runtime its bundled AWS CLI is built for; CDK upgrades it with aws-cdk-lib.' },
      { id: 'AwsSolutions-L1', reason: 'CDK’s bucket-deployment handler pins the Python runtime its bundled AWS CLI is built for; CDK upgrades it with aws-cdk-lib.' },
      { id: 'Serverless-LambdaTracing', reason: 'Runs only during deploys, where CloudFormation events trace it; there is no request path to follow.' },
    );
  }

  #makeTables(): void {
    const scope = new Construct(this, 'Tables');
    for (const spec of this.#manifest.tables) {
      const table = new Table(scope, constructId(spec.name), {
        ...tableDefaults,
        partitionKey: attribute(spec.partitionKey),
        ...(spec.sortKey && { sortKey: attribute(spec.sortKey) }),
        ...(spec.ttlAttribute && { timeToLiveAttribute: spec.ttlAttribute }),
        ...(spec.stream && { stream: StreamViewType[spec.stream] }),
      });
      for (const index of spec.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey && { sortKey: attribute(index.sortKey) }),
          projectionType: ProjectionType[index.projection ?? 'ALL'],
        });
      }
      this.tables.add(spec.name, table);
    }
  }

  /** Each manifest queue with its dead-letter queue, whose depth alarm names the runbook. */
  #makeQueues(): void {
    const scope = new Construct(this, 'Queues');
    for (const spec of this.#manifest.queues ?? []) {
      const queue = new WorkQueue(scope, constructId(spec.name), spec);
      this.#alarm(
        queue.deadLetters,
        'Depth',
        queue.deadLetters.metricApproximateNumberOfMessagesVisible({ period: alarmPeriod, statistic: 'Maximum' }),
        `Messages of the ${spec.name} queue failed ${spec.maxReceives} times and wait in its dead-letter queue.`,
        'queue-dead-letters',
      );
      // A queue that works is drained within minutes of a message's last retry; one older than every
      // retry could take means its consumer is stuck (throttled, or its event source disabled).
      const stuckAfter = spec.visibilityTimeoutSeconds * spec.maxReceives;
      this.#alarm(
        queue,
        'Backlog',
        queue.metricApproximateAgeOfOldestMessage({ period: alarmPeriod, statistic: 'Maximum' }),
        `A message of the ${spec.name} queue has waited over ${stuckAfter} s: its consumer is not keeping up.`,
        'queue-backlog',
        stuckAfter,
      );
      this.queues.add(spec.name, queue);
    }
  }

  #uploadBucket(who: string): UploadBucket {
    if (!this.uploads) throw new Error(`${who} uses uploads, which the manifest does not declare.`);
    return this.uploads;
  }

  /**
   * The upload bucket: presigned PUTs from the console, each new object announced on the manifest's
   * queue; `write` may put objects (the presigned URL is signed with the route's role), `read` get them.
   */
  #makeUploads(): void {
    const spec = this.#manifest.uploads;
    if (!spec) return;
    this.uploads = new UploadBucket(this, 'Uploads', {
      spec,
      queue: this.queues.get(spec.notifies, 'The uploads'),
      accessLogs: this.publicCache.logs,
      allowedOrigin: (this.node.tryGetContext('consoleUrl') as string | undefined)
        ? new URL(this.node.tryGetContext('consoleUrl') as string).origin
        : `https://${this.publicCache.distribution.distributionDomainName}`,
    });
    for (const fn of this.#manifest.functions) {
      const access = fn.uses.uploads ?? [];
      if (access.length === 0) continue;
      const handler = this.functions.get(fn.name, 'The uploads');
      handler.function.addToRolePolicy(
        new PolicyStatement({ actions: [...new Set(access.flatMap((a) => uploadActions[a]))], resources: [this.uploads.bucket.arnForObjects('*')] }),
      );
      Validations.of(handler.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.uploads.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: `Upload keys are made per import (households/<importId>.csv); the grant (${access.join(', ')}: ${access.flatMap((a) => uploadActions[a]).join(', ')}) covers the objects of the one upload bucket.`,
      });
    }
  }

  #makeTopics(stage: string): void {
    const scope = new Construct(this, 'Topics');
    const key = new Key(scope, 'Key', {
      ...keyDefaults,
      description: `${this.#manifest.service} (${stage}): encrypts the SNS topics.`,
    });
    // CloudWatch alarms publish to the operations topic as the service, not as a role we could grant.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    for (const spec of this.#manifest.topics) {
      this.topics.add(spec.name, new Topic(scope, constructId(spec.name), { ...topicDefaults(key), displayName: spec.description }));
    }
  }

  /** Alarms of this account's CloudWatch, and nothing else, may publish to the operations topic. */
  #operationsTopic(): Topic {
    const topic = this.topics.get(operationsTopicName, 'The CloudWatch alarms');
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    return topic;
  }

  #makeSecrets(stage: string): void {
    const scope = new Construct(this, 'Secrets');
    for (const spec of this.#manifest.secrets) {
      const secret = new Secret(scope, constructId(spec.name), {
        ...secretDefaults,
        secretName: `${this.#manifest.service}/${stage}/${spec.name}`,
        description: spec.description,
        ...(operatorFilledSecrets.has(spec.name)
          ? { secretStringValue: SecretValue.unsafePlainText('{}') }
          : { generateSecretString: generatedSecret }),
      });
      const unrotated = rotationExemptions[spec.name];
      if (unrotated) Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: unrotated });
      this.secrets.add(spec.name, secret);
    }
  }

  #places: CfnPlaceIndex | undefined;

  /** Made only when a function geocodes: store imports place rows that come without coordinates. */
  #placeIndex(): CfnPlaceIndex {
    this.#places ??= new CfnPlaceIndex(this, 'Places', {
      indexName: `${this.#manifest.service}-${this.#stage}-places`,
      // HERE covers Korean street and lot-number addresses; results are only used, never stored as the index's.
      dataSource: 'Here',
      dataSourceConfiguration: { intendedUse: 'SingleUse' },
      description: 'Geocodes store addresses that arrive without coordinates.',
    });
    return this.#places;
  }

  #personalData: Key | undefined;

  /** Made only when a function uses personal data: it wraps the data key of each quarantined person's record. */
  get personalDataKey(): Key | undefined {
    return this.#personalData;
  }

  #personalDataKey(): Key {
    this.#personalData ??= new Key(this, 'PersonalDataKey', {
      ...keyDefaults,
      description: `${this.#manifest.service} (${this.#stage}): wraps the data keys of quarantined people's names and phones.`,
    });
    return this.#personalData;
  }

  #makeFunctions(projectRoot: string): void {
    const scope = new Construct(this, 'Functions');
    for (const spec of this.#manifest.functions) {
      const who = `The function '${spec.name}'`;
      const { uses } = spec;
      if (hasOfficialRoute(spec) && !['read', 'read-write'].includes(uses.tables?.officials ?? '')) {
        // Every official request reads the caller's directory entry; the manifest's withOfficialsDirectory adds the grant.
        throw new Error(`${who} has an official route but does not read the 'officials' table; build its manifest with withOfficialsDirectory.`);
      }
      const environment: Record<string, string> = {
        ...commonEnvironment(this.#manifest.service),
        [RUNTIME_ENV]: 'aws' satisfies Runtime,
      };
      for (const name of Object.keys(uses.tables ?? {})) environment[tableEnv(name)] = this.tables.get(name, who).tableName;
      for (const name of uses.topics ?? []) environment[topicEnv(name)] = this.topics.get(name, who).topicArn;
      for (const name of uses.subscribes ?? []) {
        environment[topicEnv(name)] = this.topics.get(name, who).topicArn;
        environment[subscriptionDeadLetterEnv(name)] = this.#subscriptionsDeadLetterQueue(name).queueArn;
      }
      for (const name of uses.secrets ?? []) environment[secretEnv(name)] = this.secrets.get(name, who).secretArn;
      if (uses.events) environment[eventBusEnv] = this.bus.eventBusName;
      if (uses.geocoder) environment[PLACE_INDEX_ENV] = this.#placeIndex().indexName;
      if (uses.personalData) environment[PERSONAL_DATA_KEY_ENV] = this.#personalDataKey().keyArn;
      if (uses.userPool?.length) environment[USER_POOL_ENV] = this.officials.userPool.userPoolId;
      // The relief program is a deployment's choice: `-c reliefProgram=demo`, `-c reliefAsOf=<instant>` to replay 2020.
      if (Object.keys(uses.tables ?? {}).some((name) => name.startsWith('relief-'))) {
        environment[RELIEF_PROGRAM_ENV] = (this.node.tryGetContext('reliefProgram') as string | undefined) ?? 'relief-2020';
        const asOf = this.node.tryGetContext('reliefAsOf') as string | undefined;
        if (asOf) environment[RELIEF_AS_OF_ENV] = asOf;
      }
      for (const name of uses.queues ?? []) environment[queueEnv(name)] = this.queues.get(name, who).queueUrl;
      if (uses.uploads?.length) environment[UPLOADS_ENV] = Lazy.string({ produce: () => this.#uploadBucket(who).bucket.bucketName });

      const handler = new HandlerFunction(scope, constructId(spec.name), {
        entry: spec.entry,
        projectRoot,
        description: spec.description,
        environment,
        ...(spec.timeoutSeconds !== undefined && { timeoutSeconds: spec.timeoutSeconds }),
        ...(spec.memoryMb !== undefined && { memoryMb: spec.memoryMb }),
      });
      this.functions.add(spec.name, handler);
      const fn = handler.function;

      // Least privilege: exactly what `uses` declares, nothing for convenience.
      for (const [name, access] of Object.entries(uses.tables ?? {})) {
        const table = this.tables.get(name, who);
        grantTable[access](table, fn);
        if (this.#manifest.tables.some((t) => t.name === name && (t.indexes ?? []).length > 0)) {
          Validations.of(handler.role).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
            reason: `The '${access}' grant on table '${name}' (declared in the manifest's uses) covers its GSIs, whose names are only known as index/*; the wildcard stays inside that one table.`,
          });
        }
      }
      for (const name of uses.topics ?? []) this.topics.get(name, who).grantPublish(fn);
      if (uses.topics?.length) {
        Validations.of(handler.role).acknowledge({
          id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
          reason: `Publishing to the encrypted topics it declares (${uses.topics.join(', ')}) needs data keys from the topics' KMS key; the grant names that one key, and GenerateDataKey* is how CDK's grantPublish spells the data-key actions.`,
        });
      }
      for (const name of uses.subscribes ?? []) {
        fn.addToRolePolicy(new PolicyStatement({ actions: subscribeActions, resources: [this.topics.get(name, who).topicArn] }));
      }
      for (const name of uses.secrets ?? []) this.secrets.get(name, who).grantRead(fn);
      for (const name of uses.writesSecrets ?? []) {
        if (!uses.secrets?.includes(name)) throw new Error(`${who} writes the secret '${name}' but does not read it; declare it in uses.secrets too.`);
        // Not grantWrite: that adds UpdateSecret and UpdateSecretVersionStage, which no function needs.
        fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [this.secrets.get(name, who).secretArn] }));
      }
      if (uses.events) this.bus.grantPutEventsTo(fn);
      if (uses.geocoder) fn.addToRolePolicy(new PolicyStatement({ actions: ['geo:SearchPlaceIndexForText'], resources: [this.#placeIndex().attrArn] }));
      if (uses.personalData) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: personalDataActions[uses.personalData],
            resources: [this.#personalDataKey().keyArn],
            // The key serves people's records and nothing else, even for a role that may use it.
            conditions: { StringEquals: { 'kms:EncryptionContext:purpose': PERSONAL_DATA_PURPOSE } },
          }),
        );
      }
      if (uses.userPool?.length) {
        const actions = [...new Set(uses.userPool.flatMap((access) => userPoolActions[access]))];
        fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.officials.userPool.userPoolArn] }));
      }

      for (const name of uses.queues ?? []) this.queues.get(name, who).grantSendMessages(fn);

      if (isInvokedAsynchronously(spec)) {
        fn.configureAsyncInvoke({
          ...asyncInvokeDefaults,
          onFailure: new SqsDestination(this.#failureQueueOf(spec)),
        });
      }
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: isInvokedAsynchronously(spec)
          ? 'Asynchronous failures go to the OnFailure destination of the function’s EventInvokeConfig (its failure queue), which supersedes the legacy dead-letter config and keeps the error context.'
          : 'Invoked only synchronously (API Gateway route or authorizer) or by an event source mapping with its own OnFailure destination; a function dead-letter queue only receives failed asynchronous invocations, and there are none.',
      });

      // One alarm a function for both ways it fails a caller (CloudFormation holds 500 resources a stack,
      // and two alarms each for 50 functions were a fifth of them); the notification names which by the values.
      const failures = new MathExpression({
        expression: 'FILL(errors, 0) + FILL(throttles, 0)',
        usingMetrics: { errors: fn.metricErrors({ period: alarmPeriod }), throttles: fn.metricThrottles({ period: alarmPeriod }) },
        period: alarmPeriod,
        label: `${spec.name} errors + throttles`,
      });
      this.#alarm(handler, 'Failures', failures, `${spec.name} threw, timed out or was throttled.`, 'function-errors');
    }
  }

  #wireTriggers(spec: FunctionSpec): void {
    const who = `The function '${spec.name}'`;
    const handler = this.functions.get(spec.name, 'The manifest');
    const fn = handler.function;
    let integration: HttpLambdaIntegration | undefined;

    spec.triggers.forEach((trigger, index) => {
      switch (trigger.kind) {
        case 'http': {
          integration ??= new HttpLambdaIntegration(`${constructId(spec.name)}Integration`, fn, {
            payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
          });
          const routes = this.gateway.api.addRoutes({
            path: trigger.path,
            methods: [HttpMethod[trigger.method]],
            integration,
            authorizer: this.#authorizerFor(trigger),
          });
          // A public read also answers its CORS preflight (infra/manifest/cors.ts); public, like the read.
          if (allowsAnyOrigin(trigger)) routes.push(...this.gateway.addPreflightRoute(trigger.path, integration));
          for (const route of routes) this.#acknowledgeOpenRoute(route, trigger);
          break;
        }
        case 'schedule':
          new Rule(handler, `Schedule${index}`, {
            description: `${spec.name}: ${trigger.expression}`,
            schedule: Schedule.expression(trigger.expression),
            targets: [new LambdaFunction(fn, { ...ruleTargetDefaults, deadLetterQueue: this.#failureQueueOf(spec) })],
          });
          break;
        case 'stream': {
          const table = this.tables.get(trigger.table, who);
          if (table.tableStreamArn === undefined) {
            throw new Error(`${who} reads the stream of table '${trigger.table}', which declares no stream.`);
          }
          fn.addEventSource(
            new DynamoEventSource(table, {
              ...streamSourceDefaults,
              batchSize: trigger.batchSize ?? defaultStreamBatchSize,
              onFailure: new SqsDlq(this.#failureQueueOf(spec)),
            }),
          );
          break;
        }
        case 'queue':
          Validations.of(fn).acknowledge({
            id: 'Serverless-LambdaEventSourceMappingDestination',
            reason: `Messages that fail are reported as batch item failures and return to ${trigger.queue} after its visibility timeout; after maxReceives SQS moves them to the queue's own dead-letter queue (redrive policy), whose depth alarm notifies operations. An OnFailure destination is for stream sources.`,
          });
          fn.addEventSource(
            new SqsEventSource(this.queues.get(trigger.queue, who), {
              batchSize: trigger.batchSize ?? 10,
              // Lambda's floor for maximum concurrency is 2.
              ...(trigger.maxConcurrency !== undefined && { maxConcurrency: Math.max(2, trigger.maxConcurrency) }),
              reportBatchItemFailures: true,
            }),
          );
          break;
        case 'event': {
          const { source, detail } = trigger.pattern;
          const detailType = trigger.pattern['detail-type'];
          new Rule(handler, `Event${index}`, {
            description: `${spec.name}: events from ${source.join(', ')}`,
            eventBus: this.bus,
            eventPattern: {
              source: [...source],
              ...(detailType && { detailType: [...detailType] }),
              ...(detail && { detail }),
            },
            targets: [new LambdaFunction(fn, { ...ruleTargetDefaults, deadLetterQueue: this.#failureQueueOf(spec) })],
          });
          break;
        }
      }
    });
  }

  #authorizerFor(trigger: HttpTrigger): IHttpRouteAuthorizer {
    const known = this.#authorizers.get(trigger.auth);
    if (known) return known;

    let authorizer: IHttpRouteAuthorizer;
    switch (trigger.auth) {
      // Public routes need none; partner signatures cover the raw body, which only the handler sees, so it verifies them.
      case 'public':
      case 'partner-signature':
        authorizer = new HttpNoneAuthorizer();
        break;
      case 'official':
        authorizer = new HttpUserPoolAuthorizer('official', this.officials.userPool, {
          userPoolClients: [this.officials.consoleClient],
          identitySource,
        });
        break;
      case 'store-key':
      case 'device-token': {
        const spec = this.#manifest.authorizers.find((candidate) => candidate.auth === trigger.auth);
        if (!spec) {
          throw new Error(`The route ${trigger.method} ${trigger.path} needs the '${trigger.auth}' authorizer, which the manifest does not declare.`);
        }
        const handler = this.functions.get(spec.function, `The '${trigger.auth}' authorizer`);
        authorizer = new HttpLambdaAuthorizer(trigger.auth, handler.function, {
          authorizerName: trigger.auth,
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          identitySource: [],
          resultsCacheTtl: authorizerCacheTtl,
        });
        break;
      }
    }
    this.#authorizers.set(trigger.auth, authorizer);
    return authorizer;
  }

  #acknowledgeOpenRoute(route: Construct, trigger: HttpTrigger): void {
    const reasons: Partial<Record<AuthKind, string>> = {
      public:
        'Declared public in the manifest (auth: public): callable without an account by design (citizens’ reads, liveness, the API document); the stage throttles it.',
      'partner-signature':
        'Authenticated in the handler (manifest auth: partner-signature): the HMAC signature covers the raw body, which API Gateway authorizers never see; timestamp window and replay guard are checked there too.',
    };
    const reason = reasons[trigger.auth];
    if (reason) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason });
  }

  readonly #subscriptionQueues = new Map<string, DeadLetterQueue>();

  /**
   * Where SNS puts what it could not deliver to any of a topic's e-mail and SMS subscriptions: one queue per
   * topic, made here, because a queue per subscription would be made at runtime, and a function allowed to
   * create queues and set their policies could do so for any queue. SNS may send to it only on behalf of
   * that topic; each message names its subscription ARN.
   */
  #subscriptionsDeadLetterQueue(topicName: string): DeadLetterQueue {
    const known = this.#subscriptionQueues.get(topicName);
    if (known) return known;
    const topic = this.topics.get(topicName, 'The subscriptions dead-letter queue');
    const queue = this.#failureQueue(`${constructId(topicName)}Subscriptions`, `the ${topicName} topic's e-mail and SMS subscriptions`, 'topic-subscriptions');
    queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'TopicDeadLetters',
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
    this.#subscriptionQueues.set(topicName, queue);
    return queue;
  }

  /** Failed events of one function: schedule and event deliveries, async invocations, stream batches. */
  #failureQueueOf(spec: FunctionSpec): DeadLetterQueue {
    return this.#failureQueue(constructId(spec.name), `the ${spec.name} function`);
  }

  #failureQueue(id: string, purpose: string, runbook: Runbook = 'failure-queue'): DeadLetterQueue {
    const known = this.#failureQueues.get(id);
    if (known) return known;
    this.#failures ??= new Construct(this, 'Failures');
    const queue = new DeadLetterQueue(this.#failures, id, purpose);
    this.#alarm(
      queue,
      'Depth',
      queue.metricApproximateNumberOfMessagesVisible({ period: alarmPeriod, statistic: 'Maximum' }),
      `Events failed for ${purpose} and wait in its dead-letter queue.`,
      runbook,
    );
    this.#failureQueues.set(id, queue);
    return queue;
  }

  /**
   * AWS services (Amazon Location geofence events among them) publish only to the default bus; event
   * triggers live on the stack's bus, so those sources are forwarded to it.
   */
  #forwardServiceEvents(): void {
    const sources = new Set(
      this.#manifest.functions
        .flatMap((spec) => spec.triggers)
        .flatMap((trigger) => (trigger.kind === 'event' ? trigger.pattern.source : []))
        .filter((source) => source.startsWith('aws.')),
    );
    if (sources.size === 0) return;
    new Rule(this, 'ForwardServiceEvents', {
      description: 'AWS service events that event triggers match, from the default bus.',
      eventPattern: { source: [...sources] },
      targets: [
        new EventBusTarget(this.bus, {
          deadLetterQueue: this.#failureQueue('ForwardServiceEvents', 'events forwarded from the default bus', 'forwarded-events'),
        }),
      ],
    });
  }

  /** Every alarm names its runbook, so the e-mail an operator gets at night says what to do. */
  #alarm(scope: Construct, id: string, metric: IMetric, description: string, runbook: Runbook, threshold: number = alarmDefaults.threshold): void {
    const alarm = new Alarm(scope, `${id}Alarm`, { ...alarmDefaults, threshold, metric, alarmDescription: `${description} Runbook: ${runbookUrl(runbook)}` });
    alarm.addAlarmAction(this.#alarmAction);
    alarm.addOkAction(this.#alarmAction);
  }
}
