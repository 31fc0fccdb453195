import type { FunctionSpec, TableSpec } from './types.ts';

/** Officials: who exists and may sign in, what admins do to them, and the audit trail they read. */
export const officialsTables: readonly TableSpec[] = [
  {
    // The officials directory: `official#<officerId>` is who exists and whether they are enabled (every
    // official request reads it once, so a disabled official is refused at once even with a valid token);
    // `email#<address>` claims an address, so two officials never share one (written in one transaction).
    name: 'officials',
    partitionKey: { name: 'pk', type: 'S' },
    indexes: [
      // A region's officials in officer-id order, for the admin listing; only official items carry `region`.
      { name: 'byRegion', partitionKey: { name: 'region', type: 'S' }, sortKey: { name: 'officerId', type: 'S' } },
    ],
  },
];

export const officialsFunctions: readonly FunctionSpec[] = [
  {
    name: 'list-officials',
    entry: 'functions/officials/list-officials.ts',
    description: 'The officials of a region (admins), or of any region (national admins).',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/admin/officials', auth: 'official', operationId: 'listOfficials' }],
    uses: { tables: { officials: 'read', audit: 'read-write' } },
  },
  {
    name: 'create-official',
    entry: 'functions/officials/create-official.ts',
    description: 'An admin creates an official of their region: the directory entry and the sign-in account.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/admin/officials', auth: 'official', operationId: 'createOfficial' }],
    uses: { tables: { officials: 'read-write', audit: 'read-write' }, userPool: ['create'] },
  },
  {
    name: 'change-official-status',
    entry: 'functions/officials/change-official-status.ts',
    description: 'An admin disables an official (refused at once, signed out everywhere) or enables them again.',
    triggers: [
      // `<officerId>:disable` or `<officerId>:enable` is one path segment, parsed by the contract.
      { kind: 'http', method: 'POST', path: '/v1/admin/officials/{officialAction}', auth: 'official', operationId: 'changeOfficialStatus' },
    ],
    // Subscriptions: a disabled official's e-mail and SMS subscriptions are ended with the account.
    uses: { tables: { officials: 'read-write', audit: 'read-write', subscriptions: 'read-write' }, userPool: ['enable-disable'], subscribes: ['alerts'] },
  },
  {
    name: 'read-audit',
    entry: 'functions/officials/read-audit.ts',
    description: 'A region’s audit trail for one day, with each chain checked link by link (admins).',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/admin/audit', auth: 'official', operationId: 'readAuditTrail' }],
    // Read-write: reading the trail is itself appended to it (`audit.read`).
    uses: { tables: { audit: 'read-write' } },
  },
];

/** Whether a function answers any route signed in as an official. */
export const hasOfficialRoute = (fn: FunctionSpec): boolean =>
  fn.triggers.some((trigger) => trigger.kind === 'http' && trigger.auth === 'official');

/**
 * Every official request reads the caller's directory entry (shared/http/authenticate.ts), so every
 * function with an official route reads the officials table: derived here, once, rather than declared by
 * hand in each context's manifest. The grants on AWS follow from `uses` as for any other table.
 */
export const withOfficialsDirectory = (functions: readonly FunctionSpec[]): FunctionSpec[] =>
  functions.map((fn) => {
    const declared = fn.uses.tables?.officials;
    if (!hasOfficialRoute(fn) || declared === 'read' || declared === 'read-write') return fn;
    return { ...fn, uses: { ...fn.uses, tables: { ...fn.uses.tables, officials: declared === 'write' ? 'read-write' : 'read' } } };
  });
