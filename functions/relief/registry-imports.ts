import { routeTable } from '../../shared/http/route-table.ts';
import { handler as getHouseholdImport } from './get-household-import.ts';
import { handler as importHouseholds } from './import-households.ts';
import { handler as uploadStores } from './upload-stores.ts';

/** The registry's import routes in one function (CloudFormation's 500 resources; see routeTable). */
export const handler = routeTable({ importHouseholds, getHouseholdImport, uploadStores });
