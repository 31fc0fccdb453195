import type { FunctionSpec, TableSpec, Uses } from './types.ts';

/**
 * Self-quarantine: cases, their enrolment codes, and what happens to a case (check-ins, kept outside
 * positions, fence transitions, idempotency records of the device's writes). Every read is a GetItem or a
 * Query on one of these keys; the sweeps read the sparse, sharded `due` index, never a Scan.
 */
export const quarantineTables: readonly TableSpec[] = [
  {
    // One item per case (`caseId`): the sealed person, home, fence, the engine's state, last seen, the
    // next thing due. The positions handler reads and conditionally updates only this item (`v`).
    name: 'quarantine-cases',
    partitionKey: { name: 'caseId', type: 'S' },
    indexes: [
      // A region's cases in one state (`11#active`), newest first: the admin's and the region map's list.
      { name: 'byRegionState', partitionKey: { name: 'regionState', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // An officer's cases in one state (`11#officer-seoul-01#active`): "my cases".
      { name: 'byOfficerState', partitionKey: { name: 'officerState', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // Sparse: only cases with something due (a check-in window's end, a silence deadline, an outing's
      // end, the case's end, the purge) carry `dueShard` (`DUE#0`…`DUE#15`); the sweep reads those up to now.
      { name: 'due', partitionKey: { name: 'dueShard', type: 'S' }, sortKey: { name: 'nextDueAt', type: 'S' } },
    ],
  },
  {
    // Under `caseId`, sorted by `sk`: `checkin#<at>#<checkinId>`, `position#<at>#<id>` (outside positions
    // only: the evidence of an exit), `transition#<at>`, and `request#checkin#<id>` / `request#position#<id>`,
    // the idempotency records that give a retried id its first answer. The purge deletes them all.
    name: 'quarantine-events',
    partitionKey: { name: 'caseId', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    // A backstop after the purge, which deletes explicitly: DynamoDB Local never expires items.
    ttlAttribute: 'expiresAt',
  },
  {
    // `code#<locator hash>`: an issued enrolment code (its verifier hash, never the code);
    // `client#<keyed hash of the caller's address>`: the failed attempts of one client.
    name: 'enrollment-codes',
    partitionKey: { name: 'pk', type: 'S' },
    // Not `expiresAt`: that is the code's own expiry (ISO), which the redemption judges.
    ttlAttribute: 'purgeAt',
  },
];

/** What an official's case route touches: the case, its codes and token, the sealed person, the audit trail. */
const caseOfficial: Uses = {
  tables: { 'quarantine-cases': 'read-write', 'enrollment-codes': 'read-write', credentials: 'read-write', audit: 'read-write' },
  secrets: ['id-pepper'],
};

export const quarantineFunctions: readonly FunctionSpec[] = [
  {
    name: 'create-quarantine-case',
    entry: 'functions/quarantine/create-quarantine-case.ts',
    description: 'An official registers a person in self-quarantine: the sealed person, the home fence, a single-use enrolment code.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/cases', auth: 'official', operationId: 'createQuarantineCase' }],
    uses: { ...caseOfficial, personalData: 'encrypt', geocoder: true },
  },
  {
    name: 'list-quarantine-cases',
    entry: 'functions/quarantine/list-quarantine-cases.ts',
    description: 'Cases of a region or an officer in one state, newest first, with their open alerts; no names.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/quarantine/cases', auth: 'official', operationId: 'listQuarantineCases' }],
    uses: { tables: { 'quarantine-cases': 'read', alerts: 'read' } },
  },
  {
    name: 'get-quarantine-case',
    entry: 'functions/quarantine/get-quarantine-case.ts',
    description: 'One case for its officer: the person unsealed, home, fence, timeline; audited.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/quarantine/cases/{caseId}', auth: 'official', operationId: 'getQuarantineCase' }],
    uses: { tables: { 'quarantine-cases': 'read', 'quarantine-events': 'read', alerts: 'read', audit: 'read-write' }, personalData: 'decrypt' },
  },
  {
    name: 'act-on-quarantine-case',
    entry: 'functions/quarantine/act-on-quarantine-case.ts',
    description: 'Close, extend, or re-issue the enrolment code of a case (the old phone stops at once).',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/cases/{caseId}', auth: 'official', operationId: 'actOnQuarantineCase' }],
    uses: caseOfficial,
  },
  {
    name: 'create-quarantine-outing',
    entry: 'functions/quarantine/create-quarantine-outing.ts',
    description: 'An official permits an outing: leaving home then does not alarm, not being back by its end does.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/cases/{caseId}/outings', auth: 'official', operationId: 'createQuarantineOuting' }],
    uses: caseOfficial,
  },
  {
    name: 'enroll-quarantine-device',
    entry: 'functions/quarantine/enroll-quarantine-device.ts',
    description: 'The check-in app enrols with its single-use code and gets the case’s device token.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/enroll', auth: 'public', operationId: 'enrollQuarantineDevice' }],
    uses: { tables: { 'quarantine-cases': 'read-write', 'enrollment-codes': 'read-write', credentials: 'read-write' }, secrets: ['id-pepper'] },
  },
  {
    name: 'get-quarantine-me',
    entry: 'functions/quarantine/get-quarantine-me.ts',
    description: 'The person’s own status for the check-in app: days left, next window, at home, outings.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/quarantine/me', auth: 'device-token', operationId: 'getQuarantineMe' }],
    uses: { tables: { 'quarantine-cases': 'read' } },
  },
  {
    name: 'submit-quarantine-checkin',
    entry: 'functions/quarantine/submit-quarantine-checkin.ts',
    description: 'The twice-daily self-diagnosis, applied once by its id; symptoms alert the case officer.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/checkins', auth: 'device-token', operationId: 'submitQuarantineCheckin' }],
    uses: { tables: { 'quarantine-cases': 'read-write', 'quarantine-events': 'read-write', alerts: 'read-write' } },
  },
];
