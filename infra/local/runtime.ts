import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { manifest as defaultManifest } from '../manifest/index.ts';
import { EVENT_BUS_ENV, RATIONING_POLICY_ENV, RELIEF_PROGRAM_ENV, RUNTIME_ENV, secretEnv, tableEnv, topicEnv, UPLOADS_ENV, queueEnv } from '../manifest/environment.ts';
import type { Manifest } from '../manifest/types.ts';
import { LOCAL_WRITES } from '../../shared/data/local-write-signal.ts';
import { LOCAL_BUS } from '../../shared/ports/event-publisher.ts';
import { LOCAL_QUEUES } from '../../shared/ports/work-queue.ts';
import { LocalQueues } from './queue.ts';
import { s3Event } from './upload-storage.ts';
import { FileNotifier } from '../../shared/adapters/file-notifier.ts';
import type { RationingPolicyName } from '../../shared/masks/rationing.ts';
import type { ReliefProgramName } from '../../shared/relief/active-program.ts';
import { emptyDemoCredentials, type DemoCredentials } from './demo-credentials.ts';
import { LocalStartError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { LocalEventBus } from './event-bus.ts';
import { FunctionLoader } from './function-loader.ts';
import { startGateway } from './gateway.ts';
import type { ManagedLogin } from '../pages/console-sign-in.ts';
import { ensureLocalSecrets } from './local-secrets.ts';
import { OfficialIssuer } from './official-issuer.ts';
import { claimDataDir, recordDynamoDbLocal } from './running-system.ts';
import { Scheduler } from './scheduler.ts';
import { StreamPoller, type StreamSubscription } from './stream-poller.ts';
import { ensureTables } from './tables.ts';
import { WEB_BUILD } from './web-build.ts';

export interface LocalOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  readonly dataDir?: string;
  /** DynamoDB Local keeps nothing on disk; the data directory still holds secrets and credentials. */
  readonly inMemory?: boolean;
  /** Use a DynamoDB Local that is already running (tests share one per run). */
  readonly dynamoEndpoint?: string;
  /** Prefix of every table name, so several runtimes can share one DynamoDB Local. */
  readonly tablePrefix?: string;
  readonly seed?: boolean;
  /** How many demo stores to seed (23,000 by default, as in 2020). */
  readonly demoStores?: number;
  /** How many demo households the relief registry holds (300 by default); the demo history applies for most. */
  readonly demoHouseholds?: number;
  /** Run schedules on their timers (tests call `scheduler.run` instead). */
  readonly timers?: boolean;
  /** Poll table streams and call stream handlers (a one-off `npm run invoke` does not). */
  readonly streams?: boolean;
  readonly manifest?: Manifest;
  readonly onError?: (error: unknown, functionName?: string) => void;
  /** Which rationing rules sales follow: `npm start` runs the demo policy, tests and AWS the 2020 timeline. */
  readonly rationingPolicy?: RationingPolicyName;
  /** Which relief program the handlers run: `npm start` the demo open today, tests and AWS 2020's (replayed with RELIEF_AS_OF). */
  readonly reliefProgram?: ReliefProgramName;
  /** Progress lines for a person waiting at the terminal (the first start seeds for a few seconds). */
  readonly log?: (line: string) => void;
  /** The console signs in through this managed login, as on AWS (tests of the PKCE flow). */
  readonly managedLogin?: ManagedLogin;
}

export interface LocalRuntime {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly tableNames: ReadonlyMap<string, string>;
  readonly credentials: DemoCredentials;
  readonly functions: FunctionLoader;
  readonly scheduler: Scheduler;
  readonly streams: StreamPoller;
  readonly bus: LocalEventBus;
  readonly issuer: OfficialIssuer;
  readonly queues: LocalQueues;
  stop(): Promise<void>;
}

const assertPortFree = async (port: number): Promise<void> => {
  if (port === 0) return;
  const { createServer } = await import('node:net');
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new LocalStartError(`Port ${port} is in use. Stop what uses it, or start with PORT=<another port>.`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => ok()));
  });
};

/** The local SNS's files: what it would deliver, its subscriptions, and the outages to inject. */
export const localSnsFiles = (dataDir: string) => ({
  notifications: resolve(dataDir, 'notifications.jsonl'),
  subscriptions: resolve(dataDir, 'sns-subscriptions.json'),
  faults: resolve(dataDir, 'faults.json'),
});

