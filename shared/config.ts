import { z } from 'zod';
import { EVENT_BUS_ENV, PERSONAL_DATA_KEY_ENV, PLACE_INDEX_ENV, RATIONING_POLICY_ENV, RELIEF_AS_OF_ENV, RELIEF_PROGRAM_ENV, RUNTIME_ENV, USER_POOL_ENV, secretEnv, subscriptionDeadLetterEnv, tableEnv, topicEnv, UPLOADS_ENV, queueEnv } from '../infra/manifest/environment.ts';

/**
 * The one typed configuration of a function, read from the environment at init. Handlers never read
 * `process.env`; a missing value fails at the first use with the variable's name in the message.
 */
const environment = z.object({
  [RUNTIME_ENV]: z.enum(['aws', 'local']).default('aws'),
  /** DynamoDB Local's address; unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('ap-northeast-2'),
  /** Local runtime: the JSON file that holds the secrets Secrets Manager holds on AWS. */
  SECRETS_FILE: z.string().optional(),
  /** Local runtime: the JSON-lines file where the notifier writes what SNS would deliver. */
  NOTIFICATIONS_FILE: z.string().optional(),
  /** Local runtime: what SNS keeps about the topics' subscriptions (filter policies, confirmation). */
  SNS_SUBSCRIPTIONS_FILE: z.string().optional(),
  /** Local runtime: outages to inject into the local adapters (`{"sns": {"failUntil": …}}`). */
  FAULTS_FILE: z.string().optional(),
  /** The local runtime and tests switch EMF output off; it is for CloudWatch. */
  POWERTOOLS_METRICS_DISABLED: z.stringbool().default(false),
  /** Judge mask sales as if on this date (YYYY-MM-DD, Korean time): demos and tests of the 2020 rules. */
  MASK_RATIONING_AS_OF: z.iso.date().optional(),
  /** Which rationing rules sales follow: `2020` (the dated timeline) or `demo` (set by `npm start`). */
  [RATIONING_POLICY_ENV]: z.enum(['2020', 'demo']).default('2020'),
  /** Which relief program runs: `relief-2020` (config/relief-2020.json) or `demo` (its rules, open today). */
  [RELIEF_PROGRAM_ENV]: z.enum(['relief-2020', 'demo']).default('relief-2020'),
  /** Start the relief clock at this instant (replays of 2020, tests); it runs on from there. */
  [RELIEF_AS_OF_ENV]: z.iso.datetime({ offset: true }).optional(),
});

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

const parsed = environment.safeParse(process.env);
if (!parsed.success) {
  throw new ConfigurationError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
}
const env = parsed.data;

const required = (variable: string, what: string): string => {
  const value = process.env[variable];
  if (!value) throw new ConfigurationError(`Missing configuration ${variable} (${what})`);
  return value;
};

export const config = {
  runtime: env[RUNTIME_ENV],
  region: env.AWS_REGION,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
  secretsFile: env.SECRETS_FILE,
  notificationsFile: env.NOTIFICATIONS_FILE,
  snsSubscriptionsFile: env.SNS_SUBSCRIPTIONS_FILE,
  faultsFile: env.FAULTS_FILE,
  metricsEnabled: !env.POWERTOOLS_METRICS_DISABLED,
  rationingAsOf: env.MASK_RATIONING_AS_OF,
  rationingPolicy: env[RATIONING_POLICY_ENV],
  reliefProgram: env[RELIEF_PROGRAM_ENV],
  reliefAsOf: env[RELIEF_AS_OF_ENV],
  tableName: (table: string): string => required(tableEnv(table), `name of table '${table}'`),
  topicArn: (topic: string): string => required(topicEnv(topic), `ARN of topic '${topic}'`),
  subscriptionDeadLetterArn: (topic: string): string => required(subscriptionDeadLetterEnv(topic), `ARN of the dead-letter queue of topic '${topic}' subscriptions`),
  secretId: (secret: string): string => required(secretEnv(secret), `id of secret '${secret}'`),
  eventBusName: (): string => required(EVENT_BUS_ENV, 'name of the event bus'),
  placeIndexName: (): string => required(PLACE_INDEX_ENV, 'name of the Amazon Location place index'),
  personalDataKeyArn: (): string => required(PERSONAL_DATA_KEY_ENV, 'ARN of the KMS key that wraps personal data'),
  userPoolId: (): string => required(USER_POOL_ENV, 'id of the officials’ Cognito user pool'),
  queueUrl: (queue: string): string => required(queueEnv(queue), `URL of queue '${queue}'`),
  /** The upload bucket on AWS; locally the directory that holds uploads. */
  uploads: (): string => required(UPLOADS_ENV, 'the upload bucket'),
  /** Local runtime: where the local gateway takes uploads, and the key its upload URLs are signed with. */
  localUploads: (): { baseUrl: string; key: string } => ({
    baseUrl: required('LOCAL_UPLOADS_URL', 'address of the local gateway’s uploads'),
    key: required('LOCAL_UPLOADS_KEY', 'key of the local upload URLs'),
  }),
} as const;
