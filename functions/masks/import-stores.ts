import { randomUUID } from 'node:crypto';
import { requireAdmin } from '../../shared/auth/principal.ts';
import { StoreImportsRepository } from '../../shared/data/store-imports-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { geocoder } from '../../shared/geocoder.ts';
import { conflict, idempotencyKeyReused, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { importStores } from '../../shared/masks/contracts.ts';
import { ImportFormatError, runImport } from '../../shared/masks/store-import.ts';

const deps = { writer: new StoresRepository(), log: new StoreImportsRepository(), geocoder, now: () => new Date() };

export const handler = httpRoute(importStores, async ({ body, query, principal }) => {
  requireAdmin(principal);
  const importId = query.importId ?? randomUUID();
  const outcome = await runImport(deps, importId, body).catch((error: unknown) => {
    throw error instanceof ImportFormatError ? validationFailed([{ field: 'body', message: error.message }]) : error;
  });
  if (outcome === 'in-progress') throw conflict(`Import ${importId} is still running; follow it at /v1/admin/imports/${importId}.`);
  if (outcome === 'id-reused') throw idempotencyKeyReused(`importId ${importId} was already used for other rows; send this file with a new importId.`);
  return json(outcome);
});