/** The same environment a Lambda gets from the CDK stack, with local names and file-backed adapters. */
const setFunctionEnvironment = (manifest: Manifest, prefix: string, endpoint: string, dataDir: string, rationingPolicy: RationingPolicyName, reliefProgram: ReliefProgramName): void => {
  const env: Record<string, string> = {
    [RUNTIME_ENV]: 'local',
    [RATIONING_POLICY_ENV]: rationingPolicy,
    [RELIEF_PROGRAM_ENV]: reliefProgram,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'ap-northeast-2',
    SECRETS_FILE: resolve(dataDir, 'secrets.json'),
    NOTIFICATIONS_FILE: localSnsFiles(dataDir).notifications,
    SNS_SUBSCRIPTIONS_FILE: localSnsFiles(dataDir).subscriptions,
    FAULTS_FILE: localSnsFiles(dataDir).faults,
    [EVENT_BUS_ENV]: 'local',
    POWERTOOLS_SERVICE_NAME: 'crisis-response',
    POWERTOOLS_TRACE_ENABLED: 'false',
    // With tracing off, the X-Ray SDK's automatic mode still puts an async hook (cls-hooked, with destroy
    // tracking) on every promise and socket of the process, for a context nothing reads: a third of the
    // gateway's CPU for a cached nearby lookup (437 → 287 µs). Manual mode loads no hook. On AWS tracing
    // is on and the SDK keeps its automatic mode.
    AWS_XRAY_MANUAL_MODE: 'true',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  };
  for (const table of manifest.tables) env[tableEnv(table.name)] = prefix + table.name;
  for (const topic of manifest.topics) env[topicEnv(topic.name)] = `arn:aws:sns:local:000000000000:${topic.name}`;
  for (const secret of manifest.secrets) env[secretEnv(secret.name)] = secret.name;
  for (const queue of manifest.queues ?? []) env[queueEnv(queue.name)] = `local:${queue.name}`;
  if (manifest.uploads) env[UPLOADS_ENV] = resolve(dataDir, 'uploads');
  Object.assign(process.env, env);
};

