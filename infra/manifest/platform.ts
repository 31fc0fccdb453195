import type { FunctionSpec, TableSpec } from './types.ts';

/** The foundation every context uses: credentials, the audit trail, idempotency, health, OpenAPI (the alerts are in alerts.ts). */
export const platformTables: readonly TableSpec[] = [
    {
      // Hashed bearer credentials (store keys, device tokens). The plaintext is shown once and never stored.
      name: 'credentials',
      partitionKey: { name: 'pk', type: 'S' },
      indexes: [
        // To rotate or revoke every credential of one store or case without a Scan.
        { name: 'bySubject', partitionKey: { name: 'subject', type: 'S' }, projection: 'KEYS_ONLY' },
      ],
    },
    {
      // The tamper-evident audit trail: each `log` (region, Korean day, shard) is a hash chain in `seq`
      // order, so admins read a region's day in a few Queries and a changed or missing entry shows.
      name: 'audit',
      partitionKey: { name: 'log', type: 'S' },
      sortKey: { name: 'seq', type: 'N' },
    },
    {
      // Powertools idempotency records and other short-lived guards.
      name: 'idempotency',
      partitionKey: { name: 'id', type: 'S' },
      ttlAttribute: 'expiration',
    },
];

export const platformFunctions: readonly FunctionSpec[] = [
    {
      name: 'health',
      entry: 'functions/platform/health.ts',
      description: 'Liveness that proves the whole path: gateway, handler, DynamoDB.',
      triggers: [{ kind: 'http', method: 'GET', path: '/v1/health', auth: 'public', operationId: 'getHealth' }],
      uses: { tables: { credentials: 'read' } },
    },
    {
      name: 'openapi',
      entry: 'functions/platform/openapi.ts',
      description: 'The OpenAPI 3.1 document, generated from the manifest and the route contracts.',
      triggers: [
        { kind: 'http', method: 'GET', path: '/v1/openapi.json', auth: 'public', operationId: 'getOpenApi' },
      ],
      uses: {},
    },
    {
      name: 'official-me',
      entry: 'functions/platform/official-me.ts',
      description: 'Who the signed-in official is: role, region, officer id.',
      triggers: [
        { kind: 'http', method: 'GET', path: '/v1/officials/me', auth: 'official', operationId: 'getOfficialMe' },
      ],
      uses: {},
    },
    {
      name: 'bearer-authorizer',
      entry: 'functions/platform/bearer-authorizer.ts',
      description: 'Resolves a store key or device token to its store or case.',
      triggers: [],
      uses: { tables: { credentials: 'read' }, secrets: ['id-pepper'] },
      memoryMb: 256,
    },
];
