import type { RouteContract } from './http/contract.ts';
import * as subscriptions from './alerts/subscription-contracts.ts';
import * as alerts from './alerts/contracts.ts';
import * as masks from './masks/contracts.ts';
import * as masksRegional from './masks/regional-contracts.ts';
import * as officials from './officials/contracts.ts';
import * as platform from './platform/contracts.ts';
import * as quarantine from './quarantine/contracts.ts';
import * as quarantineDevice from './quarantine/device-contracts.ts';
import * as reliefReports from './relief/report-contracts.ts';
import * as reliefWebhooks from './relief/contracts.ts';
import * as reliefPartners from './relief/partner-contracts.ts';
import * as reliefRegistry from './relief/registry-contracts.ts';

/**
 * Every route's contract by operationId. The OpenAPI document is built from this, and a test fails
 * when a manifest route has no entry here.
 */
export const contracts: Readonly<Record<string, RouteContract>> = Object.fromEntries(
  [...Object.values(platform), ...Object.values(masks), ...Object.values(alerts), ...Object.values(subscriptions), ...Object.values(masksRegional), ...Object.values(officials), ...Object.values(quarantine), ...Object.values(quarantineDevice), ...Object.values(reliefWebhooks), ...Object.values(reliefReports), ...Object.values(reliefPartners), ...Object.values(reliefRegistry)]
    .filter((value): value is RouteContract => typeof value === 'object' && value !== null && 'operationId' in value).map((contract) => [contract.operationId, contract]),
);