/** Starts the whole system on this machine; one runtime per process, as handlers read env at import. */
export const startLocal = async (options: LocalOptions = {}): Promise<LocalRuntime> => {
  const manifest = options.manifest ?? defaultManifest;
  const onError = options.onError ?? ((error: unknown, fn?: string) => console.error(`[${fn ?? 'local'}]`, error));
  const dataDir = resolve(options.dataDir ?? '.data');
  const prefix = options.tablePrefix ?? '';
  const log = options.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  // Before anything else touches the directory: a second start on it would run a second DynamoDB Local
  // on the same files.
  const cleanup: (() => Promise<void> | void)[] = [await claimDataDir(dataDir)];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };

  try {
    await assertPortFree(options.port ?? 3000);
    const secrets = await ensureLocalSecrets(resolve(dataDir, 'secrets.json'));
    const dynamodb: DynamoDbLocal = options.dynamoEndpoint
      ? { endpoint: options.dynamoEndpoint, stop: async () => undefined }
      : (log('starting DynamoDB Local…'), await startDynamoDbLocal({ dataDir: options.inMemory ? undefined : dataDir }));
    cleanup.push(() => dynamodb.stop());
    recordDynamoDbLocal(dataDir, dynamodb.pid);

    // Seeders name the tables they fill; their repositories load inside `seed`, after the environment is set.
    const seeders = options.seed ?? true ? (await import('./seed/index.ts')).seedersFor({ demoStores: options.demoStores, demoHouseholds: options.demoHouseholds }) : [];
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    cleanup.push(() => client.destroy());
    await ensureTables(client, manifest.tables, prefix, { streamLater: new Set(seeders.flatMap((seeder) => seeder.fills ?? [])) });
    setFunctionEnvironment(manifest, prefix, dynamodb.endpoint, dataDir, options.rationingPolicy ?? '2020', options.reliefProgram ?? 'relief-2020');

    const functions = new FunctionLoader(manifest);
    const bus = new LocalEventBus(manifest, functions, onError);
    (globalThis as { [LOCAL_BUS]?: LocalEventBus })[LOCAL_BUS] = bus;
    cleanup.push(() => bus.settled());
    const issuer = await OfficialIssuer.fromJwk(secrets.signingKey);

    // Persisted like the stream checkpoints: a shared DynamoDB Local (tests) keeps nothing across runs.
    const persistent = !(options.inMemory || options.dynamoEndpoint);
    const queues = new LocalQueues(manifest, (name, event) => functions.invoke(name, event), {
      ...(persistent ? { dir: resolve(dataDir, 'queues') } : {}),
      onError,
    });
    (globalThis as { [LOCAL_QUEUES]?: LocalQueues })[LOCAL_QUEUES] = queues;
    cleanup.push(() => queues.stop());
    const uploadsSecret = randomBytes(32).toString('base64url');
    process.env.LOCAL_UPLOADS_KEY = uploadsSecret;
    const notifies = manifest.uploads?.notifies;
    const uploads = notifies
      ? { dir: resolve(dataDir, 'uploads'), secret: uploadsSecret, announce: (file: { key: string; size: number }) => queues.send(notifies, [JSON.stringify(s3Event(file))]) }
      : undefined;

    const localSns = new FileNotifier(localSnsFiles(dataDir));
    const confirmSubscription = async (token: string) => (await localSns.confirm(token)) !== undefined;
    const server: Server = await startGateway(
      { manifest, functions, issuer, webRoot: WEB_BUILD, onError, confirmSubscription, ...(uploads ? { uploads } : {}), ...(options.managedLogin ? { managedLogin: options.managedLogin } : {}) },
      options.port ?? 3000,
    );
    cleanup.push(() => new Promise<void>((done) => server.close(() => done())));
    cleanup.push(() => server.closeAllConnections());
    const port = (server.address() as AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    process.env.LOCAL_UPLOADS_URL = baseUrl;
    queues.start();

    const credentials = emptyDemoCredentials(baseUrl);
    const derive = (purpose: string) => createHmac('sha256', secrets['demo-seed']).update(purpose).digest('base64url');
    // Once the seeders that fill a table themselves are done, its stream goes on, so what later seeders
    // change there (a demo store emptied for an alert) reaches the read models like any other write.
    const lastFilling = seeders.findLastIndex((seeder) => (seeder.fills ?? []).length > 0);
    for (const [index, seeder] of seeders.entries()) {
      log(`seeding demo ${seeder.name}…`);
      await seeder.seed({ derive, issuer, secretsFile: resolve(dataDir, 'secrets.json'), credentials, progress: log, queuesDrained: () => queues.drained() });
      if (index === lastFilling) await ensureTables(client, manifest.tables, prefix);
    }
    // Every table as the manifest says (the filled ones have their streams by now).
    const tables = await ensureTables(client, manifest.tables, prefix);

    const scheduler = new Scheduler(manifest, functions, onError);
    if (options.timers ?? true) scheduler.start();
    cleanup.push(() => scheduler.stop());

    const subscriptions: StreamSubscription[] = manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((t) => {
        if (t.kind !== 'stream') return [];
        const streamArn = tables.get(t.table)?.LatestStreamArn;
        if (!streamArn) throw new Error(`Table ${t.table} has no stream, but ${fn.name} reads it`);
        return [{ table: t.table, tableName: prefix + t.table, streamArn, functionName: fn.name, batchSize: t.batchSize ?? 100 }];
      }),
    );
    const streams = new StreamPoller(
      dynamodb.endpoint,
      subscriptions,
      functions,
      {
        checkpoints: options.inMemory || options.dynamoEndpoint ? undefined : resolve(dataDir, 'stream-checkpoints.json'),
        deadLetters: resolve(dataDir, 'dead-letters.jsonl'),
      },
      onError,
    );
    if (options.streams ?? true) {
      await streams.start();
      (globalThis as { [LOCAL_WRITES]?: (table: string) => void })[LOCAL_WRITES] = (table) => streams.nudge(table);
      cleanup.push(() => streams.stop());
      // Ready means consistent: the read models have caught up with the seeded data.
      log('bringing read models up to date…');
      await streams.drained();
    }

    writeFileSync(resolve(dataDir, 'demo-credentials.json'), JSON.stringify(credentials, null, 2), { mode: 0o600 });

    return {
      baseUrl,
      port,
      dataDir,
      dynamoEndpoint: dynamodb.endpoint,
      tableNames: new Map([...tables].map(([name, t]) => [name, t.TableName ?? name])),
      credentials,
      functions,
      scheduler,
      streams,
      bus,
      issuer,
      queues,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

/**
 * The handlers of the manifest, wired to a running system's DynamoDB Local, for `npm run invoke`. It
 * starts nothing and writes none of the system's files (credentials, secrets, checkpoints, runtime.json):
 * those belong to the `npm start` that owns the data directory. Handlers read its secrets and do what they
 * do on a call through the gateway.
 */
export const attachFunctions = (options: {
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly rationingPolicy?: RationingPolicyName;
  readonly reliefProgram?: ReliefProgramName;
  readonly manifest?: Manifest;
  readonly onError?: (error: unknown, functionName?: string) => void;
}): { functions: FunctionLoader; stop(): Promise<void> } => {
  const manifest = options.manifest ?? defaultManifest;
  const onError = options.onError ?? ((error: unknown, fn?: string) => console.error(`[${fn ?? 'local'}]`, error));
  setFunctionEnvironment(manifest, '', options.dynamoEndpoint, resolve(options.dataDir), options.rationingPolicy ?? '2020', options.reliefProgram ?? 'relief-2020');
  const functions = new FunctionLoader(manifest);
  const bus = new LocalEventBus(manifest, functions, onError);
  (globalThis as { [LOCAL_BUS]?: LocalEventBus })[LOCAL_BUS] = bus;
  return { functions, stop: () => bus.settled() };
};
