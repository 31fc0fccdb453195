import { requireNationalAdmin } from '../../shared/auth/principal.ts';
import { RegistryImportsRepository } from '../../shared/data/registry-imports-repository.ts';
import { notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { getHouseholdImport } from '../../shared/relief/registry-contracts.ts';
import { MAX_REPORTED_ERRORS } from '../../shared/relief/registry-import.ts';

const imports = new RegistryImportsRepository();

export const handler = httpRoute(getHouseholdImport, async ({ params, principal }) => {
  requireNationalAdmin(principal);
  const record = await imports.get(params.importId);
  if (!record) throw notFound(`There is no import ${params.importId}.`);
  const errors = (record.rejected ?? 0) > 0 ? await imports.errors(record.importId, MAX_REPORTED_ERRORS) : [];
  return json(
    {
      importId: record.importId,
      kind: record.kind,
      format: record.format,
      status: record.status,
      rowsRead: record.rowsRead ?? 0,
      upserted: record.upserted ?? 0,
      rejected: record.rejected ?? 0,
      chunks: { total: record.chunksTotal ?? null, done: record.chunksDone ?? 0 },
      errors: errors.sort((a, b) => a.row - b.row),
      failure: record.failure ?? null,
      createdAt: record.createdAt,
      finishedAt: record.finishedAt ?? null,
    },
    200,
    { 'cache-control': 'no-store' },
  );
});
