import type { FunctionSpec, QueueSpec, TableSpec, UploadsSpec } from './types.ts';

/**
 * The household registry's imports: a national administrator asks for an upload URL, puts the file
 * there (22 million rows are far beyond a request), and the import worker reads it from the queue a
 * chunk at a time. Store imports of any size take the same way (the upload's key says which).
 */
export const reliefRegistryTables: readonly TableSpec[] = [
  {
    // By `pk` and `sk`:
    // - `<importId>` / `import`: what was asked (kind, format, the fingerprint of the request), status,
    //   and the counters rows read, upserted, rejected, chunks planned and done, all added in the
    //   transaction that marks a chunk done.
    // - `<importId>` / `chunk#<n>`: a chunk applied (condition: new), with its first row errors: a
    //   redelivered chunk finds it and changes nothing twice; the import's errors are a Query of these.
    name: 'relief-imports',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    // Clean-up only: an import is history after a month; nothing reads it for correctness.
    ttlAttribute: 'expiresAt',
  },
];

/** 300 s per chunk at most; SQS's advice is a visibility timeout of six times the consumer's timeout. */
const WORKER_TIMEOUT_SECONDS = 300;

export const reliefRegistryQueues: readonly QueueSpec[] = [
  {
    name: 'registry-imports',
    description: 'Uploaded import files (S3 events) and the chunks each one is split into.',
    visibilityTimeoutSeconds: 6 * WORKER_TIMEOUT_SECONDS,
    maxReceives: 5,
  },
];

export const reliefRegistryUploads: UploadsSpec = {
  description: 'Import files (households, stores) put by administrators through presigned URLs.',
  notifies: 'registry-imports',
  expireAfterDays: 7,
};

export const reliefRegistryFunctions: readonly FunctionSpec[] = [
  {
    name: 'relief-registry-imports',
    entry: 'functions/relief/registry-imports.ts',
    description: 'National administrators start a household or store import (an upload URL) and follow its progress.',
    triggers: [
      { kind: 'http', method: 'POST', path: '/v1/admin/households:import', auth: 'official', operationId: 'importHouseholds' },
      { kind: 'http', method: 'GET', path: '/v1/admin/households/imports/{importId}', auth: 'official', operationId: 'getHouseholdImport' },
      { kind: 'http', method: 'POST', path: '/v1/admin/stores:upload', auth: 'official', operationId: 'uploadStores' },
    ],
    uses: { tables: { 'relief-imports': 'read-write', audit: 'read-write' }, uploads: ['write'] },
  },
  {
    name: 'relief-registry-import-worker',
    entry: 'functions/relief/registry-import-worker.ts',
    description: 'Splits an uploaded import into chunks and applies each chunk: households upserted by id, stores by code.',
    triggers: [{ kind: 'queue', queue: 'registry-imports', batchSize: 1, maxConcurrency: 4 }],
    uses: {
      tables: { 'relief-imports': 'read-write', 'relief-households': 'read-write', stores: 'read-write' },
      uploads: ['read'],
      queues: ['registry-imports'],
      secrets: ['id-pepper'],
      geocoder: true,
    },
    timeoutSeconds: WORKER_TIMEOUT_SECONDS,
    memoryMb: 1024,
  },
];
