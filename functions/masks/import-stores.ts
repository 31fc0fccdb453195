import { randomUUID } from 'node:crypto';
import { requireAdmin } from '../../shared/auth/principal.ts';
import { StoreImportsRepository } from '../../shared/data/store-imports-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { geocoder } from '../../shared/geocoder.ts';
import { badRequest, conflict } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { importStores } from '../../shared/masks/contracts.ts';
import { ImportFormatError, runImport } from '../../shared/masks/store-import.ts';

const deps = { writer: new StoresRepository(), log: new StoreImportsRepository(), geocoder, now: () => new Date() };

export const handler = httpRoute(importStores, async ({ body, query, principal }) => {
  requireAdmin(principal);
  const importId = query.importId ?? randomUUID();
  const outcome = await runImport(deps, importId, body).catch((error: unknown) => {
    throw error instanceof ImportFormatError ? badRequest(error.message) : error;
  });
  if (outcome === 'in-progress') throw conflict(`Import ${importId} is still running; follow it at /v1/admin/imports/${importId}.`);
  return json(outcome);
});
