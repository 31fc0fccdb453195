import { httpRoute } from '../../shared/http/route.ts';
import { importHouseholds } from '../../shared/relief/registry-contracts.ts';
import { startUpload } from './import-upload.ts';

// The registry is national: only national administrators import it.
export const handler = httpRoute(importHouseholds, (request) => startUpload('households', request));
