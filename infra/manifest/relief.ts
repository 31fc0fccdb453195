import type { TableSpec } from './types.ts';

/**
 * Relief funds: the household registry, the grants, the double-entry ledger, the card companies and
 * their requests. Every money movement is a `TransactWriteItems` that puts the transfer (condition: new)
 * and changes the balances it moves, with the request record that gives a retry its first answer. The
 * functions are in relief-*.ts, one file per part (webhooks, registry, partners, reports).
 */
export const reliefTables: readonly TableSpec[] = [
  {
    // The resident register of the program's day, by `pk`:
    // - `household#<householdId>`: region, size, the head's and members' keyed hashes, the import that
    //   last wrote it, and `grantId` once granted. The grant transaction sets `grantId` on condition it is
    //   absent (one grant per household, whatever the card company) and removes `unclaimedShard`.
    // - `resident#<keyed hash of a resident number>`: `householdId` and `isHead`; what an application
    //   looks up. Resident numbers themselves are never stored.
    // - `region#<regionCode>`: the region's household count, the denominator of the "paid" curve.
    name: 'relief-households',
    partitionKey: { name: 'pk', type: 'S' },
    indexes: [
      // Sparse: households with no grant yet carry `unclaimedShard` (`U#0`…`U#15`): the unclaimed report
      // and the end of the program read it, never a Scan.
      { name: 'unclaimed', partitionKey: { name: 'unclaimedShard', type: 'S' }, sortKey: { name: 'householdId', type: 'S' }, projection: 'KEYS_ONLY' },
    ],
  },
  {
    // One item per grant (`grantId`): `householdId`, `partnerId`, `regionCode` (a registered move changes it),
    // `granted` and `donated` won, `balance` (the grant's ledger account: every debit is conditional on
    // `balance >= :amount`), the `spent`, `reversed` and `expired` sums, `expiresAt`, `createdAt`,
    // `lastMovedAt`, `cardTokenHash` (the card token's keyed hash; the token itself is never stored).
    name: 'relief-grants',
    partitionKey: { name: 'grantId', type: 'S' },
    indexes: [
      // Sparse: a grant that can still expire carries `expiryShard` (`E#0`…`E#15`); the expiry sweep
      // reads each shard up to now and removes the attribute in the expiry transaction.
      { name: 'expiry', partitionKey: { name: 'expiryShard', type: 'S' }, sortKey: { name: 'expiresAt', type: 'S' } },
      // A card company's grants, newest first: the console's and the company's own listing.
      { name: 'byPartner', partitionKey: { name: 'partnerId', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' }, projection: 'KEYS_ONLY' },
    ],
  },
  {
    // The ledger, by `pk` and `sk`; nothing in it is ever updated but the sums:
    // - `transfer#<transferId>` / `transfer`: kind, debit, credit, amount, grantId, partnerId, at, `day` (the Korean
    //   day); immutable. `partnerDay` (`<partnerId>#<day>`) on the transfers that settle with a card company.
    //   `kind: 'fenced'` (no amount, no grantId, so in no index): an id whose deadline passed before it was
    //   known to commit; the fence makes the attempt in flight fail, so it can never move money later.
    // - `account#<accountId>` / `shard#<n>`: `balance`, a sharded balance of `treasury`, `donations`, `expired`
    //   and each `settlement:<partnerId>` (hot accounts: 16 shards, each transfer adds to one); a grant's
    //   account is its grant item.
    // - `settlement#<partnerId>#<day>` / `shard#<n>`: the day's `approved`, `reversed` and `lateReversed` won
    //   and `approvedCount`, `reversedCount`, `lateReversedCount`, added in the same transaction as the
    //   transfer, so a day's settlement is 16 items, not a Query over a million transfers.
    // - `stats#<day>` / `<regionCode>#shard#<n>`: `households` granted and the won `granted`, `donated`,
    //   `spent`, `reversed` (late reversals included) and `expired` (late reversals included) that day in that
    //   region, added in the same transactions. (shared/data/relief-ledger-repository.ts writes all of these.)
    name: 'relief-ledger',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    indexes: [
      // A card company's settling transfers of one Korean day, in time order: the reconciliation and the CSV.
      { name: 'byPartnerDay', partitionKey: { name: 'partnerDay', type: 'S' }, sortKey: { name: 'at', type: 'S' } },
      // A grant's transfers, in time order: its statement, and the invariants' check.
      { name: 'byGrant', partitionKey: { name: 'grantId', type: 'S' }, sortKey: { name: 'at', type: 'S' } },
    ],
  },
  {
    // What card companies asked, by `pk`, each with the fingerprint of its body and the first answer:
    // - `webhook#<partnerId>#<webhook-id>`: a delivery; the same id with the same body gets the same answer,
    //   with another body 409.
    // - `application#<partnerId>#<applicationId>`, `authorization#<partnerId>#<authorizationId>` (with the
    //   grant, the approved won and `reversed`, which a reversal raises on condition it stays ≤ approved),
    //   `reversal#<partnerId>#<reversalId>`, `region-change#<partnerId>#<webhook-id>`.
    name: 'relief-requests',
    partitionKey: { name: 'pk', type: 'S' },
  },
  {
    // Card companies (`partnerId`): name, when added, when their secret was last rotated. The secrets
    // themselves are in the `partner-keys` secret, never in a table. `#lease#partner-keys` (no partner id
    // starts with `#`) is the lease that serialises admins' read-modify-write of that one JSON secret.
    name: 'relief-partners',
    partitionKey: { name: 'partnerId', type: 'S' },
    indexes: [
      // Added for the admins' listing (GET /v1/admin/partners), which must not Scan: partner items carry
      // `listing` = `partner` (a dozen or so companies fit one partition); the lease carries none.
      { name: 'listing', partitionKey: { name: 'listing', type: 'S' }, sortKey: { name: 'partnerId', type: 'S' } },
    ],
  },
];
