/**
 * How a function learns the physical names of what it uses. Both runtimes set these variables from
 * the manifest (CDK from the constructs it made, the local runtime from its own names) and
 * `shared/config.ts` reads them; the names are made in this one place.
 */

const envName = (name: string): string => name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

export const tableEnv = (table: string): string => `TABLE_${envName(table)}`;
export const topicEnv = (topic: string): string => `TOPIC_ARN_${envName(topic)}`;
export const secretEnv = (secret: string): string => `SECRET_ID_${envName(secret)}`;
/** Set for functions whose manifest entry subscribes officials to a topic (`uses.subscribes`). */
export const subscriptionDeadLetterEnv = (topic: string): string => `SUBSCRIPTION_DLQ_ARN_${envName(topic)}`;

/** Set for functions whose manifest entry sends to a queue (`uses.queues`): the queue's URL. */
export const queueEnv = (queue: string): string => `QUEUE_URL_${envName(queue)}`;
/** Set for functions whose manifest entry has `uses.uploads`: the upload bucket (locally, the uploads directory). */
export const UPLOADS_ENV = 'UPLOADS_BUCKET';

/** Which adapters a function uses: the AWS services, or the local runtime's in-process stand-ins. */
export type Runtime = 'aws' | 'local';
export const RUNTIME_ENV = 'CRISIS_RUNTIME';

/** Set for functions whose manifest entry has `uses.events`. */
export const EVENT_BUS_ENV = 'EVENT_BUS_NAME';

/** Set for functions whose manifest entry has `uses.geocoder`. */
export const PLACE_INDEX_ENV = 'PLACE_INDEX_NAME';

/** Which rationing rules sales follow; only the local runtime sets it (`demo` for `npm start`). */
export const RATIONING_POLICY_ENV = 'MASK_RATIONING_POLICY';

/** Set for functions whose manifest entry has `uses.personalData`: the ARN of the personal-data KMS key. */
export const PERSONAL_DATA_KEY_ENV = 'PERSONAL_DATA_KEY_ARN';
/** Set for functions whose manifest entry has `uses.userPool`: the officials' Cognito user pool. */
export const USER_POOL_ENV = 'USER_POOL_ID';

/** Which relief program runs: `relief-2020` (AWS's default, `-c reliefProgram=…`) or `demo` (`npm start`'s default). */
export const RELIEF_PROGRAM_ENV = 'RELIEF_PROGRAM';
/** An instant the relief clock starts at (replays of the 2020 program); unset, the clock is now. */
export const RELIEF_AS_OF_ENV = 'RELIEF_AS_OF';
