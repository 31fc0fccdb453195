import { routeTable } from '../../shared/http/route-table.ts';
import { handler as reliefApplication } from './relief-application.ts';
import { handler as reliefAuthorization } from './relief-authorization.ts';
import { handler as reliefRegionChange } from './relief-region-change.ts';
import { handler as reliefReversal } from './relief-reversal.ts';

/** The card companies' four webhooks in one function: see infra/manifest/relief-webhooks.ts. */
export const handler = routeTable({ reliefApplication, reliefAuthorization, reliefReversal, reliefRegionChange });
