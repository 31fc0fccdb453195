import { httpRoute } from '../../shared/http/route.ts';
import { uploadStores } from '../../shared/relief/registry-contracts.ts';
import { startUpload } from './import-upload.ts';

// The list of stores is national, as for POST /v1/admin/stores:import.
export const handler = httpRoute(uploadStores, (request) => startUpload('stores', request));
