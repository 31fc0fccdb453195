import { PARTNER_SIGNATURE_USES } from './alerts.ts';
import type { FunctionSpec } from './types.ts';

/**
 * Relief reports: settlements, statistics and the unclaimed in one function (one warm container, one
 * role: it only reads), and the expiry at the end of spending on a schedule.
 */
export const reliefReportsFunctions: readonly FunctionSpec[] = [
  {
    name: 'relief-reports',
    entry: 'functions/relief/reports.ts',
    description: 'Settlements of a card company’s Korean day (national admins, or the company with a signed GET; JSON or CSV), the paid curve and the won by region and day, the unclaimed households.',
    triggers: [
      { kind: 'http', method: 'GET', path: '/v1/admin/relief/settlements', auth: 'official', operationId: 'getReliefSettlement' },
      { kind: 'http', method: 'GET', path: '/v1/relief/settlements', auth: 'partner-signature', operationId: 'getPartnerSettlement' },
      { kind: 'http', method: 'GET', path: '/v1/admin/relief/stats', auth: 'official', operationId: 'getReliefStats' },
      { kind: 'http', method: 'GET', path: '/v1/admin/relief/unclaimed', auth: 'official', operationId: 'listUnclaimedHouseholds' },
    ],
    // The unclaimed list is a read of who never applied: audited, hence the audit table.
    // A card company's signed GET counts its rejected signatures like the webhooks do.
    uses: { tables: { ...PARTNER_SIGNATURE_USES.tables, 'relief-ledger': 'read', 'relief-households': 'read', audit: 'read-write' }, secrets: ['partner-keys'] },
    timeoutSeconds: 10,
  },
  {
    name: 'expire-relief-grants',
    entry: 'functions/relief/expire-relief-grants.ts',
    description: 'After the spending end, each grant’s remaining balance to `expired`, exactly once, through the sparse `expiry` index (16 shards); a run continues where the last stopped.',
    triggers: [{ kind: 'schedule', expression: 'rate(5 minutes)' }],
    // The ledger's expiry transaction writes the transfer, the `expired` account, the day's statistics and the grant.
    uses: { tables: { 'relief-grants': 'read-write', 'relief-ledger': 'read-write' } },
    timeoutSeconds: 120,
  },
];
