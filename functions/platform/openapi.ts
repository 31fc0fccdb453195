import { manifest } from '../../infra/manifest/index.ts';
import { contracts } from '../../shared/contracts.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { getOpenApi } from '../../shared/platform/contracts.ts';

// Built once per container: the document only changes with a deployment.
const document = openApiDocument(manifest, contracts);

export const handler = httpRoute(getOpenApi, async () => json(document, 200, { 'cache-control': 'public, max-age=300' }));
