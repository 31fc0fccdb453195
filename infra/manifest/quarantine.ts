import type { TableSpec } from './types.ts';

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
    ttlAttribute: 'expiresAt',
  },
];
