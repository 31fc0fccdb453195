/**
 * The shape of the one list of what the system is. The CDK stack and the local runtime both walk a
 * value of this type; nothing about tables, routes, schedules, streams or topics is said anywhere else.
 */

export type AttributeType = 'S' | 'N';

export interface KeySpec {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: KeySpec;
  readonly sortKey?: KeySpec;
  /** `ALL` unless the index is only used to find keys. */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

export interface TableSpec {
  /** Logical name: the key functions use to declare access, and the local table name. */
  readonly name: string;
  readonly partitionKey: KeySpec;
  readonly sortKey?: KeySpec;
  readonly indexes?: readonly IndexSpec[];
  /** Epoch-seconds attribute. DynamoDB Local never expires items: nothing that must go may rely on it. */
  readonly ttlAttribute?: string;
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' | 'OLD_IMAGE';
}

export interface TopicSpec {
  readonly name: string;
  readonly description: string;
  /** Message attributes subscribers filter on (e.g. region, officer). */
  readonly filterAttributes: readonly string[];
}

/** Who may call a route, and how the caller proves it. */
export type AuthKind = 'public' | 'store-key' | 'device-token' | 'partner-signature' | 'official';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpTrigger {
  readonly kind: 'http';
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/stores/{code}/stock`. */
  readonly path: string;
  readonly auth: AuthKind;
  /** Key of the route's contract in the contract registry (request/response schemas, OpenAPI). */
  readonly operationId: string;
}

export interface ScheduleTrigger {
  readonly kind: 'schedule';
  /** EventBridge expression: `rate(5 minutes)` or `cron(0 9 * * ? *)` (UTC). */
  readonly expression: string;
}

export interface StreamTrigger {
  readonly kind: 'stream';
  readonly table: string;
  readonly batchSize?: number;
}

export interface EventTrigger {
  readonly kind: 'event';
  /** EventBridge pattern; the local bus matches the same subset: source, detail-type, detail fields. */
  readonly pattern: {
    readonly source: readonly string[];
    readonly 'detail-type'?: readonly string[];
    readonly detail?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
  };
}

/**
 * An SQS queue of the manifest (`queues`): work that outgrows one request. The consumer reports each
 * message it could not handle (partial batch failures); those come back after the visibility timeout.
 */
export interface QueueTrigger {
  readonly kind: 'queue';
  readonly queue: string;
  readonly batchSize?: number;
  /** How many batches run at once (the event source's maximum concurrency; at least 2 on AWS). */
  readonly maxConcurrency?: number;
}

export type Trigger = HttpTrigger | ScheduleTrigger | StreamTrigger | EventTrigger | QueueTrigger;

export interface QueueSpec {
  readonly name: string;
  readonly description: string;
  /** How long a received message stays hidden before it is delivered again; longer than the consumer's timeout. */
  readonly visibilityTimeoutSeconds: number;
  /** Deliveries of one message before it moves to the queue's dead-letter queue. */
  readonly maxReceives: number;
}

/**
 * Where large files are uploaded (an S3 bucket on AWS, `<DATA_DIR>/uploads/` locally): a route hands out
 * a presigned PUT URL, and each new object is announced on `notifies` as an S3 event.
 */
export interface UploadsSpec {
  readonly description: string;
  readonly notifies: string;
  /** Uploads are working files: the import keeps what it read, so they go after this many days. */
  readonly expireAfterDays: number;
}

/** `write` hands out upload URLs; `read` reads what was uploaded. */
export type UploadAccess = 'write' | 'read';

export type TableAccess = 'read' | 'write' | 'read-write';

/**
 * What a function may do to officials' accounts in the user pool (Cognito's admin API on AWS; locally
 * the directory table is the only record): `create` makes an account and puts it in its role's group,
 * `enable-disable` turns sign-in off (signing the account out everywhere) and on again.
 */
export type UserPoolAccess = 'create' | 'enable-disable';

/** What a function touches; IAM grants on AWS are derived from this and nothing else. */
export interface Uses {
  readonly tables?: Readonly<Record<string, TableAccess>>;
  readonly topics?: readonly string[];
  /**
   * Subscribes officials' endpoints to these topics and removes them (SNS Subscribe, Unsubscribe and
   * GetSubscriptionAttributes on each topic), pointing each subscription at the topic's subscriptions DLQ.
   */
  readonly subscribes?: readonly string[];
  /** Secret names from `secrets` below. */
  readonly secrets?: readonly string[];
  /**
   * Secrets it also replaces (Secrets Manager PutSecretValue on each, nothing else): each must be in
   * `secrets` too, since a write of a JSON secret is a read-modify-write.
   */
  readonly writesSecrets?: readonly string[];
  /** Publishes to the event bus (EventBridge on AWS). */
  readonly events?: boolean;
  /** Geocodes addresses (an Amazon Location place index on AWS). */
  readonly geocoder?: boolean;
  /**
   * Encrypts and/or decrypts people's names and phones (the personal-data KMS key on AWS:
   * `kms:GenerateDataKey` to encrypt, `kms:Decrypt` to decrypt, for that purpose only).
   */
  readonly personalData?: PersonalDataAccess;
  /** Manages officials' accounts (the Cognito user pool on AWS). */
  readonly userPool?: readonly UserPoolAccess[];
  /** Sends messages to these queues of the manifest (SQS SendMessage). */
  readonly queues?: readonly string[];
  /** The upload storage (`uploads` of the manifest). */
  readonly uploads?: readonly UploadAccess[];
}

export type PersonalDataAccess = 'encrypt' | 'decrypt' | 'both';

export interface FunctionSpec {
  /** Unique, kebab-case; also the CLI name for `npm run invoke`. */
  readonly name: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly triggers: readonly Trigger[];
  readonly uses: Uses;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

/**
 * Bearer-token authorizers: the API Gateway Lambda authorizer on AWS, called in-process by the local
 * gateway. The handler resolves the token to a principal the route's handler receives.
 */
export interface AuthorizerSpec {
  readonly auth: Extract<AuthKind, 'store-key' | 'device-token'>;
  readonly function: string;
}

export interface SecretSpec {
  readonly name: string;
  readonly description: string;
}

export interface Manifest {
  readonly service: string;
  readonly tables: readonly TableSpec[];
  readonly topics: readonly TopicSpec[];
  readonly secrets: readonly SecretSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly authorizers: readonly AuthorizerSpec[];
  readonly queues?: readonly QueueSpec[];
  readonly uploads?: UploadsSpec;
}
