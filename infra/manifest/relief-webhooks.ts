import { PARTNER_SIGNATURE_USES } from './alerts.ts';
import type { FunctionSpec } from './types.ts';

const route = (name: string, operationId: string) =>
  ({ kind: 'http', method: 'POST', path: `/v1/relief/webhooks/${name}`, auth: 'partner-signature', operationId }) as const;

/**
 * The card companies' four webhooks, in one function (`routeTable`): the same warm containers answer a
 * company's applications and payments, and the stack spends one function's resources on them, not four.
 */
export const reliefWebhooksFunctions: readonly FunctionSpec[] = [
  {
    name: 'relief-webhooks',
    entry: 'functions/relief/webhooks.ts',
    description: 'Card companies’ signed webhooks: applications, authorizations, reversals, region changes; each a ledger transaction with its first answer.',
    triggers: [
      route('applications', 'reliefApplication'),
      route('authorizations', 'reliefAuthorization'),
      route('reversals', 'reliefReversal'),
      route('region-changes', 'reliefRegionChange'),
    ],
    uses: {
      tables: {
        ...PARTNER_SIGNATURE_USES.tables,
        // read-write: the grant transaction sets the household's `grantId`.
        'relief-households': 'read-write',
        'relief-grants': 'read-write',
        'relief-ledger': 'read-write',
        'relief-requests': 'read-write',
      },
      secrets: ['partner-keys', 'id-pepper'],
    },
    // A card network waits 2–3 s; past that the answer is a decline, so the function never needs long.
    timeoutSeconds: 10,
    memoryMb: 1024,
  },
];
