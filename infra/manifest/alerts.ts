import type { FunctionSpec, TableSpec, Uses } from './types.ts';

/**
 * Officials' alerts: the outbox every context raises into, the inbox and its live feed, the lifecycle
 * and the escalation of unanswered `high` alerts. Index sort keys are ISO times, so newest first is a
 * backwards Query; every read is a Query on one of these partitions, never a Scan.
 */
export const alertsTables: readonly TableSpec[] = [
  {
    // `alert#<id>`: an alert and its life. `open#<type>#<subject>`: the guard that keeps one unresolved
    // alert per subject and type, written and deleted in the same transactions as the alert.
    name: 'alerts',
    partitionKey: { name: 'pk', type: 'S' },
    // The outbox: the INSERT of an `alert#` item is published to SNS; changes and guards are not.
    stream: 'NEW_IMAGE',
    indexes: [
      // Sparse: only unpublished alerts carry `pendingShard`, so the redrive sweep reads just those.
      { name: 'pending', partitionKey: { name: 'pendingShard', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // A region's inbox, newest first (admins; an officer's "the rest of my region").
      { name: 'byRegion', partitionKey: { name: 'region', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // A region's inbox in one state (`11#open`): the console's default view needs no filter.
      { name: 'byRegionState', partitionKey: { name: 'regionState', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // An officer's own alerts first (`11#officer-seoul-01`); sparse, alerts for no officer are not in it.
      { name: 'byOfficer', partitionKey: { name: 'officerKey', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // An officer's own alerts in one state (`11#officer-seoul-01#open`).
      { name: 'byOfficerState', partitionKey: { name: 'officerState', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // The live feed: a region's alerts by when they last changed (`<changedAt>#<alertId>`), read after a cursor.
      { name: 'changes', partitionKey: { name: 'region', type: 'S' }, sortKey: { name: 'changedKey', type: 'S' } },
      // Sparse: only open, unescalated `high` alerts carry `dueShard`, so the escalation sweep reads just those, by deadline.
      { name: 'due', partitionKey: { name: 'dueShard', type: 'S' }, sortKey: { name: 'deadlineAt', type: 'S' } },
    ],
  },
];

export const alertsFunctions: readonly FunctionSpec[] = [
  {
    name: 'publish-alerts',
    entry: 'functions/platform/publish-alerts.ts',
    description: 'Publishes new outbox alerts to SNS with the attributes officials filter on.',
    triggers: [{ kind: 'stream', table: 'alerts', batchSize: 25 }],
    uses: { tables: { alerts: 'read-write' }, topics: ['alerts'] },
  },
  {
    name: 'redrive-alerts',
    entry: 'functions/platform/redrive-alerts.ts',
    description: 'Publishes outbox alerts the stream consumer could not (SNS down, DLQ) so none is lost.',
    triggers: [{ kind: 'schedule', expression: 'rate(5 minutes)' }],
    uses: { tables: { alerts: 'read-write' }, topics: ['alerts'] },
  },
  {
    name: 'list-alerts',
    entry: 'functions/alerts/list-alerts.ts',
    description: 'The alerts inbox of the signed-in official, newest first, by cursor.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/alerts', auth: 'official', operationId: 'listAlerts' }],
    uses: { tables: { alerts: 'read' } },
  },
  {
    name: 'alert-changes',
    entry: 'functions/alerts/alert-changes.ts',
    description: 'The console’s live feed: alerts raised or changed after a cursor.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/alerts/changes', auth: 'official', operationId: 'getAlertChanges' }],
    uses: { tables: { alerts: 'read' } },
  },
  {
    name: 'act-on-alert',
    entry: 'functions/alerts/act-on-alert.ts',
    description: 'An official acknowledges or resolves an alert (`<alertId>:acknowledge`, `<alertId>:resolve`); audited.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/alerts/{alertAction}', auth: 'official', operationId: 'actOnAlert' }],
    uses: { tables: { alerts: 'read-write', audit: 'read-write' } },
  },
  {
    name: 'escalate-alerts',
    entry: 'functions/alerts/escalate-alerts.ts',
    description: 'Escalates `high` alerts nobody acknowledged by their deadline to the region’s admins, once; audited.',
    triggers: [{ kind: 'schedule', expression: 'rate(1 minute)' }],
    uses: { tables: { alerts: 'read-write', audit: 'read-write' } },
  },
  {
    name: 'watch-empty-stores',
    entry: 'functions/masks/watch-empty-stores.ts',
    description: 'Alerts when a store has been empty for hours and no store within 1 km has masks (STORE_EMPTY).',
    triggers: [{ kind: 'schedule', expression: 'rate(15 minutes)' }],
    uses: { tables: { stores: 'read', 'store-cells': 'read', alerts: 'read-write' } },
    timeoutSeconds: 120,
  },
];

/**
 * What a function with a `partner-signature` route must also declare: a rejected signature is counted
 * (idempotency table) and, past the threshold, raises `SIGNATURE_REJECTIONS` (alerts table).
 * `test/unit/alerts/partner-uses.test.ts` holds every such function to it.
 */
export const PARTNER_SIGNATURE_USES = { tables: { alerts: 'read-write', idempotency: 'read-write' } } as const satisfies Uses;
