import { routeTable } from '../../shared/http/route-table.ts';
import { handler as addPartner } from './add-partner.ts';
import { handler as listPartners } from './list-partners.ts';
import { handler as rotatePartnerSecret } from './rotate-partner-secret.ts';

/** The `relief-partners` function: the three admin routes of card companies and their secrets. */
export const handler = routeTable({ addPartner, rotatePartnerSecret, listPartners });
