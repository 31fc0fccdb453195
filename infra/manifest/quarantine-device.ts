import type { FunctionSpec } from './types.ts';

/** Self-quarantine, the device's positions and the sweeps that watch every case. */
export const quarantineDeviceFunctions: readonly FunctionSpec[] = [
  {
    name: 'submit-quarantine-positions',
    entry: 'functions/quarantine/submit-positions.ts',
    description: 'The check-in app’s positions, heartbeat and location status: the geofence engine over the batch, alerts, one write of the case.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/quarantine/positions', auth: 'device-token', operationId: 'submitQuarantinePositions' }],
    // Alerts: raised (exit, return, location off); audit: a return resolves the open exit as `system:`, audited.
    uses: { tables: { 'quarantine-cases': 'read-write', 'quarantine-events': 'read-write', alerts: 'read-write', audit: 'read-write' } },
  },
  {
    name: 'sweep-quarantine-cases',
    entry: 'functions/quarantine/sweep-quarantine-cases.ts',
    description: 'Every minute, the cases with a deadline passed (16 due shards): missed check-ins, silence, overdue outings, the end (token revoked) and the purge.',
    triggers: [{ kind: 'schedule', expression: 'rate(1 minute)' }],
    uses: {
      tables: { 'quarantine-cases': 'read-write', 'quarantine-events': 'read-write', 'enrollment-codes': 'read-write', alerts: 'read-write', audit: 'read-write', credentials: 'read-write' },
      secrets: ['id-pepper'],
    },
    timeoutSeconds: 120,
  },
];
