import { routeTable } from '../../shared/http/route-table.ts';
import { handler as getPartnerSettlement } from './get-partner-settlement.ts';
import { handler as getReliefSettlement } from './get-relief-settlement.ts';
import { handler as getReliefStats } from './get-relief-stats.ts';
import { handler as listUnclaimedHouseholds } from './list-unclaimed-households.ts';

/** The relief reports: settlements (officials' and the card companies' own), statistics, the unclaimed. */
export const handler = routeTable({ getReliefSettlement, getPartnerSettlement, getReliefStats, listUnclaimedHouseholds });
