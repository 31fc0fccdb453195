import { consoleFunctions } from './console.ts';
import { alertsFunctions, alertsTables } from './alerts.ts';
import { masksFunctions, masksTables } from './masks.ts';
import { officialsFunctions, officialsTables, withOfficialsDirectory } from './officials.ts';
import { platformFunctions, platformTables } from './platform.ts';
import { quarantineFunctions, quarantineTables } from './quarantine.ts';
import { quarantineDeviceFunctions } from './quarantine-device.ts';
import { reliefTables } from './relief.ts';
import { reliefReportsFunctions } from './relief-reports.ts';
import { reliefWebhooksFunctions } from './relief-webhooks.ts';
import { reliefPartnersFunctions } from './relief-partners.ts';
import { reliefRegistryFunctions, reliefRegistryQueues, reliefRegistryTables, reliefRegistryUploads } from './relief-registry.ts';
import { subscriptionsFunctions, subscriptionsTables } from './subscriptions.ts';
import type { Manifest } from './types.ts';

export type * from './types.ts';

/**
 * crisis-response, as one list. Feature contexts add their tables, functions and topics here;
 * the CDK stack (infra/aws) and the local runtime (infra/local) are both generated from it.
 */
export const manifest: Manifest = {
  service: 'crisis-response',

  tables: [...platformTables, ...masksTables, ...alertsTables, ...subscriptionsTables, ...officialsTables, ...quarantineTables, ...reliefTables, ...reliefRegistryTables],

  topics: [
    {
      name: 'alerts',
      description: 'Alerts for officials (quarantine breaches, fever, missed check-ins, empty districts).',
      filterAttributes: ['alertType', 'severity', 'region', 'officerId'],
    },
    {
      name: 'operations',
      description: 'Alarms for the operators: errors, throttles, dead letters.',
      filterAttributes: [],
    },
  ],

  secrets: [
    { name: 'id-pepper', description: 'Key of the HMAC that hashes identifiers and bearer credentials.' },
    { name: 'partner-keys', description: 'Card companies’ webhook secrets: {"<partnerId>": ["whsec_new", {"secret": "whsec_old", "validUntil": "<ISO>"}]}.' },
  ],

  // Every function with an official route also reads the officials directory (see officials.ts).
  functions: withOfficialsDirectory([...platformFunctions, ...masksFunctions, ...alertsFunctions, ...subscriptionsFunctions, ...consoleFunctions, ...officialsFunctions, ...quarantineFunctions, ...quarantineDeviceFunctions, ...reliefWebhooksFunctions, ...reliefReportsFunctions, ...reliefPartnersFunctions, ...reliefRegistryFunctions]),

  queues: [...reliefRegistryQueues],
  uploads: reliefRegistryUploads,

  authorizers: [
    { auth: 'store-key', function: 'bearer-authorizer' },
    { auth: 'device-token', function: 'bearer-authorizer' },
  ],
};
