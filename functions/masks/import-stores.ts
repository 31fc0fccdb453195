import { randomUUID } from 'node:crypto';
import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { StoreImportsRepository } from '../../shared/data/store-imports-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { geocoder } from '../../shared/geocoder.ts';
import { conflict, idempotencyKeyReused, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { importStores } from '../../shared/masks/contracts.ts';
import { ImportFormatError, runImport } from '../../shared/masks/store-import.ts';

const audit = new AuditRepository();
const deps = { writer: new StoresRepository(), log: new StoreImportsRepository(), geocoder, now: () => new Date() };

// The list of stores is national (a store's region follows from its address), so only national admins import it.
export const handler = httpRoute(importStores, async ({ body, query, principal, requestId }) => {
  const official = requireNationalAdmin(principal);
  const importId = query.importId ?? randomUUID();
  const outcome = await runImport(deps, importId, body).catch((error: unknown) => {
    throw error instanceof ImportFormatError ? validationFailed([{ field: 'body', message: error.message }]) : error;
  });
  if (outcome === 'in-progress') throw conflict(`Import ${importId} is still running; follow it at /v1/admin/imports/${importId}.`);
  if (outcome === 'id-reused') throw idempotencyKeyReused(`importId ${importId} was already used for other rows; send this file with a new importId.`);
  const { officerId, role, region } = official;
  await audit.append({
    actor: { kind: 'official', officerId, role, region },
    action: 'stores.import',
    subject: { kind: 'import', id: importId },
    region,
    at: new Date().toISOString(),
    requestId,
    note: `${outcome.created} created, ${outcome.updated} updated, ${outcome.rejected} rejected`,
  });
  return json(outcome);
});
