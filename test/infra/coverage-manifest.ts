import { manifest as projectManifest, type Manifest } from '../../infra/manifest/index.ts';
import { withOfficialsDirectory } from '../../infra/manifest/officials.ts';

/**
 * The project's manifest plus functions that use what it does not use yet: every trigger kind, every
 * auth kind, every table access, events, and an AWS service source (forwarded from the default bus).
 * Entries point at existing handlers: the stack needs a file, and these tests never bundle.
 */
const entry = 'functions/platform/health.ts';

export const coverageManifest: Manifest = {
  ...projectManifest,
  functions: withOfficialsDirectory([
    // The relief functions stay out: the project's stack (project-stack.test.ts) covers their queue and
    // uploads, and with them this stack would pass CloudFormation's 500 resources.
    ...projectManifest.functions.filter((fn) => !fn.name.includes('relief')),
    {
      name: 'coverage-routes',
      entry,
      description: 'One route per auth kind.',
      triggers: [
        { kind: 'http', method: 'PUT', path: '/v1/coverage/stores/{code}/stock', auth: 'store-key', operationId: 'coverageStore' },
        { kind: 'http', method: 'POST', path: '/v1/coverage/cases/{caseId}/check-ins', auth: 'device-token', operationId: 'coverageDevice' },
        { kind: 'http', method: 'POST', path: '/v1/coverage/partners/{partnerId}/authorizations', auth: 'partner-signature', operationId: 'coveragePartner' },
        { kind: 'http', method: 'DELETE', path: '/v1/coverage/regions/{region}', auth: 'official', operationId: 'coverageOfficial' },
        { kind: 'http', method: 'PATCH', path: '/v1/coverage/public', auth: 'public', operationId: 'coveragePublic' },
      ],
      uses: { tables: { idempotency: 'write' }, events: true },
      timeoutSeconds: 20,
    },
    {
      name: 'coverage-geofence',
      entry,
      description: 'Amazon Location geofence events and a domain event.',
      triggers: [
        { kind: 'event', pattern: { source: ['aws.geo'], 'detail-type': ['Location Geofence Event'], detail: { EventType: ['EXIT'] } } },
        { kind: 'event', pattern: { source: ['crisis.quarantine'] } },
        { kind: 'schedule', expression: 'cron(0 9 * * ? *)' },
      ],
      uses: { tables: { credentials: 'read', alerts: 'write' }, topics: ['alerts'], secrets: ['partner-keys'] },
    },
    {
      name: 'coverage-register-case',
      entry,
      description: 'Encrypts a person’s name and phone.',
      triggers: [],
      uses: { personalData: 'encrypt' },
    },
    {
      name: 'coverage-read-case',
      entry,
      description: 'Decrypts a person’s name and phone for their officer.',
      triggers: [],
      uses: { personalData: 'decrypt', topics: ['alerts'] },
    },
    {
      name: 'coverage-correct-case',
      entry,
      description: 'Decrypts and re-encrypts a person’s name and phone.',
      triggers: [],
      uses: { personalData: 'both' },
    },
    {
      name: 'coverage-stream',
      entry,
      description: 'A stream consumer that declares no table.',
      triggers: [{ kind: 'stream', table: 'alerts' }],
      uses: {},
    },
  ]),
};
